package org.bzpeer.trust.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.OpenAlexSampleEvents;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The whole KFUPM OpenAlex sample of the shared data (3,684 real works, up to 100 authors each) in one burst: every
 * author gets an assessment; the top and focal authors' publication records count the works {@code expected.json}
 * derived independently (retracted ones apart) and their identity shows the ORCID iD OpenAlex lists for them; one author's
 * {@code trust.updated} revisions are gapless and end in what the API serves. Events come from test-kit's
 * {@code OpenAlexSampleEvents}; prints the consumption rate. Skipped, saying why, when the shared data is absent.
 */
@ServiceTest
class OpenAlexSampleTrustTest {

    private static final String FOCAL_AUTHOR = "A5000180362";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void everyAuthorOfTheSampleIsAssessedFromTheWorksCountedIndependently() throws Exception {
        JsonNode expected = OpenAlexSampleEvents.expected();
        List<WorkImported> works = OpenAlexSampleEvents.works();
        assertThat(works).hasSize(expected.get("works").asInt());
        Map<String, Integer> retractedOf = new HashMap<>();
        works.stream().filter(WorkImported::getRetracted).flatMap(work -> work.getAuthorships().stream())
                .forEach(authorship -> retractedOf.merge(authorship.getAuthorId(), 1, Integer::sum));

        try (TopicRecorder updates = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            OpenAlexSampleEvents.publishAndAwaitConsumed("trust-service", works,
                    () -> count("SELECT count(*) FROM work WHERE work_id LIKE 'W%'"),
                    () -> count("SELECT (SELECT count(*) FROM event_outbox) "
                            + "+ (SELECT count(*) FROM pending_assessment)"),
                    Duration.ofSeconds(150));
            assertThat(count("SELECT count(*) FROM author_trust WHERE author_id LIKE 'A%'"))
                    .isEqualTo(expected.get("distinct_authors").asLong());
            int authorships = works.stream().mapToInt(w -> w.getAuthorships().size()).sum();
            long distinctAuthors = expected.get("distinct_authors").asLong();
            long published = await().atMost(Duration.ofSeconds(30)).until(() -> updates.events(TrustUpdated.class)
                    .stream().filter(event -> event.getAuthorId().startsWith("A")).count(),
                    events -> events >= distinctAuthors);
            System.out.printf("trust-service: %d trust.updated for %d works, %d authorships, %d authors%n",
                    published, works.size(), authorships, distinctAuthors);
            assertThat(published).as("reassessments coalesce: fewer events than authorships")
                    .isLessThan(authorships);

            for (OpenAlexSampleEvents.ExpectedAuthor author : OpenAlexSampleEvents.expectedAuthors()) {
                JsonNode trust = get("/api/v1/authors/" + author.id() + "/trust");
                int recorded = author.worksInSample() - retractedOf.getOrDefault(author.id(), 0);
                assertThat(trust.get("verificationLevel").asString()).isEqualTo("L1");
                assertThat(trust.get("components").get(0).get("explanation").asString())
                        .as("record of %s", author.id())
                        .startsWith(recorded == 0 ? "No works" : recorded + (recorded == 1 ? " work " : " works "));
                if (author.orcid() != null) {
                    assertThat(trust.get("components").get(2).get("explanation").asString())
                            .as("identity of %s", author.id())
                            .startsWith("ORCID " + author.orcid() + " on the record");
                }
            }

            JsonNode focal = get("/api/v1/authors/" + FOCAL_AUTHOR + "/trust");
            long revision = focal.get("revision").asLong();
            List<TrustUpdated> events = await().atMost(Duration.ofSeconds(30)).until(
                    () -> updates.events(TrustUpdated.class).stream()
                            .filter(event -> event.getAuthorId().equals(FOCAL_AUTHOR)).toList(),
                    ofFocal -> !ofFocal.isEmpty() && ofFocal.get(ofFocal.size() - 1).getRevision() == revision);
            assertThat(events).extracting(TrustUpdated::getRevision).isSorted().doesNotHaveDuplicates();
            assertThat(events.get(events.size() - 1).getScore()).isEqualTo(focal.get("score").asInt());
        }
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
