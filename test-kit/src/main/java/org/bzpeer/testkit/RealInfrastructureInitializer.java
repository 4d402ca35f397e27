package org.bzpeer.testkit;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service under test at the real test infrastructure: the shared broker, a database named after the
 * service ({@code bzpeer.service-name}), and the test token key. Used through {@link ServiceTest}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String service = environment.getRequiredProperty("bzpeer.service-name");
        TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
        environment.getPropertySources().addFirst(new MapPropertySource("bzpeerTestInfrastructure", Map.of(
                "bzpeer.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                "bzpeer.db.host", database.host(),
                "bzpeer.db.port", String.valueOf(database.port()),
                "bzpeer.db.name", database.name(),
                "bzpeer.db.user", database.user(),
                "bzpeer.db.password", database.password(),
                "bzpeer.jwt.public-key", TestTokens.publicKeyFile().toString(),
                "bzpeer.outbox.poll-interval", "100ms")));
    }
}
