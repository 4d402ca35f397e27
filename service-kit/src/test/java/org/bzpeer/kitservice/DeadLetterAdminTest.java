package org.bzpeer.kitservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bzpeer.kit.deadletter.model.DeadLetterRecord;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters through the admin API of a kit service, on the real broker and PostgreSQL: a poison record is
 * dead-lettered, listed and inspected; replayed before its cause is fixed it is dead-lettered again, replayed after,
 * it is applied; replaying a dead letter again republishes nothing, so it is applied and delivered once. Only
 * operators may do any of it.
 */
@ServiceTest
class DeadLetterAdminTest {

    static final String DEAD_LETTERS = Topics.deadLetterTopic(Topics.FOLLOW_CREATED.name(), "kit-test-service");
    static final String API = "/api/v1/admin/dead-letters";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPoisonRecordIsListedInspectedAndReplayedOnceItsCauseIsFixed() {
        String author = TestEvents.newEventId();
        refuse(author);
        FollowCreated follow = follow(author);
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow);

        JsonNode first = awaitDeadLetters(author, 1).get(0);
        assertThat(first.get("topic").asString()).isEqualTo(DEAD_LETTERS);
        assertThat(first.get("originalTopic").asString()).isEqualTo(Topics.FOLLOW_CREATED.name());
        assertThat(first.get("originalOffset").isNumber()).isTrue();
        assertThat(first.get("exceptionClass").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.get("exceptionMessage").asString()).contains("refused").contains(author);
        assertThat(Instant.parse(first.get("deadLetteredAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.get("replayed").asBoolean()).isFalse();

        JsonNode detail = ops(http.get().uri(path(first))).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(detail.at("/payload/eventId").asString()).isEqualTo(follow.getEventId());
        assertThat(detail.at("/payload/authorId").asString()).isEqualTo(author);
        assertThat(detail.get("payloadBase64").isNull()).isTrue();
        assertThat(detail.at("/headers/" + DeadLetterRecord.SOURCE_TOPIC).asString())
                .isEqualTo(Topics.FOLLOW_CREATED.name());
        assertThat(detail.at("/headers/" + DeadLetterRecord.SOURCE_PARTITION).asString())
                .isEqualTo(first.get("originalPartition").asString());

        double replayedBefore = replayedCount();
        replay(first).jsonPath("$.outcome").isEqualTo("replayed")
                .jsonPath("$.replayedTo.topic").isEqualTo(Topics.FOLLOW_CREATED.name())
                .jsonPath("$.replayedBy").isEqualTo("test-operator");
        JsonNode second = awaitDeadLetters(author, 2).get(1);
        assertThat(second.get("offset").asLong()).isGreaterThan(first.get("offset").asLong());
        replay(first).jsonPath("$.outcome").isEqualTo("already-replayed");

        release(author);
        try (TopicRecorder republished = TestEvents.record(Topics.FOLLOW_CREATED.name())) {
            replay(second).jsonPath("$.outcome").isEqualTo("replayed");
            replay(second).jsonPath("$.outcome").isEqualTo("already-replayed");
            replay(first).jsonPath("$.outcome").isEqualTo("already-replayed");

            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(follow.getEventId()) == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> replaysOf(republished, follow).size() == 1 && deliveries(follow.getEventId()) == 1);
            assertThat(TopicRecorder.header(replaysOf(republished, follow).get(0), DeadLetterRecord.REPLAYED_FROM))
                    .isEqualTo(DEAD_LETTERS + "-" + second.get("partition").asInt() + "@" + second.get("offset"));
        }
        assertThat(replayedCount() - replayedBefore).isEqualTo(2);
        assertThat(awaitDeadLetters(author, 2)).allMatch(letter -> letter.get("replayed").asBoolean());
    }

    @Test
    void aSelectionOrEveryDeadLetterNotReplayedYetIsReplayedOnce() {
        List<String> authors = List.of(TestEvents.newEventId(), TestEvents.newEventId(), TestEvents.newEventId());
        List<FollowCreated> follows = authors.stream().map(DeadLetterAdminTest::follow).toList();
        authors.forEach(this::refuse);
        follows.forEach(follow -> TestEvents.publish(Topics.FOLLOW_CREATED, follow.getAuthorId(), follow));
        List<JsonNode> letters = authors.stream().map(author -> awaitDeadLetters(author, 1).get(0)).toList();
        authors.forEach(this::release);

        ops(http.post().uri(API + "/replay").bodyValue(Map.of("letters", List.of(position(letters.get(0)),
                Map.of("topic", DEAD_LETTERS, "partition", 0, "offset", 1_000_000)))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.replayed").isEqualTo(1)
                .jsonPath("$.notFound").isEqualTo(1)
                .jsonPath("$.items[0].outcome").isEqualTo("replayed")
                .jsonPath("$.items[1].outcome").isEqualTo("not-found");

        JsonNode all = ops(http.post().uri(API + "/replay").bodyValue(Map.of("all", true)))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> replayedNow = offsetsOf(all.get("items"));
        assertThat(replayedNow).doesNotContain(offsetOf(letters.get(0)))
                .contains(offsetOf(letters.get(1)), offsetOf(letters.get(2)));

        JsonNode again = ops(http.post().uri(API + "/replay").bodyValue(Map.of("all", true)))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(offsetsOf(again.get("items"))).doesNotContainAnyElementsOf(
                letters.stream().map(DeadLetterAdminTest::offsetOf).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> follows.stream()
                .allMatch(follow -> deliveries(follow.getEventId()) == 1));
    }

    @Test
    void unknownDeadLettersAndBadRequestsAreProblemsNamingThem() {
        ops(http.get().uri(API + "/{topic}/0/0", "no.such.dlq.kit-test-service")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("no.such.dlq"));
        String author = TestEvents.newEventId();
        refuse(author);
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author));
        awaitDeadLetters(author, 1);
        ops(http.post().uri(API + "/{topic}/0/1000000/replay", DEAD_LETTERS)).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .contains(DEAD_LETTERS + "-0@1000000"));
        ops(http.post().uri(API + "/replay").bodyValue(Map.of())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("letters");
        ops(http.get().uri(API + "?cursor=bm90LWEtY3Vyc29y")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("cursor");
        release(author);
    }

    @Test
    void onlyOperatorsMayListInspectOrReplay() {
        http.get().uri(API).exchange().expectStatus().isUnauthorized();
        http.get().uri(API + "/{topic}/0/0", DEAD_LETTERS).exchange().expectStatus().isUnauthorized();
        http.post().uri(API + "/replay").bodyValue(Map.of("all", true)).exchange().expectStatus().isUnauthorized();
        String pipeline = "Bearer " + TestTokens.pipelineToken();
        http.get().uri(API).header("Authorization", pipeline).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/forbidden");
        http.post().uri(API + "/replay").header("Authorization", pipeline).bodyValue(Map.of("all", true))
                .exchange().expectStatus().isForbidden();
        http.post().uri(API + "/{topic}/0/0/replay", DEAD_LETTERS).header("Authorization", pipeline)
                .exchange().expectStatus().isForbidden();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['" + API + "'].get.responses['401']").exists()
                .jsonPath("$.paths['" + API + "/{topic}/{partition}/{offset}'].get.responses['403']").exists();
    }

    /** Every dead letter of {@code key}, in order, once there are at least {@code count}; pages through all. */
    private List<JsonNode> awaitDeadLetters(String key, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> deadLettersOf(key), found -> found.size() >= count);
    }

    private List<JsonNode> deadLettersOf(String key) {
        List<JsonNode> found = new ArrayList<>();
        String cursor = null;
        do {
            String uri = API + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = ops(http.get().uri(uri)).expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            page.get("items").forEach(item -> {
                if (key.equals(item.get("key").asString())) {
                    found.add(item);
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return found;
    }

    private WebTestClient.BodyContentSpec replay(JsonNode letter) {
        return ops(http.post().uri(path(letter) + "/replay")).expectStatus().isOk().expectBody();
    }

    private static WebTestClient.ResponseSpec ops(WebTestClient.RequestHeadersSpec<?> request) {
        return request.header("Authorization", "Bearer " + TestTokens.opsToken()).exchange();
    }

    private static String path(JsonNode letter) {
        return API + "/" + letter.get("topic").asString() + "/" + letter.get("partition").asInt() + "/"
                + letter.get("offset").asLong();
    }

    private static Map<String, Object> position(JsonNode letter) {
        return Map.of("topic", letter.get("topic").asString(), "partition", letter.get("partition").asInt(),
                "offset", letter.get("offset").asLong());
    }

    private static String offsetOf(JsonNode letter) {
        return letter.get("partition").asInt() + "@" + letter.get("offset").asLong();
    }

    private static List<String> offsetsOf(JsonNode items) {
        List<String> offsets = new ArrayList<>();
        items.forEach(item -> offsets.add(offsetOf(item)));
        return offsets;
    }

    private static List<ConsumerRecord<String, byte[]>> replaysOf(TopicRecorder topic, FollowCreated follow) {
        return topic.records().stream().filter(record -> follow.getAuthorId().equals(record.key())).toList();
    }

    private double replayedCount() {
        Counter counter = meters.find("bzpeer.dead.letters.replayed").tag("topic", Topics.FOLLOW_CREATED.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long deliveries(String eventId) {
        return database.sql("SELECT deliveries FROM applied_follow WHERE event_id = :id").bind("id", eventId)
                .map((row, meta) -> row.get("deliveries", Integer.class).longValue()).one().defaultIfEmpty(0L)
                .block();
    }

    private void refuse(String author) {
        database.sql("INSERT INTO refused_author VALUES (:author)").bind("author", author).fetch().rowsUpdated()
                .block();
    }

    private void release(String author) {
        database.sql("DELETE FROM refused_author WHERE author_id = :author").bind("author", author).fetch()
                .rowsUpdated().block();
    }

    private static FollowCreated follow(String authorId) {
        return FollowCreated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(authorId).setFollowerId("u_1").build();
    }
}
