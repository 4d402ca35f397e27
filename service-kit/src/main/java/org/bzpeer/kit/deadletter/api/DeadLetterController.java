package org.bzpeer.kit.deadletter.api;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bzpeer.kit.deadletter.application.DeadLetterOperations;
import org.bzpeer.kit.deadletter.application.DeadLetterOperations.Inspected;
import org.bzpeer.kit.deadletter.application.DeadLetterOperations.Listed;
import org.bzpeer.kit.deadletter.application.DeadLetterOperations.Outcome;
import org.bzpeer.kit.deadletter.application.DeadLetterOperations.ReplayResult;
import org.bzpeer.kit.deadletter.model.DeadLetterPosition;
import org.bzpeer.kit.deadletter.model.DeadLetterRecord;
import org.bzpeer.kit.deadletter.model.Replay;
import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ops' view of the records this service's consumers dead-lettered (token scope {@code ops:admin}): list them
 * ({@code GET}, cursor-paged, in topic, partition, offset order), inspect one
 * ({@code GET /{topic}/{partition}/{offset}}: headers, and the event as JSON or, when it cannot be decoded, its bytes
 * in base64), and replay one ({@code POST /{topic}/{partition}/{offset}/replay}) or several
 * ({@code POST /replay} with {@code {"letters": [{"topic", "partition", "offset"}, ...]}} or {@code {"all": true}})
 * to the topic they came from. Replaying is idempotent: a dead letter replayed before is reported
 * {@code already-replayed} and not republished.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize("hasAuthority('SCOPE_ops:admin')")
public class DeadLetterController {

    private final DeadLetterOperations operations;
    private final JsonMapper json;

    public DeadLetterController(DeadLetterOperations operations, JsonMapper json) {
        this.operations = operations;
        this.json = json;
    }

    /** Where a record is. */
    public record Position(String topic, int partition, long offset) {

        static Position of(DeadLetterPosition position) {
            return position == null ? null
                    : new Position(position.topic(), position.partition(), position.offset());
        }

        DeadLetterPosition toModel() {
            if (topic == null || topic.isBlank()) {
                throw ProblemException.invalid("letters[].topic", "must name a dead-letter topic");
            }
            return new DeadLetterPosition(topic, partition, offset);
        }
    }

    /**
     * A dead letter: where it is, its key, where it was consumed from, why it failed, when, and whether it was
     * replayed.
     */
    public record DeadLetterSummary(String topic, int partition, long offset, String key, String originalTopic,
            Integer originalPartition, Long originalOffset, String exceptionClass, String exceptionMessage,
            Instant deadLetteredAt, boolean replayed, Instant replayedAt) {

        static DeadLetterSummary of(DeadLetterRecord letter, Replay replay) {
            DeadLetterPosition at = letter.position();
            return new DeadLetterSummary(at.topic(), at.partition(), at.offset(), letter.key(), letter.originalTopic(),
                    letter.originalPartition(), letter.originalOffset(), letter.exceptionClass(),
                    letter.exceptionMessage(), letter.deadLetteredAt(), replay != null,
                    replay == null ? null : replay.replayedAt());
        }
    }

    /** A page of dead letters; {@code nextCursor} is null on the last page. */
    public record DeadLetterPage(List<DeadLetterSummary> items, String nextCursor) {
    }

    /**
     * A dead letter in full: every header, the value's size, and the value as the event's JSON ({@code payload})
     * or, when it cannot be decoded, as base64 ({@code payloadBase64}) with the reason ({@code undecodable}).
     */
    public record DeadLetterDetail(DeadLetterSummary deadLetter, Map<String, String> headers, int sizeBytes,
            @Schema(description = "The event as JSON, its fields those of its Avro schema")
            JsonNode payload, String payloadBase64, String undecodable, Position replayedTo, String replayedBy) {
    }

    /** Which dead letters to replay: {@code letters}, or {@code all} not replayed yet. */
    public record ReplayRequest(Boolean all, List<Position> letters) {
    }

