package org.bzpeer.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Compose file is valid Compose and runs every service the way its code expects. */
class ComposeTest {

    @Test
    void composeFileMatchesTheComposeSpecification() {
        DeployTree.assumeSchemas();
        ComposeSchema schema = ComposeSchema.load(DeployTree.SCHEMAS.resolve("compose-spec/compose-spec.json"));

        assertThat(schema.validate(DeployTree.COMPOSE)).isEmpty();
    }

    @Test
    void composeFileRunsEveryServiceAfterItsInfrastructureIsHealthy() {
        assertThat(ComposeChecks.check(DeployTree.COMPOSE, DeployTree.services(), DeployTree.kit())).isEmpty();
    }
}
