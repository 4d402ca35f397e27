package org.bzpeer.bench.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The real sample for the generator's tests, when the shared data is there (else {@link HandMadeShape}). */
final class TestCorpora {

    private TestCorpora() {
    }

    /** The real OpenAlex sample, when the shared data directory is next to the repository (or named). */
    static Optional<OpenAlexSample> realSample() {
        String named = System.getenv("BZPEER_SHARED_DATA");
        Path directory = named != null && !named.isBlank() ? Path.of(named) : Path.of("../../../shared/data");
        Path file = directory.resolve("openalex/kfupm/works.jsonl.gz");
        return Files.isRegularFile(file) ? Optional.of(new OpenAlexSample(file)) : Optional.empty();
    }
}
