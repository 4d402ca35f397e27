package org.bzpeer.kit.outbox.application;

import java.util.List;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.model.ParkedRow;
import org.bzpeer.kit.outbox.store.ParkedRowStore;
import org.bzpeer.kit.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * What ops do with outbox rows the relay parked because the broker could not take them: list them, put one or all
 * back into the queue once the cause is fixed (e.g. the topic's size limit raised; the relay is woken at once and
 * parks a row again if it still cannot be published), or drop one for good, which is logged with its topic and key.
 */
public class ParkedOutboxRows {

    private static final Logger log = LoggerFactory.getLogger(ParkedOutboxRows.class);

    private final ParkedRowStore store;
    private final OutboxRelay relay;

    public ParkedOutboxRows(ParkedRowStore store, OutboxRelay relay) {
        this.store = store;
        this.relay = relay;
    }

    /** Up to {@code limit} parked rows after row {@code afterId}, in publication order. */
    public Mono<List<ParkedRow>> list(long afterId, int limit) {
        return store.page(afterId, limit).collectList();
    }

    /** Puts parked row {@code id} back into the queue; a problem when no row {@code id} is parked. */
    public Mono<Void> retry(long id, String operator) {
        return store.unpark(id)
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(notParked(id)))
                .doOnSuccess(done -> {
                    log.info("Outbox row {} unparked by {}", id, operator);
                    relay.wakeUp();
                });
    }

    /** Puts every parked row back into the queue; returns how many. */
    public Mono<Long> retryAll(String operator) {
        return store.unparkAll().doOnNext(count -> {
            log.info("{} parked outbox rows unparked by {}", count, operator);
            relay.wakeUp();
        });
    }

    /** Deletes parked row {@code id} for good: its event is never published. */
    public Mono<ParkedRow> drop(long id, String operator) {
        return store.drop(id)
                .switchIfEmpty(Mono.error(() -> notParked(id)))
                .doOnNext(row -> log.warn("Parked outbox row {} (topic {}, key {}, {} bytes) dropped by {}; "
                        + "it was parked because: {}", row.id(), row.topic(), row.key(), row.sizeBytes(), operator,
                        row.reason()));
    }

    private static ProblemException notParked(long id) {
        return ProblemException.notFound("Parked outbox row", Long.toString(id));
    }
}
