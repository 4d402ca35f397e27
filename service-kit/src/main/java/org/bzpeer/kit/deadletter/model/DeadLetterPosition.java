package org.bzpeer.kit.deadletter.model;

import java.util.Comparator;

/** Where a record is: topic, partition and offset; for a dead letter, its place in a dead-letter topic. */
public record DeadLetterPosition(String topic, int partition, long offset) implements Comparable<DeadLetterPosition> {

    private static final Comparator<DeadLetterPosition> ORDER = Comparator.comparing(DeadLetterPosition::topic)
            .thenComparingInt(DeadLetterPosition::partition).thenComparingLong(DeadLetterPosition::offset);

    @Override
    public int compareTo(DeadLetterPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
