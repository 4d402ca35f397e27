package org.bzpeer.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAlexSampleTest {

    private static final String RECORD = """
            {"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/ABC", "type": "article",
             "publication_year": 2024, "title": "Line\u2028separated", "abstract_inverted_index": {"world": [1], "hello": [0]},
             "primary_location": {"source": {"display_name": "Journal"}},
             "authorships": [
               {"author": {"id": "https://openalex.org/A1", "display_name": "Ada", "orcid": "https://orcid.org/0000-0002-1825-0097"},
                "institutions": [{"id": "https://openalex.org/I9", "display_name": "KFUPM", "country_code": "SA"},
                                 {"id": null, "display_name": null}]},
               {"author": {"id": "https://openalex.org/A1", "display_name": "Ada twice"}, "institutions": []},
               {"author": {"id": null, "display_name": null}, "raw_author_name": "Raw Name", "institutions": []},
               {"author": {"id": null, "display_name": null}, "institutions": []}],
             "topics": [{"id": "https://openalex.org/T5", "display_name": "Topic"}]}
            """.replace("\n", " ");

    @Test
    void readsRecordsSplitOnNewlineBytesOnlyAndKeepsWhatIngestKeeps(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("works.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((RECORD + "\n\n" + RECORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        OpenAlexSample sample = new OpenAlexSample(file);
        List<CorpusWork> works = new ArrayList<>();
        sample.forEachWork(works::add);

        assertThat(works).hasSize(2);
        CorpusWork work = works.get(0);
        assertThat(work.workId()).isEqualTo("W1");
        assertThat(work.doi()).isEqualTo("10.1/abc");
        assertThat(work.title()).isEqualTo("Line\u2028separated");
        assertThat(work.abstractText()).isEqualTo("hello world");
        assertThat(work.venue()).isEqualTo("Journal");
        assertThat(work.authorships()).extracting(CorpusWork.Authorship::name).containsExactly("Ada", "Raw Name");
        assertThat(work.authorships().get(0).orcid()).isEqualTo("0000-0002-1825-0097");
        assertThat(work.authorships().get(0).institutions()).containsExactly(
                new CorpusWork.Institution("I9", "KFUPM", "SA"));
        assertThat(work.topics()).containsExactly(new CorpusWork.Topic("T5", "Topic"));
        assertThat(new ObjectMapper().readTree(RECORD).path("id").asText()).isEqualTo("https://openalex.org/W1");
    }
}
