package org.bzpeer.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A topic recorded for each test: from its end when the test starts until the test ends ({@link TopicRecorder}).
 * Registered as a field, {@code @RegisterExtension final RecordedTopic published = new RecordedTopic(topic);}.
 */
public final class RecordedTopic implements BeforeEachCallback, AfterEachCallback {

    private final String topic;
    private TopicRecorder recorder;

    public RecordedTopic(String topic) {
        this.topic = topic;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        recorder = TestEvents.record(topic);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        recorder.close();
    }

    /** The records seen so far in this test, in arrival order. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return recorder.records();
    }

    /** The events seen so far in this test, decoded. */
    public <V extends SpecificRecord> List<V> events(Class<V> type) {
        return recorder.events(type);
    }

    /**
     * Waits until no record arrived for {@code quiet} (for at most {@code atMost}); answers how many were recorded by
     * then. For a test that must know nothing more is on its way before it acts.
     */
    public int awaitQuiet(Duration quiet, Duration atMost) {
        int[] seen = {records().size()};
        await().atMost(atMost).pollInterval(quiet).until(() -> {
            int now = records().size();
            boolean same = now == seen[0];
            seen[0] = now;
            return same;
        });
        return seen[0];
    }
}
