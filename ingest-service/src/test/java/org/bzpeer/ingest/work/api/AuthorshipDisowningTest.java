package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * "Not my work" as ingest applies it: a disowned authorship is published away at once, stays away through
 * re-imports and changes of the work, and a redelivered event changes nothing.
 */
@ServiceTest
class AuthorshipDisowningTest {

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    @Test
    void aDisownedAuthorshipLeavesTheWorkAndStaysAwayThroughReimports() {
        String doi = "10.1234/" + UUID.randomUUID();
        submit(work(doi, "A shared paper")).jsonPath("$.created").isEqualTo(1);
        WorkImported first = awaitVersion(doi, 1);
        assertThat(first.getAuthorships()).extracting(Authorship::getDisplayName)
                .containsExactly("Right Person", "Wrong Person");
        String wrongAuthor = first.getAuthorships().get(1).getAuthorId();

        AuthorshipDisowned disowned = AuthorshipDisowned.newBuilder()
                .setEventId(TestEvents.newEventId())
                .setOccurredAt(Instant.now())
                .setAuthorId(wrongAuthor)
                .setWorkId(first.getWorkId())
                .setUserId("owner-of-wrong-person")
                .build();
        TestEvents.publish(Topics.AUTHORSHIP_DISOWNED, wrongAuthor, disowned);
        WorkImported second = awaitVersion(doi, 2);
        assertThat(second.getAuthorships()).extracting(Authorship::getDisplayName).containsExactly("Right Person");
        assertThat(second.getAuthorships().get(0).getPosition()).isZero();

        submit(work(doi, "A shared paper")).jsonPath("$.unchanged").isEqualTo(1);
        submit(work(doi, "A shared paper, revised")).jsonPath("$.updated").isEqualTo(1);
        WorkImported third = awaitVersion(doi, 3);
        assertThat(third.getTitle()).isEqualTo("A shared paper, revised");
        assertThat(third.getAuthorships()).extracting(Authorship::getAuthorId).doesNotContain(wrongAuthor);

        TestEvents.publish(Topics.AUTHORSHIP_DISOWNED, wrongAuthor, disowned);
        submit(work(doi, "A shared paper, revised")).jsonPath("$.unchanged").isEqualTo(1);
        assertThat(versions(doi)).containsExactly(1L, 2L, 3L);
    }

    private WorkImported awaitVersion(String doi, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(doi).contains(version));
        return published.events(WorkImported.class).stream()
                .filter(work -> doi.equals(work.getIdentifiers().getDoi()) && work.getVersion() == version)
                .findFirst().orElseThrow();
    }

    private List<Long> versions(String doi) {
        return published.events(WorkImported.class).stream()
                .filter(work -> doi.equals(work.getIdentifiers().getDoi()))
                .map(WorkImported::getVersion)
                .toList();
    }

    private WebTestClient.BodyContentSpec submit(String body) {
        return http.post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    private static String work(String doi, String title) {
        return "{\"identifiers\": {\"doi\": \"" + doi + "\"}, \"type\": \"article\", \"publicationYear\": 2024, "
                + "\"title\": \"" + title + "\", \"authorships\": ["
                + "{\"name\": \"Right Person\", \"ids\": {\"orcid\": \"0000-0002-1825-0097\"}},"
                + "{\"name\": \"Wrong Person\", \"ids\": {\"test-pipeline\": \"wrong-" + doi + "\"}}]}";
    }
}
