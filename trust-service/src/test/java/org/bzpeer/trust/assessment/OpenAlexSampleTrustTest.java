package org.bzpeer.trust.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.OpenAlexSampleEvents;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole KFUPM OpenAlex sample of the shared data (3,684 real works, up to 100 authors each) in one burst: every
 * author gets an assessment; the top and focal authors' publication records count the works {@code expected.json}
 * derived independently (retracted ones apart) and their identity shows the ORCID iD OpenAlex lists for them; one author's
 * {@code trust.updated} revisions are gapless and end in what the API serves. Events are built the way ingest-service
 * resolves OpenAlex works (author id = OpenAlex author id, bare ORCID, lower-case DOI without resolver; authorships
 * without an author id skipped; an id repeated within a work kept once). Prints the consumption rate. Skipped, saying
 * why, when the shared data is absent.
 */
@ServiceTest
class OpenAlexSampleTrustTest {

    private static final String FOCAL_AUTHOR = "A5000180362";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void everyAuthorOfTheSampleIsAssessedFromTheWorksCountedIndependently() throws Exception {
        JsonNode expected = JSON.readTree(SharedData.require("openalex/kfupm/expected.json").toFile());
        List<WorkImported> works = OpenAlexSampleEvents.works();
        assertThat(works).hasSize(expected.get("works").asInt());
        Map<String, Integer> retractedOf = new HashMap<>();
        works.stream().filter(WorkImported::getRetracted).flatMap(work -> work.getAuthorships().stream())
                .forEach(authorship -> retractedOf.merge(authorship.getAuthorId(), 1, Integer::sum));

        try (TopicRecorder updates = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            long start = System.nanoTime();
            TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
            double published = seconds(start);
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("SELECT count(*) FROM work WHERE work_id LIKE 'W%'") == works.size());
            double consumed = seconds(start);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("SELECT count(*) FROM event_outbox") == 0);
            double drained = seconds(start);
            long assessed = count("SELECT count(*) FROM author_trust WHERE author_id LIKE 'A%'");
            System.out.printf("trust-service real-data run: %d works (%d authorships) published in %.1f s, applied "
                    + "after %.1f s (%.0f works/s), %d authors assessed, outbox drained after %.1f s%n",
                    works.size(), works.stream().mapToInt(w -> w.getAuthorships().size()).sum(), published, consumed,
                    works.size() / consumed, assessed, drained);
            assertThat(assessed).isEqualTo(expected.get("distinct_authors").asLong());
            assertThat(count("SELECT sum(revision) FROM author_trust WHERE author_id LIKE 'A%'"))
                    .as("one revision per authorship: every work changes its authors' publication record")
                    .isEqualTo(works.stream().mapToInt(w -> w.getAuthorships().size()).sum());

            List<JsonNode> authors = new ArrayList<>();
            expected.get("top5").forEach(author -> authors.add(JSON.createObjectNode()
                    .put("id", author.get("author").asString())
                    .put("works_in_sample", author.get("works_in_sample").asInt())));
            expected.get("focal_authors").forEach(authors::add);
            for (JsonNode author : authors) {
                String id = OpenAlexSampleEvents.shortId(author.get("id").asString());
                JsonNode trust = get("/api/v1/authors/" + id + "/trust");
                int recorded = author.get("works_in_sample").asInt() - retractedOf.getOrDefault(id, 0);
                assertThat(trust.get("verificationLevel").asString()).isEqualTo("L1");
                assertThat(trust.get("components").get(0).get("explanation").asString()).as("record of %s", id)
                        .startsWith(recorded == 0 ? "No works" : recorded + (recorded == 1 ? " work " : " works "));
                if (author.path("orcid").isString()) {
                    assertThat(trust.get("components").get(2).get("explanation").asString()).as("identity of %s", id)
                            .startsWith("ORCID " + OpenAlexSampleEvents.shortId(author.get("orcid").asString()) + " on the record");
                }
            }

            JsonNode focal = get("/api/v1/authors/" + FOCAL_AUTHOR + "/trust");
            long revision = focal.get("revision").asLong();
            List<TrustUpdated> events = await().atMost(Duration.ofSeconds(30)).until(
                    () -> updates.events(TrustUpdated.class).stream()
                            .filter(event -> event.getAuthorId().equals(FOCAL_AUTHOR)).toList(),
                    ofFocal -> ofFocal.size() >= revision);
            assertThat(events).extracting(TrustUpdated::getRevision)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, revision).boxed().toList());
            assertThat(events.get(events.size() - 1).getScore()).isEqualTo(focal.get("score").asInt());
        }
    }

    /** A {@code work.imported} event for one OpenAlex Work object, resolved as ingest-service resolves it. */

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private long count(String sql) {
        Number count = database.sql(sql).map((row, meta) -> row.get(0, Number.class)).one().block();
        return count == null ? 0 : count.longValue();
    }

    private JsonNode get(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
