package org.bzpeer.bench.measure;

/**
 * Reads figures from a Prometheus text exposition ({@code /actuator/prometheus}).
 */
public final class PrometheusText {

    private static final String HEAP_USED = "jvm_memory_used_bytes{";

    private PrometheusText() {
    }

    /** The heap in use: the sum of {@code jvm_memory_used_bytes} over every series labelled {@code area="heap"}. */
    public static long heapUsedBytes(String exposition) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(HEAP_USED) && line.contains("area=\"heap\"")) {
                String value = line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0];
                total += Double.parseDouble(value);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no jvm_memory_used_bytes series with area=\"heap\"");
        }
        return (long) total;
    }
}
