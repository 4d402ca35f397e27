package org.bzpeer.kit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bzpeer.schemas.EventCodec;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code bzpeer-service-defaults.yml} as the lowest-precedence property source of every service: the
 * wiring all services share (database and broker coordinates from {@code BZPEER_*} environment variables, Flyway,
 * Kafka binder, dead-lettering, health groups, metrics). A service's own {@code application.yml} and the environment
 * override any of it. It also makes Avro trust the event classes before the service builds or reads any event
 * (Avro refuses to instantiate classes it does not trust, e.g. when a builder fills in a default record value).
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "bzpeer-service-defaults.yml";
    private static final String BINDER_CONFIGURATION = "spring.cloud.stream.kafka.binder.configuration.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        EventCodec.instance();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load("bzpeerServiceDefaults", new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        addBinderClientProperties(environment);
    }

    /**
     * Passes {@link KafkaSettings#clientProperties()} to the Spring Cloud Stream binder, below anything configured
     * for the binder explicitly (bootstrap servers go through the binder's own {@code brokers}), so the binder
     * connects and authenticates exactly as the outbox and admin clients do.
     */
    private static void addBinderClientProperties(ConfigurableEnvironment environment) {
        Binder.get(environment).bind("bzpeer.kafka", KafkaSettings.class).ifBound(settings -> {
            Map<String, Object> binder = new LinkedHashMap<>();
            settings.clientProperties().forEach((name, value) -> {
                if (!name.equals("bootstrap.servers")) {
                    binder.put(BINDER_CONFIGURATION + name, value);
                }
            });
            binder.put(BINDER_CONFIGURATION + "client.id", settings.clientId());
            environment.getPropertySources().addLast(new MapPropertySource("bzpeerKafkaClient", binder));
        });
    }
}