    /** What became of the replay of one dead letter: {@code replayed}, {@code already-replayed}, {@code not-found}. */
    public record ReplayView(String topic, int partition, long offset, String outcome, Position replayedTo,
            Instant replayedAt, String replayedBy) {

        static ReplayView of(ReplayResult result) {
            Replay replay = result.replay();
            DeadLetterPosition at = result.deadLetter();
            return new ReplayView(at.topic(), at.partition(), at.offset(),
                    result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    replay == null ? null : Position.of(replay.replayedTo()),
                    replay == null ? null : replay.replayedAt(), replay == null ? null : replay.replayedBy());
        }
    }

    /** The outcome of a replay of several dead letters, counted and one by one. */
    public record ReplayReport(long replayed, long alreadyReplayed, long notFound, List<ReplayView> items) {

        static ReplayReport of(List<ReplayResult> results) {
            return new ReplayReport(count(results, Outcome.REPLAYED), count(results, Outcome.ALREADY_REPLAYED),
                    count(results, Outcome.NOT_FOUND), results.stream().map(ReplayView::of).toList());
        }

        private static long count(List<ReplayResult> results, Outcome outcome) {
            return results.stream().filter(result -> result.outcome() == outcome).count();
        }
    }

    @GetMapping
    Mono<DeadLetterPage> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursor.pageSize(limit);
        DeadLetterPosition after = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 3);
            after = new DeadLetterPosition(parts.get(0), (int) Cursor.longPart(parts, 1), Cursor.longPart(parts, 2));
        }
        return operations.list(after, size).map(letters -> new DeadLetterPage(
                letters.stream().map(listed -> DeadLetterSummary.of(listed.letter(), listed.replay())).toList(),
                letters.size() == size ? nextCursor(letters.get(letters.size() - 1)) : null));
    }

    @GetMapping("/{topic}/{partition}/{offset}")
    Mono<DeadLetterDetail> inspect(@PathVariable String topic, @PathVariable int partition,
            @PathVariable long offset) {
        return operations.inspect(new DeadLetterPosition(topic, partition, offset)).map(this::detail);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    Mono<ReplayView> replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
            @AuthenticationPrincipal Jwt operator) {
        return operations.replay(new DeadLetterPosition(topic, partition, offset), operator.getSubject())
                .map(ReplayView::of);
    }

    @PostMapping("/replay")
    Mono<ReplayReport> replaySeveral(@RequestBody ReplayRequest request, @AuthenticationPrincipal Jwt operator) {
        boolean all = Boolean.TRUE.equals(request.all());
        boolean some = request.letters() != null && !request.letters().isEmpty();
        if (all == some) {
            throw ProblemException.invalid("letters", "name the dead letters to replay, or set all to true");
        }
        return (all ? operations.replayAll(operator.getSubject())
                : operations.replay(request.letters().stream().map(Position::toModel).toList(), operator.getSubject()))
                .collectList().map(ReplayReport::of);
    }

    private static String nextCursor(Listed last) {
        DeadLetterPosition at = last.letter().position();
        return Cursor.encode(at.topic(), at.partition(), at.offset());
    }

    private DeadLetterDetail detail(Inspected inspected) {
        DeadLetterRecord letter = inspected.letter();
        Replay replay = inspected.replay();
        JsonNode payload = null;
        String undecodable = inspected.undecodable();
        if (inspected.event() != null) {
            try {
                payload = json.readTree(inspected.event().toString());
            } catch (JacksonException e) {
                undecodable = "decoded, but not representable as JSON: " + e.getOriginalMessage();
            }
        }
        return new DeadLetterDetail(DeadLetterSummary.of(letter, replay), letter.headers(), letter.value().length,
                payload, payload == null ? Base64.getEncoder().encodeToString(letter.value()) : null, undecodable,
                replay == null ? null : Position.of(replay.replayedTo()),
                replay == null ? null : replay.replayedBy());
    }
}
