package org.bzpeer.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.bzpeer.kit.deadletter.model.DeadLetterRecord;
import org.bzpeer.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Parks records a consumer cannot process in {@code <topic>.dlq.<consumer group>}, with the original key and value and
 * headers that say why and where from: {@value #REASON}, {@value #EXCEPTION}, {@value #SOURCE_TOPIC},
 * {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}, {@value #DEAD_LETTERED_AT}. Returns only once the broker has
 * acknowledged every dead letter (acks=all), so the consumer commits its offsets only past records that are safe.
 * Each dead letter increments {@code bzpeer.consumer.dead.letters} and logs one line. Ops list, inspect and replay
 * dead letters through {@link org.bzpeer.kit.deadletter.application.DeadLetterOperations}.
 */
public class DeadLetters {

    public static final String REASON = DeadLetterRecord.REASON;
    public static final String EXCEPTION = DeadLetterRecord.EXCEPTION;
    public static final String SOURCE_TOPIC = DeadLetterRecord.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterRecord.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterRecord.SOURCE_OFFSET;
    public static final String DEAD_LETTERED_AT = DeadLetterRecord.DEAD_LETTERED_AT;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<String, byte[]> producer;
    private final String consumerGroup;
    private final MeterRegistry meters;

    public DeadLetters(Producer<String, byte[]> producer, String consumerGroup, MeterRegistry meters) {
        this.producer = producer;
        this.consumerGroup = consumerGroup;
        this.meters = meters;
    }

    /** A record that cannot be processed, and why. */
    public record DeadLetter(ReceivedRecord record, Throwable reason) {
    }

    /** Publishes {@code letters} and waits until the broker has acknowledged all of them. */
    public void publish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        try {
            Instant now = Instant.now();
            List<Future<?>> acks = letters.stream().<Future<?>>map(letter -> producer.send(toRecord(letter, now)))
                    .toList();
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterFailedException(e);
        }
        for (DeadLetter letter : letters) {
            ReceivedRecord record = letter.record();
            meters.counter("bzpeer.consumer.dead.letters", "topic", record.topic()).increment();
            log.warn("Dead-lettered {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetterTopic(record.topic(), consumerGroup), reason(letter.reason()));
        }
    }

    private ProducerRecord<String, byte[]> toRecord(DeadLetter letter, Instant now) {
        ReceivedRecord record = letter.record();
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(
                Topics.deadLetterTopic(record.topic(), consumerGroup), record.key(), record.value());
        Headers headers = out.headers();
        headers.add(REASON, bytes(reason(letter.reason())));
        headers.add(EXCEPTION, bytes(letter.reason().getClass().getName()));
        headers.add(SOURCE_TOPIC, bytes(record.topic()));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(DEAD_LETTERED_AT, bytes(now.toString()));
        return out;
    }

    private static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The broker did not take a dead letter: transient, the whole batch is tried again. */
    static final class DeadLetterFailedException extends RuntimeException {

        DeadLetterFailedException(Throwable cause) {
            super("Cannot publish dead letters: " + cause.getMessage(), cause);
        }
    }
}
