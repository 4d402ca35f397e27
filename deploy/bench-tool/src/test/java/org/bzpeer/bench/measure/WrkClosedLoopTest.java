package org.bzpeer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class WrkClosedLoopTest {

    @Test
    void readsTheFiguresTheScriptPrints() {
        String output = """
                Running 10s test @ http://127.0.0.1:18080
                  1 threads and 8 connections
                bzpeer-wrk requests=30500 duration_us=10001000 p50_us=2400 p99_us=7510 max_us=41000 errors=3
                """;

        LoadResult result = WrkClosedLoop.parse(output);

        assertThat(result.requests()).isEqualTo(30_500);
        assertThat(result.seconds()).isEqualTo(10.001);
        assertThat(result.perSecond()).isBetween(3_049.0, 3_050.0);
        assertThat(result.p50Millis()).isEqualTo(2.4);
        assertThat(result.p99Millis()).isEqualTo(7.51);
        assertThat(result.maxMillis()).isEqualTo(41.0);
        assertThat(result.errors()).isEqualTo(3);
    }

    @Test
    void outputWithoutTheResultLineIsAnError() {
        assertThatThrownBy(() -> WrkClosedLoop.parse("unable to connect to 127.0.0.1:18080 Connection refused"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void theScriptTakesEveryTargetPathWithItsQueryInTurn() {
        String script = WrkClosedLoop.script(List.of(URI.create("http://127.0.0.1:1/api/v1/authors/A1"),
                URI.create("http://127.0.0.1:1/api/v1/authors?limit=20&q=Carol%C3%A9%20Wu")));

        assertThat(script).contains("\"/api/v1/authors/A1\",\n  \"/api/v1/authors?limit=20&q=Carol%C3%A9%20Wu\"")
                .contains("paths[(counter % #paths) + 1]")
                .contains("io.write(string.format(\"bzpeer-wrk requests=%d");
    }
}
