package org.bzpeer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deploy/import sends: files, folders and archive entries as parts, each recognised by its content. */
class ImportInputsTest {

    @TempDir
    Path dir;

    @Test
    void foldersAreWalkedInNameOrderAndArchivesSentEntryByEntry() throws IOException {
        Files.writeString(dir.resolve("b.jsonl"), "{\"type\": \"article\"}\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.json"), "[]");
        Files.writeString(dir.resolve(".hidden"), "skip me");
        Path archive = dir.resolve("a-pages.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(
                Files.newOutputStream(archive)))) {
            for (String page : List.of("page_001.xml", "page_002.xml")) {
                byte[] bytes = ("<OAI-PMH>" + page + "</OAI-PMH>").getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("pages/" + page);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }

        ImportInputs inputs = ImportInputs.of(List.of(dir));
        List<String> names = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (ImportInputs.Part part : inputs) {
            names.add(part.name());
            try (InputStream body = part.body()) {
                bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(names).containsExactly("a-pages.tar.gz!pages/page_001.xml", "a-pages.tar.gz!pages/page_002.xml",
                "b.jsonl", "c.json");
        assertThat(bodies.get(1)).isEqualTo("<OAI-PMH>page_002.xml</OAI-PMH>");
        assertThat(inputs.totalBytes()).isEqualTo(bodies.stream().mapToLong(String::length).sum());
    }

    @Test
    void aFileReadsAgainFromTheStartAndABufferedArchiveEntryToo() throws IOException {
        Path file = dir.resolve("works.json");
        Files.writeString(file, "[{\"type\": \"article\"}]");
        ImportInputs.Part part = ImportInputs.of(List.of(file)).iterator().next();
        part.body().readAllBytes();
        try (InputStream again = part.again().open()) {
            assertThat(new String(again.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[{\"type\": \"article\"}]");
        }
        ImportInputs.Part buffered = new ImportInputs.Part("x.tar!y.json", false,
                InputStream.nullInputStream(), null).buffered(16);
        assertThat(buffered.again()).isNotNull();
        assertThatThrownBy(() -> new ImportInputs.Part("big", false, new java.io.ByteArrayInputStream(new byte[17]),
                null).buffered(16)).hasMessageContaining("larger than");
    }

    @Test
    void aMissingInputIsNamed() {
        assertThatThrownBy(() -> ImportInputs.of(List.of(dir.resolve("nope.jsonl"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.jsonl: no such file");
    }

    /** Every file of the shared data is recognised as its format from its first bytes, gzip or not. */
    @Test
    void everySharedDataFileIsRecognisedFromItsFirstBytes() throws IOException {
        Map<String, String> expected = Map.of(
                "openalex/kfupm/works.jsonl.gz", "openalex",
                "openalex/kfupm/raw-author-file-A5024607591.json.gz", "openalex",
                "crossref/habanero-works.jsonl.gz", "crossref",
                "arxiv/kaggle-snapshot-head.jsonl", "arxiv-kaggle",
                "arxiv/atom/arxivpy_fixtures/id_1605.08386_s0_m100_199195aa31ad.atom.xml", "arxiv-atom",
                "dblp/shenka123_dblp_head.xml", "dblp",
                "dblp/fatcat_example_dblp.xml", "dblp",
                "orcid/fatcat_0000-0001-8254-7103.json", "orcid");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = SharedData.require(file.getKey());
            ImportInputs.Part part = ImportInputs.of(List.of(path)).iterator().next();
            try (InputStream body = part.body()) {
                PartContent content = PartContent.of(body, part.gzip(), part.contentName());
                assertThat(content.format()).as(file.getKey()).isEqualTo(file.getValue());
                assertThat(content.stream().readAllBytes()).as(file.getKey()).hasSize((int) Files.size(path));
            }
        }
        Path pages = SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz");
        ImportInputs.Part page = ImportInputs.of(List.of(pages)).iterator().next();
        assertThat(PartContent.of(page.body(), page.gzip(), page.contentName()))
                .extracting(PartContent::format, PartContent::contentType)
                .containsExactly("arxiv-oai", "application/xml");
    }

    @Test
    void theTokenComesFromTheOptionTheEnvironmentOrTheTokensFile() throws IOException {
        Path tokens = dir.resolve("dev-tokens.env");
        Files.writeString(tokens, "BZPEER_USER_TOKEN=user\nexport BZPEER_PIPELINE_TOKEN='pipeline-from-file'\n");
        String[] args = {"works.jsonl"};
        assertThat(ImportOptions.parse(args, Map.of(), tokens).token()).isEqualTo("pipeline-from-file");
        assertThat(ImportOptions.parse(args, Map.of("BZPEER_PIPELINE_TOKEN", "env"), tokens).token())
                .isEqualTo("env");
        assertThat(ImportOptions.parse(new String[] {"--token", "given", "--parallel", "4", "x"}, Map.of(), tokens))
                .extracting(ImportOptions::token, ImportOptions::parallel).containsExactly("given", 4);
        assertThatThrownBy(() -> ImportOptions.parse(new String[] {"--parallel", "99", "x"}, Map.of(), tokens))
                .hasMessageContaining("--parallel must be a number from 1 to 16");
        assertThatThrownBy(() -> ImportOptions.parse(args, Map.of(), dir.resolve("absent.env")))
                .hasMessageContaining("no token");
    }
}
