package org.bzpeer.profile.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.TrustComponent;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.Venue;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The whole researcher page from profile-service on a real broker and database: description generated from the
 * record or written by the owner, open to collaborate, trust with reasons, the viewer's relation, works with abstract
 * and topics and filters, entity tags, and the owner's edits including "not my work".
 */
@ServiceTest
class ResearcherPageTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void thePageCarriesEverythingTheSeedPageShows() {
        String author = uniqueId("a_");
        importWorks(author);
        TestEvents.publish(Topics.TRUST_UPDATED, author, TrustUpdated.newBuilder()
                .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(author).setRevision(1)
                .setScore(21).setBand("Emerging").setVerificationLevel("L1").setClaimed(false)
                .setComponents(List.of(TrustComponent.newBuilder().setName("publications").setPoints(12)
                        .setMaxPoints(30).setExplanation("3 works, none retracted").build()))
                .build());

        JsonNode page = awaitPage(author, null, p -> p.get("trust") != null && !p.get("trust").isNull()
                && p.get("counts").get("works").asLong() == 3);
        assertThat(page.get("description").asString()).isEqualTo("Author of 3 works from 2019 to 2024. "
                + "Main topics: Computer architecture, Machine learning and Testing. "
                + "Published mostly in ISCA and Journal of Tests.");
        assertThat(page.get("descriptionSource").asString()).isEqualTo("generated");
        assertThat(page.get("openToCollaborate").asBoolean()).isFalse();
        assertThat(page.get("trust").get("label").asString()).isEqualTo("21 - Emerging");
        assertThat(page.get("trust").get("components").get(0).get("reason").asString())
                .isEqualTo("3 works, none retracted");
        assertThat(page.has("viewer")).isFalse();

