package org.bzpeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link HeapWatch} counts as kept alive: what survives a full collection, never garbage. */
class HeapWatchTest {

    private static final int MIB = 1 << 20;

    /** Where allocations go, so none is optimised away. */
    private static volatile byte[] sink;

    @Test
    void whatSurvivesAFullCollectionIsKeptAliveAndGarbageIsNot() {
        byte[] held;
        try (HeapWatch heap = HeapWatch.start()) {
            for (int i = 0; i < 64; i++) {
                sink = new byte[MIB];
            }
            sink = null;
            heap.collectNow();
            long afterGarbage = heap.keptAliveBytes();

            held = new byte[32 * MIB];
            heap.collectNow();

            assertThat(afterGarbage).as("64 MiB of garbage collected").isLessThan(8L * MIB);
            assertThat(heap.keptAliveBytes()).as("32 MiB held across a full collection")
                    .isGreaterThanOrEqualTo(32L * MIB);
            assertThat(heap.peakUsedBytes()).isGreaterThanOrEqualTo(heap.baselineBytes() + 32L * MIB);
            assertThat(heap.summary()).contains("after a full one");
        }
        assertThat(held).hasSize(32 * MIB);
    }
}
