package org.bzpeer.profile;

import java.util.List;

import org.bzpeer.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("org.bzpeer.profile", List.of("api", "application", "messaging", "store"));
    }
}
