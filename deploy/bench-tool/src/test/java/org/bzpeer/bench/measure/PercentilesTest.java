package org.bzpeer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredSamplesIsTheSampleAtThatRank() {
        long[] millis = LongStream.rangeClosed(1, 100).map(ms -> (101 - ms) * 1_000_000).toArray();
        Percentiles percentiles = Percentiles.ofNanos(millis);

        assertThat(percentiles.millis(50)).isEqualTo(50.0);
        assertThat(percentiles.millis(99)).isEqualTo(99.0);
        assertThat(percentiles.millis(100)).isEqualTo(100.0);
        assertThat(percentiles.count()).isEqualTo(100);
    }

    @Test
    void aPercentileIsAlwaysAMeasuredSample() {
        Percentiles three = Percentiles.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000});

        assertThat(three.millis(1)).isEqualTo(1.0);
        assertThat(three.millis(50)).isEqualTo(2.0);
        assertThat(three.millis(99)).isEqualTo(3.0);
    }

    @Test
    void refusesNoSamplesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> Percentiles.ofNanos(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.ofNanos(new long[] {1}).millis(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
