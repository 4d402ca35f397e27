package org.bzpeer.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorshipRowsTest {

    @Test
    void escapesWhatCopyTextFormatTreatsSpecially() {
        assertThat(AuthorshipRows.escape("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(AuthorshipRows.row("W1", "A1", "Ada  Lovelace", 3)).isEqualTo("W1\tA1\tAda  Lovelace\t3\n");
    }

    @Test
    void writesOneRowPerDistinctAuthorOfAWorkInBylineOrder(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("rows.copy");
        CorpusWork work = new CorpusWork("W1", null, "article", 2024, "T", null, null, List.of(
                new CorpusWork.Authorship("A1", null, "Ada", List.of()),
                new CorpusWork.Authorship(null, null, "No Id", List.of()),
                new CorpusWork.Authorship("A1", null, "Ada again", List.of()),
                new CorpusWork.Authorship(null, "0000-0002-1825-0097", "Orcid Only", List.of())), List.of());
        try (AuthorshipRows rows = AuthorshipRows.writingTo(file)) {
            rows.accept(work);
            assertThat(rows.rows()).isEqualTo(3);
        }
        assertThat(Files.readAllLines(file)).containsExactly("W1\tA1\tAda\t0", "W1\tname:No Id\tNo Id\t1",
                "W1\torcid:0000-0002-1825-0097\tOrcid Only\t3");
    }
}
