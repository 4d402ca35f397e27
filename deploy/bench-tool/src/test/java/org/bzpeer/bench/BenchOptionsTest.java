package org.bzpeer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToAMillionWorksAndTheSharedDataNextToTheRepository() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of("--repo", "/work/repo"), null);

        assertThat(options.works()).isEqualTo(1_000_000);
        assertThat(options.sharedData()).isEqualTo(Path.of("/work/shared/data"));
        assertThat(options.skipSynthetic()).isFalse();
        assertThat(options.keepData()).isFalse();
        assertThat(options.connections()).isEqualTo(BenchOptions.DEFAULT_CONNECTIONS);
    }

    @Test
    void readsEveryFlag() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of("--repo", "/r", "--works", "20,000", "--skip-synthetic",
                "--keep-data", "--connections", "8"), "/data");

        assertThat(options.works()).isEqualTo(20_000);
        assertThat(options.skipSynthetic()).isTrue();
        assertThat(options.keepData()).isTrue();
        assertThat(options.connections()).isEqualTo(8);
        assertThat(options.sharedData()).isEqualTo(Path.of("/data"));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repo", "/r", "--works", "0"), null))
                .hasMessage("--works needs a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repo", "/r", "--works"), null))
                .hasMessage("--works needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repo", "/r", "--fast"), null))
                .hasMessage("unknown argument: --fast");
    }
}
