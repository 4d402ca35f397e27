package org.bzpeer.profile.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bzpeer.profile.author.application.ProfileProjection;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.InstanceRace;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** profile-service on a real broker and database: events in, what a gateway reads out. */
@ServiceTest
class ProfileReadModelTest {

    @Autowired
    WebTestClient http;

    @Autowired
    ProfileProjection projection;

    @Test
    void anImportedWorkMakesItsAuthorsProfilesAndWorkLists() {
        String author = uniqueId("a_");
        String coauthor = uniqueId("a_");
        String workId = uniqueId("w_");

        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "A study", List.of(author, coauthor)));

        JsonNode profile = awaitProfile(author, p -> p.get("counts").get("works").asLong() == 1);
        assertThat(profile.get("name").asString()).isEqualTo("Author " + author);
        assertThat(profile.get("affiliation").get("name").asString()).isEqualTo("Institute 0");
        assertThat(profile.get("claimed").asBoolean()).isFalse();
        http.get().uri("/api/v1/authors/{id}/works", coauthor).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].id").isEqualTo(workId)
                .jsonPath("$.items[0].title").isEqualTo("A study")
                .jsonPath("$.items[0].venue.name").isEqualTo("Journal of Tests")
                .jsonPath("$.items[0].authors[1].id").isEqualTo(coauthor)
                .jsonPath("$.nextCursor").doesNotExist();
    }

    @Test
    void theSameEventTwiceAndAnOlderVersionChangeNothing() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported second = work(workId, 2, 2024, "Second version", List.of(author));
        WorkImported first = work(workId, 1, 2023, "First version", List.of(author));

        TestEvents.publish(Topics.WORK_IMPORTED, workId, second);
        TestEvents.publish(Topics.WORK_IMPORTED, workId, second);
        TestEvents.publish(Topics.WORK_IMPORTED, workId, first);
        String marker = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, marker, work(marker, 1, 2020, "Marker", List.of(author)));

        awaitProfile(author, p -> p.get("counts").get("works").asLong() == 2);
        http.get().uri("/api/v1/authors/{id}/works", author).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].title").isEqualTo("Second version")
                .jsonPath("$.items[0].publicationYear").isEqualTo(2024)
                .jsonPath("$.items[1].title").isEqualTo("Marker");
    }

    @Test
    void worksArePagedNewestFirstThenByTitleWithACursor() {
        String author = uniqueId("a_");
        for (int year = 2010; year < 2015; year++) {
            String workId = uniqueId("w_");
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, year, "Work of " + year, List.of(author)));
        }
        for (String title : List.of("Zeta study", "alpha study")) {
            String workId = uniqueId("w_");
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2012, title, List.of(author)));
        }
        awaitProfile(author, p -> p.get("counts").get("works").asLong() == 7);

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/v1/authors/" + author + "/works?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = http.get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            page.get("items").forEach(item -> titles.add(item.get("title").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(titles).containsExactly("Work of 2014", "Work of 2013", "alpha study", "Work of 2012",
                "Zeta study", "Work of 2011", "Work of 2010");
        http.get().uri("/api/v1/authors/{id}/works?cursor=bm9wZQ", author).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("cursor");
    }

    @Test
    void externalIdsRedirectToTheProfile() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported event = work(workId, 1, 2024, "Ids", List.of(author));
        event.getAuthorships().get(0).setOrcid("0000-0002-1825-0097");
        String openalex = event.getAuthorships().get(0).getExternalIds().get("openalex");
        TestEvents.publish(Topics.WORK_IMPORTED, workId, event);
        awaitProfile(author, p -> p.get("counts").get("works").asLong() == 1);

        http.get().uri("/api/v1/authors/by-external-id/openalex/https://openalex.org/" + openalex).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/api/v1/authors/" + author);
        http.get().uri("/api/v1/authors/by-external-id/orcid/0000-0002-1825-0097").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/api/v1/authors/" + author);
        http.get().uri("/api/v1/authors/by-external-id/orcid/0000-0000-0000-0000").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found");
    }

    @Test
    void graphSummaryAndTrustShowOnTheProfileAndOnlyNewerRevisionsCount() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "Trusted", List.of(author)));
        TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author, summary(author, 2, 11, 4));
        TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author, summary(author, 1, 99, 99));
        TestEvents.publish(Topics.TRUST_UPDATED, author, trust(author, 1, 21, "Emerging"));

        JsonNode profile = awaitProfile(author, p -> !p.get("trust").isNull()
                && p.get("counts").get("topics").asInt() == 11);
        assertThat(profile.get("counts").get("closeCollaborators").asInt()).isEqualTo(4);
        assertThat(profile.get("trust").get("label").asString()).isEqualTo("21 - Emerging");
        assertThat(profile.get("trust").get("verificationLevel").asString()).isEqualTo("L1");
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheReasonAndConsumptionGoesOn() {
        String author = uniqueId("a_");
        TestEvents.assertUndecodableIsDeadLettered(Topics.WORK_IMPORTED.name(), "profile-service",
                () -> {
                    String workId = uniqueId("w_");
                    TestEvents.publish(Topics.WORK_IMPORTED, workId,
                            work(workId, 1, 2024, "After garbage", List.of(author)));
                });
        awaitProfile(author, p -> p.get("counts").get("works").asLong() == 1);
    }

    @Test
    void anUnknownAuthorIsAProblem() {
        http.get().uri("/api/v1/authors/a_doesnotexist").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No author with id 'a_doesnotexist'");
    }

    @Test
    void instancesApplyingWorksOfTheSameAuthorsInReversedOrdersNeitherDeadlockNorLoseAWork() throws Exception {
        int rounds = 15;
        List<String> authors = InstanceRace.applyInReversedOrders(60, rounds, projection::applyWorks, () -> { });
        for (String author : List.of(authors.get(0), authors.get(30), authors.get(59))) {
            JsonNode profile = awaitProfile(author, p -> p.get("counts").get("works").asLong() == 2 * rounds);
            assertThat(profile.get("name").asString()).isEqualTo("Author " + author);
        }
    }

    private JsonNode awaitProfile(String authorId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var result = http.get().uri("/api/v1/authors/{id}", authorId).exchange()
                    .returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, profile -> profile != null && condition.test(profile));
    }

    private static AuthorGraphUpdated summary(String author, long revision, int topics, int close) {
        return AuthorGraphUpdated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(author).setRevision(revision).setWorkCount(1).setCoauthorCount(close)
                .setCloseCollaboratorCount(close).setTopicCount(topics).setInstitutionCount(1).build();
    }

    private static TrustUpdated trust(String author, long revision, int score, String band) {
        return TrustUpdated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(author).setRevision(revision).setScore(score).setBand(band).setVerificationLevel("L1")
                .setClaimed(false).setComponents(List.of()).build();
    }
}
