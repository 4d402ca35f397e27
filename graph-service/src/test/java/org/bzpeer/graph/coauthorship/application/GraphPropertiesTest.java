package org.bzpeer.graph.coauthorship.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code bzpeer.graph.*} binds with its default and refuses a threshold no pair of authors could fall below. */
class GraphPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void closeCollaboratorsShareTwoWorksUnlessConfiguredOtherwise() {
        context.run(started -> assertThat(started.getBean(GraphProperties.class)
                .closeCollaboratorMinSharedWorks()).isEqualTo(2));
        context.withPropertyValues("bzpeer.graph.close-collaborator-min-shared-works=3")
                .run(started -> assertThat(started.getBean(GraphProperties.class)
                        .closeCollaboratorMinSharedWorks()).isEqualTo(3));
    }

    @Test
    void aThresholdBelowOneSharedWorkIsRejectedAtStartUp() {
        context.withPropertyValues("bzpeer.graph.close-collaborator-min-shared-works=0")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("closeCollaboratorMinSharedWorks"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GraphProperties.class)
    static class Enable {
    }
}
