package org.bzpeer.bench.measure;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of durations: the p-th percentile is the smallest sample such that at least p
 * percent of the samples are no larger, so it is always a duration that was really measured.
 */
public final class Percentiles {

    private final long[] sortedNanos;

    private Percentiles(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    /** The {@code percentile}-th percentile (0 < percentile <= 100) in milliseconds. */
    public double millis(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    public int count() {
        return sortedNanos.length;
    }
}
