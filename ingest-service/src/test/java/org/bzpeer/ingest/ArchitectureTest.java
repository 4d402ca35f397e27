package org.bzpeer.ingest;

import java.util.List;

import org.bzpeer.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("org.bzpeer.ingest", List.of("api", "application", "format", "model", "store"));
    }
}
