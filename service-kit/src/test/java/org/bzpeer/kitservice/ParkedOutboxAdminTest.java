package org.bzpeer.kitservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The outbox of a kit service on the real broker and PostgreSQL never stalls: a row larger than its topic takes is
 * parked with the reason, counted, and the rows behind it, of its key and of others, are published; ops list parked
 * rows, retry them (published once the topic takes them, parked again while it does not) or drop them.
 */
@ServiceTest
class ParkedOutboxAdminTest {

    static final String API = "/api/v1/admin/outbox/parked";
    static final int TOPIC_LIMIT = 100_000;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MeterRegistry meters;

    @Test
    void aRowTheTopicCannotTakeIsParkedWhileTheRowsBehindItArePublishedAndOpsRetryOrDropIt() throws Exception {
        String topic = "kit.parking." + TestEvents.newEventId();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(TOPIC_LIMIT)))))
                    .all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeTopics(List.of(topic))
                    .allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions().size() == 1);
            try (TopicRecorder published = TestEvents.record(topic)) {
                byte[] tooLarge = incompressible(3 * TOPIC_LIMIT);
                commit(topic, List.of(row("k1", "first".getBytes()), row("k1", tooLarge),
                        row("k1", "after-of-same-key".getBytes()), row("k2", "after-of-other-key".getBytes())));
                relay.wakeUp();

                await().atMost(Duration.ofSeconds(30)).until(() -> values(published),
                        values -> values.equals(List.of("k1=first", "k1=after-of-same-key", "k2=after-of-other-key")));
                JsonNode parked = await().atMost(Duration.ofSeconds(10)).until(() -> parkedRowsOf(topic),
                        rows -> rows.size() == 1).get(0);
                assertThat(parked.get("key").asString()).isEqualTo("k1");
                assertThat(parked.get("sizeBytes").asInt()).isEqualTo(tooLarge.length);
                assertThat(parked.get("reason").asString()).contains("RecordTooLargeException");
                assertThat(parked.get("parkedAt").isNull()).isFalse();
                await().atMost(Duration.ofSeconds(10)).until(() -> gauge("bzpeer.outbox.parked") == 1
                        && gauge("bzpeer.outbox.backlog") == 0);

                ops(http.post().uri(API + "/{id}/retry", parked.get("id").asLong())).expectStatus().isOk();
                await().atMost(Duration.ofSeconds(30)).until(() -> parkedRowsOf(topic).size() == 1);
                assertThat(values(published)).hasSize(3);

                raiseLimit(admin, topic, 4 * TOPIC_LIMIT);
                ops(http.post().uri(API + "/retry")).expectStatus().isOk().expectBody()
                        .jsonPath("$.retried").isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> published.records().size() == 4);
                ConsumerRecord<String, byte[]> late = published.records().get(3);
                assertThat(late.key()).isEqualTo("k1");
                assertThat(late.value()).isEqualTo(tooLarge);
                assertThat(parkedRowsOf(topic)).isEmpty();
                await().atMost(Duration.ofSeconds(10)).until(() -> gauge("bzpeer.outbox.parked") == 0);

                commit(topic, List.of(row("k3", incompressible(5 * TOPIC_LIMIT))));
                relay.wakeUp();
                JsonNode dropped = await().atMost(Duration.ofSeconds(30)).until(() -> parkedRowsOf(topic),
                        rows -> rows.size() == 1).get(0);
                ops(http.delete().uri(API + "/{id}", dropped.get("id").asLong())).expectStatus().isOk()
                        .expectBody().jsonPath("$.key").isEqualTo("k3");
                assertThat(parkedRowsOf(topic)).isEmpty();
                assertThat(count("SELECT count(*) FROM event_outbox WHERE topic = :topic", topic)).isZero();
                ops(http.delete().uri(API + "/{id}", dropped.get("id").asLong())).expectStatus().isNotFound();
                ops(http.post().uri(API + "/{id}/retry", dropped.get("id").asLong())).expectStatus().isNotFound();
                assertThat(published.records()).hasSize(4);
            }
        }
    }

    @Test
    void onlyOperatorsMayListRetryOrDropParkedRows() {
        http.get().uri(API).exchange().expectStatus().isUnauthorized();
        http.post().uri(API + "/retry").exchange().expectStatus().isUnauthorized();
        http.delete().uri(API + "/1").exchange().expectStatus().isUnauthorized();
        String user = "Bearer " + TestTokens.userToken("someone");
        http.get().uri(API).header("Authorization", user).exchange().expectStatus().isForbidden();
        http.post().uri(API + "/1/retry").header("Authorization", user).exchange().expectStatus().isForbidden();
        http.delete().uri(API + "/1").header("Authorization", user).exchange().expectStatus().isForbidden();
    }

    private List<JsonNode> parkedRowsOf(String topic) {
        JsonNode page = ops(http.get().uri(API + "?limit=100")).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return page.get("items").valueStream().filter(row -> topic.equals(row.get("topic").asString())).toList();
    }

    private static WebTestClient.ResponseSpec ops(WebTestClient.RequestHeadersSpec<?> request) {
        return request.header("Authorization", "Bearer " + TestTokens.opsToken()).exchange();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private long count(String sql, String topic) {
        return database.sql(sql).bind("topic", topic).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private record Row(String key, byte[] payload) {
    }

    private static Row row(String key, byte[] payload) {
        return new Row(key, payload);
    }

    /** Records {@code rows} in the outbox in one transaction, in order, as a service's use case would. */
    private void commit(String topic, List<Row> rows) {
        transactions.transactional(reactor.core.publisher.Flux.fromIterable(rows)
                .concatMap(row -> database.sql("INSERT INTO event_outbox (topic, event_key, payload) "
                        + "VALUES (:topic, :key, :payload)")
                        .bind("topic", topic).bind("key", row.key()).bind("payload", row.payload())
                        .fetch().rowsUpdated())
                .then()).block();
    }

    private static List<String> values(TopicRecorder topic) {
        return topic.records().stream().map(record -> record.key() + "=" + new String(record.value())).toList();
    }

    private static void raiseLimit(Admin admin, String topic, int bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }

    /** Random bytes: lz4 cannot make them smaller than the topic's limit. */
    private static byte[] incompressible(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
