package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The source formats through the real endpoint on a real broker and database: every file of the shared data in a
 * JSON source format imports with its format and no record is rejected; list pages and the content type's format
 * parameter work; a preprint and its published version become one work whichever source names the link; the bzpeer
 * JSON Schema is served.
 */
@ServiceTest
class SourceFormatsImportTest {

    private static final MediaType NDJSON = MediaType.parseMediaType(WorkImportController.NDJSON);

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    /**
     * Rejections expected per file, verified by hand: none; every record of these files is a work, but for the ORCID
     * record, which lists no works (so none is received). The raw author file is one object {@code {details, works}}
     * whose strings hold raw U+2028 characters.
     */
    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "crossref/habanero-works.jsonl.gz, crossref, 520, 0",
            "openalex/kfupm/works.jsonl.gz, openalex, 3684, 0",
            "openalex/kfupm/raw-author-file-A5024607591.json.gz, openalex, 95, 0",
            "arxiv/kaggle-snapshot-head.jsonl, arxiv-kaggle, 200, 0",
            "orcid/fatcat_0000-0001-8254-7103.json, orcid, 0, 0"})
    void everyRecordOfASharedSourceFileImportsWithItsFormat(String file, String format, int records, int rejected)
            throws IOException {
        Path path = SharedData.dir().resolve(file);
        assumeTrue(Files.isRegularFile(path), SharedData.missing(path));
        boolean gzip = file.endsWith(".gz");

        MediaType contentType = file.contains(".jsonl") ? NDJSON : MediaType.APPLICATION_JSON;
        ImportSummary summary = post("/api/v1/works?format=" + format, contentType, gzip, Files.readAllBytes(path))
                .expectStatus().isOk()
                .expectBody(ImportSummary.class).returnResult().getResponseBody();

        assertThat(summary.received()).isEqualTo(records);
        assertThat(summary.rejected()).isEqualTo(rejected);
        assertThat(summary.errors()).allSatisfy(error -> assertThat(error.field()).isNotBlank());
        assertThat(summary.created() + summary.updated() + summary.unchanged()).isEqualTo(records - rejected);
    }

    @Test
    void aPreprintAndItsPublishedVersionBecomeOneWorkWhicheverSourceLinksThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String arxivId = "2301." + (Math.floorMod(run.hashCode(), 90_000) + 10_000);
        String articleDoi = "10.5555/published-" + run;
        // Crossref names the arXiv preprint by its DataCite DOI; the preprint arrives first, on its own
        post("/api/v1/works?format=arxiv-kaggle", NDJSON, false, bytes(kaggle(arxivId, null)))
                .expectStatus().isOk();
        String preprintId = awaitWork(w -> arxivId.equals(w.getIdentifiers().getArxivId())).getWorkId();

        post("/api/v1/works?format=crossref", MediaType.APPLICATION_JSON, false, bytes(crossref(articleDoi,
                "{\"has-preprint\": [{\"id-type\": \"doi\", \"id\": \"10.48550/arXiv." + arxivId + "\"}]}")))
                .expectStatus().isOk();

        WorkImported article = awaitWork(w -> articleDoi.equals(w.getIdentifiers().getDoi()));
        await().atMost(Duration.ofSeconds(20)).until(() -> latest(preprintId).map(w -> w.getMergedInto() != null
                || w.getWorkId().equals(article.getWorkId())).orElse(false));
        WorkImported preprint = latest(preprintId).orElseThrow();
        assertThat(preprint.getMergedInto() == null ? preprint.getWorkId() : preprint.getMergedInto())
                .isEqualTo(article.getWorkId());
    }

    @Test
    void anArxivRecordNamingItsJournalDoiJoinsTheArticleAndTheContentTypeNamesTheFormat() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String arxivId = "2302." + (Math.floorMod(run.hashCode(), 90_000) + 10_000);
        String articleDoi = "10.5555/journal-" + run;

        post("/api/v1/works", MediaType.parseMediaType("application/x-ndjson; format=crossref"), false,
                bytes(crossref(articleDoi, "{}") + "\n" + kaggle("2303.00001", null)))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1).jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("DOI");
        post("/api/v1/works", MediaType.parseMediaType("application/x-ndjson; format=arxiv-kaggle"), false,
                bytes(kaggle(arxivId, articleDoi.toUpperCase())))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(1).jsonPath("$.created").isEqualTo(0);

        WorkImported preprint = awaitWork(w -> arxivId.equals(w.getIdentifiers().getArxivId()));
        assertThat(published.events(WorkImported.class)).as("one work, whichever record is published")
                .filteredOn(w -> articleDoi.equals(w.getIdentifiers().getDoi())
                        || arxivId.equals(w.getIdentifiers().getArxivId()))
                .extracting(WorkImported::getWorkId).containsOnly(preprint.getWorkId());
        assertThat(preprint.getSource()).isEqualTo("arxiv");
        assertThat(preprint.getType()).isEqualTo("preprint");
    }

    @Test
    void listPagesOfOpenAlexAndCrossrefAreReadRecordByRecord() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String openAlexPage = "{\"meta\": {\"count\": 2}, \"results\": [" + SubmissionReaderTest.openAlex(910_001)
                + ", " + SubmissionReaderTest.openAlex(910_002) + "], \"group_by\": []}";
        String crossrefPage = "{\"status\": \"ok\", \"message-type\": \"work-list\", \"message\": {\"items\": ["
                + crossref("10.5555/page-a-" + run, "{}") + ", " + crossref("10.5555/page-b-" + run, "{}")
                + "], \"total-results\": 2}}";

        post("/api/v1/works?format=openalex", MediaType.APPLICATION_JSON, true,
                SubmissionReaderTest.gzip(bytes(openAlexPage)))
                .expectStatus().isOk().expectBody().jsonPath("$.received").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(0);
        post("/api/v1/works?format=crossref", MediaType.APPLICATION_JSON, false, bytes(crossrefPage))
                .expectStatus().isOk().expectBody().jsonPath("$.received").isEqualTo(2)
                .jsonPath("$.created").isEqualTo(2);
    }

    @Test
    void theSameDoiWithDifferingContentIsOneWorkInItsLatestVersion() {
        String doi = "10.5555/twice-" + UUID.randomUUID();
        post("/api/v1/works?format=crossref", NDJSON, false,
                bytes(crossref(doi, "{}") + "\n" + crossref(doi, "{}").replace("\"Work on ", "\"Revised work on ")))
                .expectStatus().isOk().expectBody().jsonPath("$.received").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(0);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published.events(WorkImported.class))
                .filteredOn(w -> doi.equals(w.getIdentifiers().getDoi()))
                .extracting(WorkImported::getTitle).last().asString().startsWith("Revised work on"));
        assertThat(published.events(WorkImported.class).stream().filter(w -> doi.equals(w.getIdentifiers().getDoi()))
                .map(WorkImported::getWorkId).distinct()).hasSize(1);
    }

    @Test
    void anUnknownFormatInTheContentTypeIsAProblemNamingTheHeader() {
        post("/api/v1/works", MediaType.parseMediaType("application/json; format=endnote"), false,
                bytes(crossref("10.5555/x", "{}")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("Content-Type");
    }

    @Test
    void theBzpeerSchemaIsServedWithoutAToken() {
        http.get().uri("/api/v1/works/schema.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.$id").isEqualTo("https://bzpeer.org/api/v1/works/schema.json")
                .jsonPath("$.required[0]").isEqualTo("type");
    }

    /** Posts {@code body}, announced as gzip-encoded when {@code gzip} (it must be so already). */
    private WebTestClient.ResponseSpec post(String uri, MediaType contentType, boolean gzip, byte[] body) {
        return http.mutate().responseTimeout(Duration.ofSeconds(180)).build()
                .post().uri(uri)
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .headers(headers -> {
                    if (gzip) {
                        headers.set("Content-Encoding", "gzip");
                    }
                })
                .contentType(contentType)
                .bodyValue(body)
                .exchange();
    }

    private WorkImported awaitWork(Predicate<WorkImported> which) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.events(WorkImported.class).stream().anyMatch(which));
        return published.events(WorkImported.class).stream().filter(which).findFirst().orElseThrow();
    }

    private Optional<WorkImported> latest(String workId) {
        List<WorkImported> versions = published.events(WorkImported.class).stream()
                .filter(w -> w.getWorkId().equals(workId)).toList();
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String crossref(String doi, String relation) {
        return "{\"DOI\": \"" + doi + "\", \"type\": \"journal-article\", \"title\": [\"Work on " + doi + "\"], "
                + "\"container-title\": [\"Journal of Tests\"], \"issued\": {\"date-parts\": [[2023, 5]]}, "
                + "\"author\": [{\"given\": \"Ada\", \"family\": \"Lovelace\"}], \"relation\": " + relation + "}";
    }

    private static String kaggle(String arxivId, String doi) {
        return "{\"id\": \"" + arxivId + "\", \"title\": \"Preprint " + arxivId + "\", \"abstract\": \"  Text.\\n\","
                + " \"authors\": \"A. Lovelace\", \"authors_parsed\": [[\"Lovelace\", \"Ada\", \"\"]],"
                + " \"categories\": \"cs.LG stat.ML\", \"doi\": " + (doi == null ? "null" : "\"" + doi + "\"")
                + ", \"versions\": [{\"version\": \"v1\", \"created\": \"Mon, 2 Jan 2023 10:00:00 GMT\"}]}";
    }
}
