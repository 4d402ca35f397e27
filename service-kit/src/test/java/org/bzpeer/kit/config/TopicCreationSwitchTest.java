package org.bzpeer.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Where an operator owns the topics (Kubernetes, with ACLs that give a service no right to create topics), a service
 * started with {@code BZPEER_KAFKA_CREATE_TOPICS=false} does not try to create any: it would fail to start otherwise.
 */
class TopicCreationSwitchTest {

    @Test
    void noTopicIsCreatedWhenTopicCreationIsSwitchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaConfiguration.class))
                .withPropertyValues("bzpeer.kafka.bootstrap-servers=127.0.0.1:1", "bzpeer.kafka.client-id=test",
                        "bzpeer.kafka.create-topics=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean("bzpeerKafkaAdmin");
                    assertThat(context).doesNotHaveBean("bzpeerTopicsCreator");
                });
    }
}
