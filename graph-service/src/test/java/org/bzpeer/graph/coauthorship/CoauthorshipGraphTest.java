package org.bzpeer.graph.coauthorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bzpeer.graph.coauthorship.application.CoauthorshipGraph;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.InstanceRace;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** graph-service on a real broker and database: works in, collaborators and neighbourhood summaries out. */
@ServiceTest
class CoauthorshipGraphTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    CoauthorshipGraph graph;

    @Autowired
    DatabaseClient database;

    @Test
    void coauthorsAreCountedOncePerSharedWorkAndTheCloseOnesFlagged() {
        String me = uniqueId("a_");
        String a = uniqueId("a_");
        String b = uniqueId("a_");
        String c = uniqueId("a_");
        String w1 = uniqueId("w_");
        String w2 = uniqueId("w_");
        String w3 = uniqueId("w_");
        String w4 = uniqueId("w_");
        WorkImported latest = work(w2, 1, 2022, "Latest", List.of(me, a));
        latest.getAuthorships().get(0).setDisplayName("M. E. Latest");

        TestEvents.publish(Topics.WORK_IMPORTED, w1, work(w1, 1, 2020, "One", List.of(me, a, b)));
        TestEvents.publish(Topics.WORK_IMPORTED, w2, latest);
        TestEvents.publish(Topics.WORK_IMPORTED, w3, work(w3, 1, 2021, "Three", List.of(a, c)));
        TestEvents.publish(Topics.WORK_IMPORTED, w4, work(w4, 1, 2019, "Listed twice", List.of(me, c, me)));

        JsonNode summary = awaitSummary(me, s -> s.get("workCount").asInt() == 3);
        assertThat(summary.get("coauthorCount").asInt()).isEqualTo(3);
        assertThat(summary.get("closeCollaboratorCount").asInt()).isEqualTo(1);
        assertThat(summary.get("topicCount").asInt()).isEqualTo(1);
        // positions 0 and 2 of the work listing "me" twice: both authorships' institutions count, once each
        assertThat(summary.get("institutionCount").asInt()).isEqualTo(2);

        List<String> others = Stream.of(b, c).sorted().toList();
        JsonNode page = collaborators(me, "");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(ids(page)).containsExactly(a, others.get(0), others.get(1));
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("author").get("name").asString()).isEqualTo("Author " + a);
        assertThat(first.get("sharedWorks").asInt()).isEqualTo(2);
        assertThat(first.get("close").asBoolean()).isTrue();
        assertThat(page.get("items").get(1).get("sharedWorks").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(1).get("close").asBoolean()).isFalse();

        awaitSummary(a, s -> s.get("workCount").asInt() == 3);
        JsonNode ofA = collaborators(a, "");
        assertThat(ids(ofA)).containsExactly(me, others.get(0), others.get(1));
        assertThat(ofA.get("items").get(0).get("author").get("name").asString())
                .as("the name printed on the author's most recent work").isEqualTo("M. E. Latest");
    }

    @Test
    void aNameTieOnThePublicationYearGoesToTheHighestWorkIdWhateverTheOrderOfArrival() {
        String author = uniqueId("a_");
        String coauthor = uniqueId("a_");
        String lower = uniqueId("w_0");
        String higher = uniqueId("w_1");
        WorkImported lowerWork = work(lower, 1, 2023, "Lower id", List.of(coauthor, author));
        lowerWork.getAuthorships().get(1).setDisplayName("Lower Name");
        WorkImported higherWork = work(higher, 1, 2023, "Higher id", List.of(coauthor, author));
        higherWork.getAuthorships().get(1).setDisplayName("Higher Name");

        TestEvents.publish(Topics.WORK_IMPORTED, higher, higherWork);
        awaitSummary(author, s -> s.get("workCount").asInt() == 1);
        TestEvents.publish(Topics.WORK_IMPORTED, lower, lowerWork);
        awaitSummary(author, s -> s.get("workCount").asInt() == 2);

        JsonNode page = collaborators(coauthor, "");
        assertThat(page.get("items").get(0).get("author").get("name").asString())
                .as("the name does not depend on which work arrived last").isEqualTo("Higher Name");
        assertThat(page.get("items").get(0).get("close").asBoolean()).isTrue();
    }

    @Test
    void walkingThePagesWithTheCursorGivesTheWholeOrderedList() {
        String me = uniqueId("a_");
        List<String> coauthors = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            coauthors.add(uniqueId("a_"));
        }
        // co-author i shares (i % 3) + 1 works with "me": ties on shared works are ordered by author id
        int works = 0;
        for (int shared = 1; shared <= 3; shared++) {
            List<String> byline = new ArrayList<>(List.of(me));
            for (int i = 0; i < coauthors.size(); i++) {
                if (i % 3 + 1 >= shared) {
                    byline.add(coauthors.get(i));
                }
            }
            String workId = uniqueId("w_");
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2000 + shared, "Work", byline));
            works++;
        }
        int expectedWorks = works;
        awaitSummary(me, s -> s.get("workCount").asInt() == expectedWorks);

        JsonNode whole = collaborators(me, "?limit=100");
        List<String> expected = ids(whole);
        assertThat(expected).hasSize(7).doesNotHaveDuplicates();
        List<Integer> shared = new ArrayList<>();
        whole.get("items").forEach(item -> shared.add(item.get("sharedWorks").asInt()));
        assertThat(shared).containsExactly(3, 3, 2, 2, 1, 1, 1);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = collaborators(me, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("total").asInt()).isEqualTo(7);
            walked.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(walked).isEqualTo(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void aTamperedCursorABadLimitAndAnUnknownAuthorAreProblems() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "Alone", List.of(author)));
        awaitSummary(author, s -> s.get("workCount").asInt() == 1);

        http.get().uri("/api/v1/authors/{id}/collaborators", author).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(0)
                .jsonPath("$.items.length()").isEqualTo(0);
        http.get().uri("/api/v1/authors/{id}/collaborators?cursor=bm9wZQ", author).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.field").isEqualTo("cursor");
        http.get().uri("/api/v1/authors/{id}/collaborators?cursor=eB8x", author).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("cursor");
        http.get().uri("/api/v1/authors/{id}/collaborators?limit=101", author).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("limit");
        for (String path : List.of("collaborators", "graph-summary")) {
            http.get().uri("/api/v1/authors/a_doesnotexist/" + path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found")
                    .jsonPath("$.detail").isEqualTo("No author with id 'a_doesnotexist'");
        }
    }

    @Test
    void olderRepeatedAndUnchangedVersionsChangeNothingAndPublishNothing() {
        String s = uniqueId("a_");
        String t = uniqueId("a_");
        String u = uniqueId("a_");
        String v = uniqueId("a_");
        String stale = uniqueId("a_");
        String workId = uniqueId("w_");
        try (TopicRecorder updates = TestEvents.record(Topics.AUTHOR_GRAPH_UPDATED.name())) {
            WorkImported second = work(workId, 2, 2024, "Second", List.of(s, t));
            // all versions of one work share its key, hence a partition: they are consumed in this order, in one
            // poll or several; either way only the newest version counts
            TestEvents.publish(Topics.WORK_IMPORTED, workId, second);
            TestEvents.publish(Topics.WORK_IMPORTED, workId, second);
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2023, "First", List.of(s, stale)));
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 3, 2024, "Third", List.of(s, t, u)));
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 5, 2024, "Fifth", List.of(s, t, u, v)));
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 4, 2024, "Fourth", List.of(s, t)));

            JsonNode summary = awaitSummary(s, node -> node.get("coauthorCount").asInt() == 3);
            await().atMost(EVENTUALLY).until(() -> summariesOf(updates, s).stream()
                    .anyMatch(event -> event.getRevision() == summary.get("revision").asLong()));
            List<AuthorGraphUpdated> ofS = summariesOf(updates, s);
            assertThat(ofS).extracting(AuthorGraphUpdated::getRevision).isSorted().doesNotHaveDuplicates();
            assertThat(ofS).extracting(AuthorGraphUpdated::getCoauthorCount).last().isEqualTo(3);
            assertThat(ofS).allSatisfy(event -> {
                assertThat(event.getWorkCount()).isEqualTo(1);
                assertThat(event.getTopicCount()).isEqualTo(1);
                assertThat(event.getInstitutionCount()).isEqualTo(1);
                assertThat(event.getCloseCollaboratorCount()).isZero();
            });
            assertThat(summariesOf(updates, stale)).isEmpty();
            int published = ofS.size();

            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 5, 2024, "Fifth", List.of(s, t, u, v)));
            String marker = uniqueId("a_");
            String markerWork = uniqueId("w_");
            TestEvents.publish(Topics.WORK_IMPORTED, markerWork, work(markerWork, 1, 2024, "Marker", List.of(marker)));
            awaitSummary(marker, node -> node.get("workCount").asInt() == 1);
            await().atMost(EVENTUALLY).until(() -> !summariesOf(updates, marker).isEmpty());
            assertThat(summariesOf(updates, s)).as("a redelivered version publishes nothing").hasSize(published);
        }
        http.get().uri("/api/v1/authors/{id}/graph-summary", stale).exchange().expectStatus().isNotFound();
    }

    @Test
    void aVersionThatDropsAnAuthorUpdatesTheOthersAndRemovesEveryTraceOfTheDroppedOne() {
        String p = uniqueId("a_");
        String q = uniqueId("a_");
        String r = uniqueId("a_");
        String workId = uniqueId("w_");
        try (TopicRecorder updates = TestEvents.record(Topics.AUTHOR_GRAPH_UPDATED.name())) {
            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "Three authors", List.of(p, q, r)));
            awaitSummary(r, s -> s.get("workCount").asInt() == 1);
            assertThat(ids(collaborators(p, ""))).containsExactlyInAnyOrder(q, r);

            TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 2, 2024, "Two authors", List.of(p, q)));

            awaitSummary(p, s -> s.get("coauthorCount").asInt() == 1);
            await().atMost(EVENTUALLY).until(() -> http.get().uri("/api/v1/authors/{id}/graph-summary", r)
                    .exchange().returnResult(JsonNode.class).getStatus().value() == 404);
            http.get().uri("/api/v1/authors/{id}/collaborators", r).exchange().expectStatus().isNotFound();
            JsonNode ofP = collaborators(p, "");
            assertThat(ids(ofP)).containsExactly(q);
            assertThat(ofP.get("total").asInt()).isEqualTo(1);

            await().atMost(EVENTUALLY).until(() -> summariesOf(updates, r).size() == 2
                    && summariesOf(updates, p).size() == 2 && summariesOf(updates, q).size() == 2);
            AuthorGraphUpdated last = summariesOf(updates, r).get(1);
            assertThat(last.getRevision()).as("the last word on the dropped author")
                    .isGreaterThan(summariesOf(updates, r).get(0).getRevision());
            assertThat(last.getWorkCount()).isZero();
            assertThat(last.getCoauthorCount()).isZero();
            assertThat(last.getTopicCount()).isZero();
            assertThat(last.getInstitutionCount()).isZero();
            assertThat(summariesOf(updates, p).get(1).getCoauthorCount()).isEqualTo(1);
            assertThat(summariesOf(updates, q)).extracting(AuthorGraphUpdated::getCoauthorCount).containsExactly(2, 1);
        }
    }

    @Test
    void anotherInstanceStillApplyingAWorkOfTheSameAuthorIsWaitedForAndCounted() throws Exception {
        String author = uniqueId("a_");
        String coauthor = uniqueId("a_");
        String otherWork = uniqueId("w_");
        String workId = uniqueId("w_");
        DatabaseCoordinates db = TestInfrastructure.database("graph");
        try (Connection otherInstance = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            otherInstance.setAutoCommit(false);
            execute(otherInstance, "INSERT INTO work (work_id, version, publication_year, author_count) "
                    + "VALUES (?, 1, 2020, 1)", otherWork);
            execute(otherInstance, "INSERT INTO work_author (work_id, author_id, display_name, position) "
                    + "VALUES (?, ?, 'Other instance', 0)", otherWork, author);
            execute(otherInstance, "INSERT INTO pending_summary (key, due_at) VALUES (?, now())", author);

            TestEvents.publish(Topics.WORK_IMPORTED, workId,
                    work(workId, 1, 2024, "Meanwhile", List.of(author, coauthor)));
            await().atMost(EVENTUALLY).until(() -> waitingForLocks(otherInstance) > 0);
            otherInstance.commit();
        }

        JsonNode summary = awaitSummary(author, s -> s.get("workCount").asInt() == 2);
        assertThat(summary.get("coauthorCount").asInt()).isEqualTo(1);
    }

    @Test
    void instancesApplyingWorksOfTheSameAuthorsInReversedOrdersNeitherDeadlockNorLoseAWork() throws Exception {
        int rounds = 15;
        List<String> authors = InstanceRace.applyInReversedOrders(60, rounds, graph::applyWorks,
                graph::summarizePending);
        for (String author : List.of(authors.get(0), authors.get(30), authors.get(59))) {
            JsonNode summary = awaitSummary(author, s -> s.get("workCount").asInt() == 2 * rounds);
            assertThat(summary.get("coauthorCount").asInt()).isEqualTo(59);
            assertThat(summary.get("closeCollaboratorCount").asInt()).isEqualTo(59);
        }
    }

    @Test
    void aWorkWithThousandsOfAuthorsIsStoredAndSummarisedWithoutPairingThem() {
        int authorCount = 5000;
        List<String> authors = Stream.generate(() -> uniqueId("a_")).limit(authorCount).toList();
        WorkImported collaboration = work(uniqueId("w_"), 1, 2024, "A collaboration paper", authors);
        collaboration.getAuthorships().forEach(authorship -> authorship.setDisplayName(
                authorship.getDisplayName() + " of the Very Large Hadron Collaboration, Detector Working Group,"
                        + " Department of Experimental Particle Physics, Institute for Advanced Studies"));
        int encodedBytes = EventCodec.instance().encode(collaboration).length;
        assertThat(encodedBytes).as("bigger than Kafka's default 1 MB record limit").isGreaterThan(1024 * 1024);
        String smallWork = uniqueId("w_");

        TestEvents.publish(Topics.WORK_IMPORTED, collaboration.getWorkId(), collaboration);
        TestEvents.publish(Topics.WORK_IMPORTED, smallWork,
                work(smallWork, 1, 2024, "A small paper", List.of(authors.get(0), authors.get(1))));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "SELECT count(*) FROM author_graph_summary WHERE work_count >= 1 AND author_id = ANY(?)",
                authors) == authorCount);
        JsonNode member = awaitSummary(authors.get(4000), s -> s.get("workCount").asInt() == 1);
        assertThat(member.get("coauthorCount").asInt()).as("3,000+ bylines make nobody a co-author").isZero();
        JsonNode pair = awaitSummary(authors.get(0), s -> s.get("workCount").asInt() == 2);
        assertThat(pair.get("coauthorCount").asInt()).isEqualTo(1);
        assertThat(ids(collaborators(authors.get(0), ""))).containsExactly(authors.get(1));
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheReasonAndConsumptionGoesOn() {
        String author = uniqueId("a_");
        TestEvents.assertUndecodableIsDeadLettered(Topics.WORK_IMPORTED.name(), "graph-service",
                () -> {
                    String workId = uniqueId("w_");
                    TestEvents.publish(Topics.WORK_IMPORTED, workId,
                            work(workId, 1, 2024, "After garbage", List.of(author)));
                });
        awaitSummary(author, s -> s.get("workCount").asInt() == 1);
    }

    @Test
    void readinessCoversTheBindersAndTheGraphCountsAppliedAndStaleWorks() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported first = work(workId, 1, 2024, "Counted", List.of(author));
        TestEvents.publish(Topics.WORK_IMPORTED, workId, first);
        TestEvents.publish(Topics.WORK_IMPORTED, workId, first);
        TestEvents.publish(Topics.WORK_IMPORTED, workId,
                work(workId, 2, 2024, "Counted", List.of(author, uniqueId("a_"))));
        awaitSummary(author, s -> s.get("coauthorCount").asInt() == 1);

        http.get().uri("/actuator/health/readiness").header("Authorization", "Bearer " + TestTokens.opsToken())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.binders.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.consumers.status").isEqualTo("UP");
        String metrics = http.get().uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + TestTokens.opsToken()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(counter(metrics, "bzpeer_graph_works_total")).isGreaterThanOrEqualTo(3);
        assertThat(counter(metrics, "bzpeer_graph_summaries_published_total")).isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("bzpeer_outbox_published_total", "bzpeer_outbox_backlog",
                "bzpeer_outbox_oldest_age_seconds");
    }

    private static void execute(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private static int waitingForLocks(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE NOT granted");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private static double counter(String prometheus, String name) {
        Matcher sample = Pattern.compile("^" + name + "\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(prometheus);
        assertThat(sample.find()).as("%s in %s", name, prometheus).isTrue();
        return Double.parseDouble(sample.group(1));
    }

    private long count(String sql, List<String> ids) {
        Long count = database.sql(sql.replace("?", ":ids")).bind("ids", ids.toArray(String[]::new))
                .map((row, meta) -> row.get(0, Long.class)).one().block();
        return count == null ? 0 : count;
    }

    private JsonNode collaborators(String authorId, String query) {
        return http.get().uri("/api/v1/authors/" + authorId + "/collaborators" + query).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("author").get("id").asString()));
        return ids;
    }

    private static List<AuthorGraphUpdated> summariesOf(TopicRecorder updates, String authorId) {
        return updates.events(AuthorGraphUpdated.class).stream()
                .filter(event -> event.getAuthorId().equals(authorId))
                .toList();
    }

    private JsonNode awaitSummary(String authorId, Predicate<JsonNode> condition) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> {
            var result = http.get().uri("/api/v1/authors/{id}/graph-summary", authorId).exchange()
                    .returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, summary -> summary != null && condition.test(summary));
    }
}
