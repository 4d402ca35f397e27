package org.bzpeer.kit.deadletter.application;

import java.util.List;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.kit.deadletter.model.DeadLetterPosition;
import org.bzpeer.kit.deadletter.model.DeadLetterRecord;
import org.bzpeer.kit.deadletter.model.Replay;
import org.bzpeer.kit.deadletter.store.DeadLetterTopics;
import org.bzpeer.kit.deadletter.store.DeadLetterTopics.BrokerUnavailableException;
import org.bzpeer.kit.deadletter.store.DeadLetterTopics.Snapshot;
import org.bzpeer.kit.deadletter.store.ReplayLog;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.UndecodableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What ops do with the records this service's consumers dead-lettered: list them, inspect one (headers and the event
 * decoded), and replay one, a selection or all not yet replayed to the topic they came from, once the cause is
 * fixed. A replay is idempotent: the dead letter's replay is recorded in the service's database in the transaction
 * that waits for the broker's acknowledgement, so a dead letter is republished at most once however often it is
 * replayed; a second replay reports the first. A replayed record goes to every consumer group of its topic, which
 * all apply events idempotently (per event, version or revision). If it fails again it is dead-lettered again, as a
 * new dead letter. Each replay increments {@code bzpeer.dead.letters.replayed} and logs one line.
 */
public class DeadLetterOperations {

    /** Dead letters read from the broker per round while replaying all of them. */
    static final int REPLAY_PAGE = 200;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final DeadLetterTopics topics;
    private final ReplayLog replays;
    private final TransactionalOperator transactions;
    private final MeterRegistry meters;

    public DeadLetterOperations(DeadLetterTopics topics, ReplayLog replays, TransactionalOperator transactions,
            MeterRegistry meters) {
        this.topics = topics;
        this.replays = replays;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** A dead letter and its replay, null when it was not replayed. */
    public record Listed(DeadLetterRecord letter, Replay replay) {
    }

    /**
     * A dead letter in full: its replay (or null), and its value decoded as the event of its original topic, or
     * null with the reason it cannot be decoded.
     */
    public record Inspected(DeadLetterRecord letter, Replay replay, SpecificRecord event, String undecodable) {
    }

    /** What became of a request to replay one dead letter. */
    public enum Outcome {
        REPLAYED, ALREADY_REPLAYED, NOT_FOUND
    }

    /** The answer to a request to replay the dead letter at {@code deadLetter}; {@code replay} null if not found. */
    public record ReplayResult(DeadLetterPosition deadLetter, Outcome outcome, Replay replay) {
    }

    /** Up to {@code limit} dead letters after {@code after} (null: from the first), by topic, partition, offset. */
    public Mono<List<Listed>> list(DeadLetterPosition after, int limit) {
        return translated(topics.snapshot().flatMap(snapshot -> topics.page(snapshot, after, limit))
                .flatMap(this::withReplays));
    }

    /** The dead letter at {@code position}, decoded; a problem naming it when there is none. */
    public Mono<Inspected> inspect(DeadLetterPosition position) {
        return translated(existing(position).flatMap(letter -> replays.findAmong(List.of(position)).next()
                .map(replay -> inspected(letter, replay))
                .defaultIfEmpty(inspected(letter, null))));
    }

    /** Replays the dead letter at {@code position} for {@code operator}; a problem naming it when there is none. */
    public Mono<ReplayResult> replay(DeadLetterPosition position, String operator) {
        return translated(existing(position).flatMap(letter -> replay(letter, operator)));
    }

    /** Replays each of {@code positions} in turn; one that does not exist is reported {@code NOT_FOUND}. */
    public Flux<ReplayResult> replay(List<DeadLetterPosition> positions, String operator) {
        return translated(Flux.fromIterable(positions).concatMap(position -> topics.find(position)
                .flatMap(letter -> replay(letter, operator))
                .defaultIfEmpty(new ReplayResult(position, Outcome.NOT_FOUND, null))));
    }

    /**
     * Replays every dead letter there is now that was not replayed yet, in (topic, partition, offset) order. Dead
     * letters that arrive meanwhile (a replayed record that fails again) are left for a later request.
     */
    public Flux<ReplayResult> replayAll(String operator) {
        return translated(topics.snapshot().flatMapMany(snapshot -> replayFrom(snapshot, null, operator)));
    }

    private Flux<ReplayResult> replayFrom(Snapshot snapshot, DeadLetterPosition after, String operator) {
        return topics.page(snapshot, after, REPLAY_PAGE).flatMapMany(page -> {
            Flux<ReplayResult> replayed = withReplays(page).flatMapMany(Flux::fromIterable)
                    .filter(listed -> listed.replay() == null)
                    .concatMap(listed -> replay(listed.letter(), operator));
            if (page.size() < REPLAY_PAGE) {
                return replayed;
            }
            DeadLetterPosition last = page.get(page.size() - 1).position();
            return replayed.concatWith(Flux.defer(() -> replayFrom(snapshot, last, operator)));
        });
    }

    /**
     * Republishes {@code letter} unless it was replayed before, recording the replay in the transaction that waits
     * for the broker's acknowledgement: if the broker does not acknowledge, nothing is recorded and the replay can
     * be asked again.
     */
    private Mono<ReplayResult> replay(DeadLetterRecord letter, String operator) {
        DeadLetterPosition position = letter.position();
        if (letter.originalTopic() == null) {
            return Mono.error(new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "not-replayable",
                    "Dead letter not replayable", "Dead letter " + position + " has no header "
                            + DeadLetterRecord.SOURCE_TOPIC + " naming the topic to replay it to"));
        }
        return transactions.transactional(replays.begin(position, letter.originalTopic(), operator)
                        .flatMap(begun -> begun
                                ? topics.republish(letter).flatMap(landed -> replays.complete(position, landed))
                                        .map(replay -> new ReplayResult(position, Outcome.REPLAYED, replay))
                                : replays.findAmong(List.of(position)).next()
                                        .map(replay -> new ReplayResult(position, Outcome.ALREADY_REPLAYED, replay))))
                .doOnNext(result -> {
                    if (result.outcome() == Outcome.REPLAYED) {
                        meters.counter("bzpeer.dead.letters.replayed", "topic", letter.originalTopic()).increment();
                        log.info("Replayed dead letter {} (key {}) to {} for {}", position, letter.key(),
                                result.replay().replayedTo(), operator);
                    }
                });
    }

