package org.bzpeer.graph;

import java.util.List;

import org.bzpeer.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("org.bzpeer.graph", List.of("api", "application", "messaging", "model", "store"));
    }
}
