package org.bzpeer.bench.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Corpora for the generator's tests: a small hand-made one, and the real sample when the shared data is there. */
final class TestCorpora {

    private TestCorpora() {
    }

    static CorpusShape handMadeShape() {
        return HandMadeShape.shape();
    }

    /** The real OpenAlex sample, when the shared data directory is next to the repository (or named). */
    static Optional<OpenAlexSample> realSample() {
        String named = System.getenv("BZPEER_SHARED_DATA");
        Path directory = named != null && !named.isBlank() ? Path.of(named) : Path.of("../../../shared/data");
        Path file = directory.resolve("openalex/kfupm/works.jsonl.gz");
        return Files.isRegularFile(file) ? Optional.of(new OpenAlexSample(file)) : Optional.empty();
    }
}
