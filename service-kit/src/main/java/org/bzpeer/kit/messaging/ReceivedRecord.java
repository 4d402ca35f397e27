package org.bzpeer.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/** One Kafka record of a polled batch: where it came from, its key and its undecoded value. */
public record ReceivedRecord(String topic, int partition, long offset, String key, byte[] value) {

    /** The records of a batch as the Kafka binder delivers it: payloads in a list, each header a parallel list. */
    public static List<ReceivedRecord> of(Message<List<byte[]>> batch) {
        List<byte[]> values = batch.getPayload();
        MessageHeaders headers = batch.getHeaders();
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(headers, KafkaHeaders.OFFSET);
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<ReceivedRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new ReceivedRecord(
                    String.valueOf(at(topics, i)),
                    at(partitions, i) instanceof Number partition ? partition.intValue() : -1,
                    at(offsets, i) instanceof Number offset ? offset.longValue() : -1,
                    key(at(keys, i)),
                    values.get(i)));
        }
        return records;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> values ? values : List.of();
    }

    private static Object at(List<?> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static String key(Object key) {
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
