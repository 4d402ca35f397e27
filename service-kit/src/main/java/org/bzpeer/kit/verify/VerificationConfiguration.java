package org.bzpeer.kit.verify;

import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.bzpeer.kit.config.KafkaConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Verification mode, only when {@code bzpeer.verify.live-database} is set; see {@link RebuildVerification}. */
@AutoConfiguration(after = KafkaConfiguration.class)
@ConditionalOnProperty("bzpeer.verify.live-database")
@EnableConfigurationProperties(VerificationSettings.class)
public class VerificationConfiguration {

    @Bean
    RebuildVerification rebuildVerification(VerificationSettings settings, Admin bzpeerKafkaAdmin,
            BindingServiceProperties bindings, @Value("${spring.cloud.stream.default.group}") String group,
            ConfigurableApplicationContext context) {
        List<String> topics = bindings.getBindings().entrySet().stream()
                .filter(binding -> binding.getKey().endsWith("-in-0"))
                .map(binding -> binding.getValue().getDestination())
                .distinct()
                .toList();
        return new RebuildVerification(settings, bzpeerKafkaAdmin, group, topics, context);
    }
}
