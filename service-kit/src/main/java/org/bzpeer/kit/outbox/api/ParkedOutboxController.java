package org.bzpeer.kit.outbox.api;

import java.time.Instant;
import java.util.List;

import org.bzpeer.kit.outbox.application.ParkedOutboxRows;
import org.bzpeer.kit.outbox.model.ParkedRow;
import org.bzpeer.kit.web.Cursor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Ops' view of the outbox rows this service could not publish (token scope {@code ops:admin}): list them
 * ({@code GET}, in publication order, cursor-paged), put one or all back into the queue ({@code POST /{id}/retry},
 * {@code POST /retry}) or drop one for good ({@code DELETE /{id}}).
 */
@RestController
@RequestMapping("/api/v1/admin/outbox/parked")
@PreAuthorize("hasAuthority('SCOPE_ops:admin')")
public class ParkedOutboxController {

    private final ParkedOutboxRows parkedRows;

    public ParkedOutboxController(ParkedOutboxRows parkedRows) {
        this.parkedRows = parkedRows;
    }

    /** One parked row. */
    public record ParkedRowView(long id, String topic, String key, int sizeBytes, String reason, Instant createdAt,
            Instant parkedAt) {

        static ParkedRowView of(ParkedRow row) {
            return new ParkedRowView(row.id(), row.topic(), row.key(), row.sizeBytes(), row.reason(),
                    row.createdAt(), row.parkedAt());
        }
    }

    /** A page of parked rows; {@code nextCursor} is null on the last page. */
    public record ParkedRowPage(List<ParkedRowView> items, String nextCursor) {
    }

    /** How many parked rows went back into the queue. */
    public record Retried(long retried) {
    }

    @GetMapping
    Mono<ParkedRowPage> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursor.pageSize(limit);
        long afterId = cursor == null ? 0 : Cursor.longPart(Cursor.decode(cursor, 1), 0);
        return parkedRows.list(afterId, size).map(rows -> new ParkedRowPage(
                rows.stream().map(ParkedRowView::of).toList(),
                rows.size() == size ? Cursor.encode(rows.get(rows.size() - 1).id()) : null));
    }

    @PostMapping("/{id}/retry")
    Mono<Retried> retry(@PathVariable long id, @AuthenticationPrincipal Jwt operator) {
        return parkedRows.retry(id, operator.getSubject()).thenReturn(new Retried(1));
    }

    @PostMapping("/retry")
    Mono<Retried> retryAll(@AuthenticationPrincipal Jwt operator) {
        return parkedRows.retryAll(operator.getSubject()).map(Retried::new);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<ParkedRowView>> drop(@PathVariable long id, @AuthenticationPrincipal Jwt operator) {
        return parkedRows.drop(id, operator.getSubject()).map(row -> ResponseEntity.ok(ParkedRowView.of(row)));
    }
}
