package org.bzpeer.kit;

import java.util.List;

import org.bzpeer.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The kit's own features (dead letters, parked outbox rows) keep the layering every service keeps. */
class KitArchitectureTest {

    @Test
    void handlersCallUseCasesAndUseCasesCallStores() {
        ServiceArchitecture.check("org.bzpeer.kit", List.of("api", "application", "store", "model", "messaging"));
    }
}
