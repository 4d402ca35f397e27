package org.bzpeer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FigureParsingTest {

    @Test
    void heapInUseIsTheSumOfTheHeapSeries() {
        String exposition = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="graph-service",area="heap",id="Eden Space",service="graph"} 1.5E7
                jvm_memory_used_bytes{application="graph-service",area="heap",id="Tenured Gen",service="graph"} 2.5E7
                jvm_memory_used_bytes{application="graph-service",area="nonheap",id="Metaspace",service="graph"} 9.0E7
                jvm_memory_max_bytes{application="graph-service",area="heap",id="Eden Space",service="graph"} 1.0E8
                """;

        assertThat(PrometheusText.heapUsedBytes(exposition)).isEqualTo(40_000_000L);
        assertThatThrownBy(() -> PrometheusText.heapUsedBytes("up 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peakRssIsTheHighWaterMarkInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  412345 kB\nVmRSS:\t  400000 kB\n";

        assertThat(ProcessMemory.peakRssBytes(status)).isEqualTo(412_345L * 1024);
    }

    @Test
    void producerPerfSummaryIsTheLineWithPercentiles() {
        String progress = "112345 records sent, 22469.0 records/sec (43.88 MB/sec), 512.3 ms avg latency, 900.0 ms "
                + "max latency.";
        String summary = "200000 records sent, 24875.6 records/sec (48.59 MB/sec), 498.91 ms avg latency, 1203.00 ms "
                + "max latency, 470 ms 50th, 890 ms 95th, 1101 ms 99th, 1190 ms 99.9th.";

        assertThat(ProducerPerfBaseline.parseSummary(progress)).isEmpty();
        assertThat(ProducerPerfBaseline.parseSummary(summary)).contains(
                new ProducerPerfBaseline.Result(200_000, 24_875.6, 48.59, 1101));
    }
}
