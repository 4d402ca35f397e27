package org.bzpeer.testkit;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service under test at the real test infrastructure: the shared broker, a database named after the
 * service ({@code bzpeer.service-name}), the test tokens' key, issuer and audience, and the browser origins the
 * {@link AuthorizationMatrix} expects to be allowed. Used through {@link ServiceTest}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String service = environment.getRequiredProperty("bzpeer.service-name");
        TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
        environment.getPropertySources().addFirst(new MapPropertySource("bzpeerTestInfrastructure", Map.ofEntries(
                Map.entry("bzpeer.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers()),
                Map.entry("bzpeer.db.host", database.host()),
                Map.entry("bzpeer.db.port", String.valueOf(database.port())),
                Map.entry("bzpeer.db.name", database.name()),
                Map.entry("bzpeer.db.user", database.user()),
                Map.entry("bzpeer.db.password", database.password()),
                Map.entry("bzpeer.security.jwt.public-key", TestTokens.publicKeyFile().toString()),
                Map.entry("bzpeer.security.jwt.issuer", TestTokens.ISSUER),
                Map.entry("bzpeer.security.jwt.audiences", TestTokens.AUDIENCE),
                Map.entry("bzpeer.security.cors.allowed-origins",
                        String.join(",", AuthorizationMatrix.ALLOWED_ORIGINS)),
                Map.entry("bzpeer.outbox.poll-interval", "100ms"))));
    }
}
