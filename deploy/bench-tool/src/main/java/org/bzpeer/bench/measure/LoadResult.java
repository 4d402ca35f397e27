package org.bzpeer.bench.measure;

/**
 * What one load run measured.
 *
 * @param requests  answers received (any status)
 * @param seconds   how long the run took
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis the largest latency
 * @param errors    answers with a status of 400 or more, and requests that failed
 */
public record LoadResult(long requests, double seconds, double p50Millis, double p99Millis, double maxMillis,
        long errors) {

    public double perSecond() {
        return requests / seconds;
    }
}