        JsonNode asReader = awaitPage(author, TestTokens.userToken("reader-" + author), p -> true);
        assertThat(asReader.get("viewer").get("following").asBoolean()).isFalse();
        assertThat(asReader.get("viewer").get("owner").asBoolean()).isFalse();
    }

    @Test
    void worksCarryAbstractAndTopicsAndFilterByYearAndType() {
        String author = uniqueId("a_");
        importWorks(author);
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 3);

        http.get().uri("/api/v1/authors/{id}/works", author).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(3)
                .jsonPath("$.items[0].publicationYear").isEqualTo(2024)
                .jsonPath("$.items[0].abstractText").isEqualTo("Why caches matter.")
                .jsonPath("$.items[0].topics[0].name").isEqualTo("Computer architecture")
                .jsonPath("$.items[0].venue.name").isEqualTo("ISCA")
                .jsonPath("$.items[0].identifiers.doi").isNotEmpty();
        http.get().uri("/api/v1/authors/{id}/works?yearFrom=2020&yearTo=2023", author).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].publicationYear").isEqualTo(2021);
        http.get().uri("/api/v1/authors/{id}/works?type=preprint", author).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].type").isEqualTo("preprint");
        http.get().uri("/api/v1/authors/{id}/works?limit=101", author).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("limit");
        http.get().uri("/api/v1/authors/{id}/works?yearFrom=2024&yearTo=2020", author).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("yearFrom");
    }

    @Test
    void readsAnswerNotModifiedToTheirEntityTag() {
        String author = uniqueId("a_");
        importWorks(author);
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 3);
        for (String uri : List.of("/api/v1/authors/" + author, "/api/v1/authors/" + author + "/works")) {
            String etag = http.get().uri(uri).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getETag();
            assertThat(etag).startsWith("\"");
            http.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                    .expectStatus().isNotModified().expectBody().isEmpty();
            http.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, "\"stale\"").exchange().expectStatus().isOk();
        }
    }

    @Test
    void onlyTheOwnerEditsAndNotMyWorkLeavesTheListAndIsPublished() {
        String author = uniqueId("a_");
        List<WorkImported> works = importWorks(author);
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 3);
        String owner = TestTokens.userToken("owner-" + author);

        patch(author, owner, "{\"description\": \"Mine.\"}").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("not-the-owner"));
        http.post().uri("/api/v1/authors/{id}/claim", author).header("Authorization", "Bearer " + owner).exchange()
                .expectStatus().is2xxSuccessful();
        patch(author, TestTokens.userToken("someone-else"), "{\"openToCollaborate\": true}")
                .expectStatus().isForbidden();
        patch(author, owner, "{\"openToCollaborate\": \"yes\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("openToCollaborate");
        patch(author, owner, "{\"notMyWork\": [\"w_not_listed\"]}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("notMyWork[0]");

        try (TopicRecorder disowned = TestEvents.record(Topics.AUTHORSHIP_DISOWNED.name())) {
            String wrongWork = works.get(0).getWorkId();
            patch(author, owner, "{\"description\": \"I study caches.\", \"openToCollaborate\": true, "
                    + "\"notMyWork\": [\"" + wrongWork + "\"]}")
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.description").isEqualTo("I study caches.")
                    .jsonPath("$.descriptionSource").isEqualTo("owner")
                    .jsonPath("$.openToCollaborate").isEqualTo(true)
                    .jsonPath("$.viewer.owner").isEqualTo(true);
            http.get().uri("/api/v1/authors/{id}/works", author).exchange().expectBody()
                    .jsonPath("$.items.length()").isEqualTo(2)
                    .jsonPath("$.items[?(@.id == '" + wrongWork + "')]").doesNotExist();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    disowned.events(AuthorshipDisowned.class)).singleElement().satisfies(event -> {
                        assertThat(event.getAuthorId()).isEqualTo(author);
                        assertThat(event.getWorkId()).isEqualTo(wrongWork);
                    }));
            patch(author, owner, "{\"notMyWork\": [\"" + wrongWork + "\"], \"description\": null}")
                    .expectStatus().isOk().expectBody().jsonPath("$.descriptionSource").isEqualTo("generated");
            assertThat(disowned.events(AuthorshipDisowned.class)).hasSize(1);
        }
    }

    /**
     * Pages are kept per instance and validated by the author's page revision: a write through the API shows on the
     * very next read (no waiting), and so does a write another instance committed, here made straight in the database
     * as that instance's statements would, never through this instance.
     */
    @Test
    void aKeptPageIsNeverServedAfterAWriteFromThisOrAnotherInstance() {
        String author = uniqueId("a_");
        importWorks(author);
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 3);
        String reader = TestTokens.userToken("reader-" + author);
        String firstTag = anonymousTag(author);

        http.put().uri("/api/v1/authors/{id}/followers/me", author).header("Authorization", "Bearer " + reader)
                .exchange().expectStatus().is2xxSuccessful();
        assertThat(anonymousPage(author).get("counts").get("followers").asLong()).isEqualTo(1);
        http.get().uri("/api/v1/authors/{id}", author).header(HttpHeaders.IF_NONE_MATCH, firstTag).exchange()
                .expectStatus().isOk();

        String owner = TestTokens.userToken("owner-" + author);
        http.post().uri("/api/v1/authors/{id}/claim", author).header("Authorization", "Bearer " + owner).exchange()
                .expectStatus().is2xxSuccessful();
        assertThat(anonymousPage(author).get("claimed").asBoolean()).isTrue();
        patch(author, owner, "{\"description\": \"I study caches.\"}").expectStatus().isOk();
        assertThat(anonymousPage(author).get("description").asString()).isEqualTo("I study caches.");

        otherInstance("INSERT INTO author_follow (author_id, follower_id) VALUES (:id, 'elsewhere')", author);
        assertThat(anonymousPage(author).get("counts").get("followers").asLong()).isEqualTo(2);
        otherInstance("UPDATE author_edit SET open_to_collaborate = true WHERE author_id = :id", author);
        assertThat(anonymousPage(author).get("openToCollaborate").asBoolean()).isTrue();
        otherInstance("DELETE FROM author_claim WHERE author_id = :id", author);
        assertThat(anonymousPage(author).get("claimed").asBoolean()).isFalse();
        otherInstance("""
                INSERT INTO author_trust (author_id, revision, score, band, verification_level, claimed)
                VALUES (:id, 1, 40, 'Established', 'L1', false)""", author);
        assertThat(anonymousPage(author).get("trust").get("label").asString()).isEqualTo("40 - Established");
        otherInstance("""
                INSERT INTO author_graph_summary (author_id, revision, coauthor_count, close_collaborator_count,
                    topic_count, institution_count) VALUES (:id, 1, 7, 2, 5, 3)""", author);
        assertThat(anonymousPage(author).get("counts").get("coauthors").asInt()).isEqualTo(7);
        otherInstance("INSERT INTO author_external_id (scheme, value, author_id) VALUES ('dblp', :id, :id)", author);
        assertThat(anonymousPage(author).get("externalIds").get("dblp").asString()).isEqualTo(author);
        otherInstance("UPDATE author SET affiliation_name = 'Elsewhere University' WHERE author_id = :id", author);
        assertThat(anonymousPage(author).get("affiliation").get("name").asString()).isEqualTo("Elsewhere University");

        WorkImported fourth = work(uniqueId("w_"), 1, 2025, "More caches", List.of(author));
        TestEvents.publish(Topics.WORK_IMPORTED, fourth.getWorkId(), fourth);
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 4
                && p.get("description").asString().equals("I study caches."));
    }

    /**
     * Works lists are kept the same way: a changed work, a disowned one and a new one show on the next read of every
     * list they belong to (the whole list and a filtered one), never a list from before. The author is known by name
     * only, so no other change of their page (external ids, counts) comes with the changed work.
     */
    @Test
    void aKeptWorksListIsNeverServedAfterItsWorksChange() {
        String author = uniqueId("a_");
        WorkImported recent = nameOnly(work(uniqueId("w_"), 1, 2024, "Caches", List.of(author)));
        recent.setAbstractText("Why caches matter.");
        for (WorkImported work : List.of(recent, nameOnly(work(uniqueId("w_"), 1, 2021, "Prefetching",
                List.of(author))), nameOnly(work(uniqueId("w_"), 1, 2019, "Testing caches", List.of(author))))) {
            TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
        }
        awaitPage(author, null, p -> p.get("counts").get("works").asLong() == 3);
        String all = "/api/v1/authors/" + author + "/works";
        String recentOnes = all + "?yearFrom=2020";
        assertThat(abstractOfNewest(works(all))).isEqualTo("Why caches matter.");
        assertThat(works(recentOnes).size()).isEqualTo(2);

        WorkImported revised = WorkImported.newBuilder(recent).setVersion(2)
                .setAbstractText("Why caches matter, revised.").build();
        TestEvents.publish(Topics.WORK_IMPORTED, revised.getWorkId(), revised);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> abstractOfNewest(works(recentOnes)), "Why caches matter, revised."::equals);
        assertThat(abstractOfNewest(works(all))).isEqualTo("Why caches matter, revised.");

        otherInstance("""
                INSERT INTO disowned_work (author_id, work_id, disowned_by)
                SELECT author_id, work_id, 'elsewhere' FROM authorship WHERE author_id = :id AND sort_year = 2021""",
                author);
        assertThat(works(recentOnes).size()).isEqualTo(1);
        assertThat(works(all).size()).isEqualTo(2);

        WorkImported newer = work(uniqueId("w_"), 1, 2025, "More caches", List.of(author));
        TestEvents.publish(Topics.WORK_IMPORTED, newer.getWorkId(), newer);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> works(recentOnes).size() == 2);
        assertThat(works(all).get(0).get("title").asString()).isEqualTo("More caches");
    }

    private static WorkImported nameOnly(WorkImported work) {
        work.getAuthorships().forEach(authorship -> authorship.setExternalIds(Map.of()));
        return work;
    }

    private JsonNode works(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody().get("items");
    }

    private static String abstractOfNewest(JsonNode items) {
        return items.get(0).get("abstractText").asString();
    }

    private void otherInstance(String statement, String author) {
        database.sql(statement).bind("id", author).fetch().rowsUpdated().block();
    }

    private JsonNode anonymousPage(String author) {
        return http.get().uri("/api/v1/authors/{id}", author).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String anonymousTag(String author) {
        return http.get().uri("/api/v1/authors/{id}", author).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
    }

    private WebTestClient.ResponseSpec patch(String author, String token, String body) {
        return http.patch().uri("/api/v1/authors/{id}", author).header("Authorization", "Bearer " + token)
                .contentType(MediaType.parseMediaType("application/merge-patch+json")).bodyValue(body).exchange();
    }

    /** Three works: 2024 ISCA article, 2021 ISCA article, 2019 preprint, with topics and an abstract. */
    private static List<WorkImported> importWorks(String author) {
        WorkImported recent = work(uniqueId("w_"), 1, 2024, "Caches", List.of(author));
        recent.setAbstractText("Why caches matter.");
        recent.setVenue(Venue.newBuilder().setName("ISCA").setType("conference").build());
        recent.setTopics(List.of(topic("Computer architecture"), topic("Machine learning")));
        WorkImported middle = work(uniqueId("w_"), 1, 2021, "Prefetching", List.of(author));
        middle.setVenue(Venue.newBuilder().setName("ISCA").setType("conference").build());
        middle.setTopics(List.of(topic("Computer architecture")));
        WorkImported early = work(uniqueId("w_"), 1, 2019, "Testing caches", List.of(author));
        early.setType("preprint");
        List<WorkImported> works = List.of(recent, middle, early);
        works.forEach(work -> TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work));
        return works;
    }

    private static Topic topic(String name) {
        return Topic.newBuilder().setName(name).setScore(0.8).build();
    }

    private JsonNode awaitPage(String authorId, String token, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            WebTestClient.RequestHeadersSpec<?> request = http.get().uri("/api/v1/authors/{id}", authorId);
            if (token != null) {
                request = request.header("Authorization", "Bearer " + token);
            }
            var result = request.exchange().returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, page -> page != null && condition.test(page));
    }
}
