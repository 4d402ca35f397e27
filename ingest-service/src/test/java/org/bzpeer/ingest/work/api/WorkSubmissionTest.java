package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** ingest-service end to end on a real broker and database: submissions in, per-record results and events out. */
@ServiceTest
class WorkSubmissionTest {

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    @Test
    void aNewWorkIsCreatedAndPublishedWithResolvedAuthors() {
        String doi = "10.1234/" + UUID.randomUUID();
        String orcid = "0000-0002-1825-0097";

        submitJson(work(doi, "Sequence models at scale", orcid, "A Uthor"))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.received").isEqualTo(1)
                .jsonPath("$.created").isEqualTo(1)
                .jsonPath("$.rejected").isEqualTo(0);

        WorkImported event = awaitWork(doi);
        assertThat(event.getVersion()).isEqualTo(1);
        assertThat(event.getTitle()).isEqualTo("Sequence models at scale");
        assertThat(event.getIdentifiers().getDoi()).isEqualTo(doi);
        assertThat(event.getAuthorships()).singleElement().satisfies(authorship -> {
            assertThat(authorship.getAuthorId()).startsWith("a_");
            assertThat(authorship.getOrcid()).isEqualTo(orcid);
            assertThat(authorship.getDisplayName()).isEqualTo("A Uthor");
        });
        assertThat(published.records()).filteredOn(record -> record.key().equals(event.getWorkId())).hasSize(1);
    }

    @Test
    void resubmittingIsUnchangedAndAChangeIsANewVersion() {
        String doi = "10.1234/" + UUID.randomUUID();
        submitJson(work(doi, "First title", null, "B Author")).expectStatus().isOk();
        String workId = awaitWork(doi).getWorkId();

        submitJson(work(doi, "First title", null, "B Author")).expectStatus().isOk()
                .expectBody().jsonPath("$.unchanged").isEqualTo(1).jsonPath("$.created").isEqualTo(0);
        submitJson(work("https://doi.org/" + doi.toUpperCase(), "Second title", null, "B Author"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(worksWithDoi(doi))
                .extracting(WorkImported::getVersion, WorkImported::getTitle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "First title"),
                        org.assertj.core.groups.Tuple.tuple(2L, "Second title")));
        assertThat(worksWithDoi(doi)).extracting(WorkImported::getWorkId).containsOnly(workId);
    }

    @Test
    void theSameOrcidOnTwoWorksResolvesToOneAuthor() {
        String orcid = "0000-0001-5109-3700";
        String doi1 = "10.1234/" + UUID.randomUUID();
        String doi2 = "10.1234/" + UUID.randomUUID();

        submitJson("[" + work(doi1, "One", orcid, "C. Author") + "," + work(doi2, "Two", orcid, "Carla Author") + "]")
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(2);

        String first = awaitWork(doi1).getAuthorships().get(0).getAuthorId();
        String second = awaitWork(doi2).getAuthorships().get(0).getAuthorId();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void aBadRecordInANdjsonBatchIsRejectedAloneNamingRecordAndField() {
        String good1 = "10.1234/" + UUID.randomUUID();
        String good2 = "10.1234/" + UUID.randomUUID();
        String body = String.join("\n",
                work(good1, "Good one", null, "D Author"),
                work("10.1234/" + UUID.randomUUID(), "Bad ORCID", "0000-0002-1825-0098", "E Author"),
                "{not json",
                work(good2, "Good two", null, "F Author"));

        submitNdjson(body).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.received").isEqualTo(4)
                .jsonPath("$.created").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(2)
                .jsonPath("$.errors[0].record").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("authorships[0].ids.orcid")
                .jsonPath("$.errors[1].record").isEqualTo(2)
                .jsonPath("$.errors[1].field").isEqualTo("$");

        awaitWork(good1);
        awaitWork(good2);
    }

    @Test
    void aSubmissionWithOnlyBadRecordsIsAProblem() {
        submitJson("{\"title\": \"No type\", \"authorships\": [{\"name\": \"G\"}]}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/invalid-records")
                .jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("type");
    }

    @Test
    void anUnknownFormatIsAProblemNamingTheParameter() {
        http.post().uri("/api/v1/works?format=endnote")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(work("10.1/x", "T", null, "H"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field").isEqualTo("format")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("openalex"));
    }

    @Test
    void writesNeedAPipelineToken() {
        String body = work("10.1234/" + UUID.randomUUID(), "T", null, "I");
        http.post().uri("/api/v1/works").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/unauthorized");
        http.post().uri("/api/v1/works").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .header("Authorization", "Bearer " + TestTokens.forgedToken("intruder", TestTokens.WORKS_WRITE))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/works").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .header("Authorization", "Bearer " + TestTokens.expiredToken("late", TestTokens.WORKS_WRITE))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/works").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .header("Authorization", "Bearer " + TestTokens.userToken("someone"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/forbidden");
    }

    @Test
    void oneBadRecordInTenThousandRejectsThatRecordOnly() {
        String run = UUID.randomUUID().toString();
        int bad = 6_543;
        String body = IntStream.range(0, 10_000)
                .mapToObj(i -> i == bad
                        ? "{\"type\": \"article\", \"title\": \"Bad year\", \"publicationYear\": \"soon\", "
                                + "\"authorships\": [{\"name\": \"J\"}]}"
                        : work("10.5555/" + run + "-" + i, "Work " + i, null, "Author " + (i % 97)))
                .collect(Collectors.joining("\n"));

        submitNdjson(body).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.received").isEqualTo(10_000)
                .jsonPath("$.created").isEqualTo(9_999)
                .jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.errors[0].record").isEqualTo(bad)
                .jsonPath("$.errors[0].field").isEqualTo("publicationYear");

        await().atMost(Duration.ofSeconds(60)).until(() -> published.records().stream()
                .filter(record -> new String(record.value()).contains(run)).count() == 9_999);
    }

    private WebTestClient.ResponseSpec submitJson(String body) {
        return http.post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec submitNdjson(String body) {
        return http.mutate().responseTimeout(Duration.ofSeconds(120)).build()
                .post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(body)
                .exchange();
    }

    private WorkImported awaitWork(String doi) {
        String normalized = doi.replaceFirst("^https://doi.org/", "").toLowerCase();
        await().atMost(Duration.ofSeconds(20)).until(() -> !worksWithDoi(normalized).isEmpty());
        return worksWithDoi(normalized).get(0);
    }

    private List<WorkImported> worksWithDoi(String doi) {
        return published.events(WorkImported.class).stream()
                .filter(work -> doi.equals(work.getIdentifiers().getDoi()))
                .toList();
    }

    static String work(String doi, String title, String orcid, String author) {
        String ids = orcid == null ? "{}" : "{\"orcid\": \"" + orcid + "\"}";
        return "{\"identifiers\": {\"doi\": \"" + doi + "\"}, \"type\": \"article\", \"publicationYear\": 2024, "
                + "\"title\": \"" + title + "\", \"venue\": {\"name\": \"Journal of Tests\"}, "
                + "\"authorships\": [{\"name\": \"" + author + "\", \"ids\": " + ids + "}]}";
    }
}