    private Mono<DeadLetterRecord> existing(DeadLetterPosition position) {
        return topics.snapshot().flatMap(snapshot -> snapshot.hasTopic(position.topic())
                ? topics.find(position).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Dead letter",
                        position.toString())))
                : Mono.error(ProblemException.notFound("Dead-letter topic", position.topic())));
    }

    private Mono<List<Listed>> withReplays(List<DeadLetterRecord> letters) {
        return replays.findAmong(letters.stream().map(DeadLetterRecord::position).toList())
                .collectMap(Replay::deadLetter, Function.identity())
                .map(replayed -> letters.stream()
                        .map(letter -> new Listed(letter, replayed.get(letter.position())))
                        .toList());
    }

    /** {@code letter} with its value decoded by the schema fingerprint it carries, when it carries a known one. */
    private static Inspected inspected(DeadLetterRecord letter, Replay replay) {
        try {
            return new Inspected(letter, replay, EventCodec.instance().decode(letter.value()), null);
        } catch (UndecodableEventException e) {
            return new Inspected(letter, replay, null, e.getMessage());
        }
    }

    /** A broker that does not answer becomes a 503 problem: the request can be sent again. */
    private static <T> Mono<T> translated(Mono<T> operation) {
        return operation.onErrorMap(BrokerUnavailableException.class, DeadLetterOperations::unavailable);
    }

    private static <T> Flux<T> translated(Flux<T> operation) {
        return operation.onErrorMap(BrokerUnavailableException.class, DeadLetterOperations::unavailable);
    }

    private static ProblemException unavailable(BrokerUnavailableException e) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                e.getMessage());
    }
}
