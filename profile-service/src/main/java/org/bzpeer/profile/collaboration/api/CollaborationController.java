package org.bzpeer.profile.collaboration.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.collaboration.application.CollaborationRequests;
import org.bzpeer.profile.collaboration.store.CollaborationStore.Status;
import org.bzpeer.profile.collaboration.store.CollaborationStore.StoredRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * Direct collaboration between signed-in users (token scope {@code profile:write}):
 * {@code POST /api/v1/authors/{id}/collaboration-requests} with {@code {"message": "..."}} asks the author's owner
 * (201 with the request), the owner's inbox {@code GET /api/v1/me/collaboration-requests?status=&cursor=&limit=}
 * (newest first, cursor-paged), and {@code POST /api/v1/me/collaboration-requests/{requestId}/accept} or
 * {@code /decline} (200 with the request, idempotent).
 */
@RestController
@PreAuthorize("hasAuthority('SCOPE_profile:write')")
class CollaborationController {

    /** Body of a new request. */
    record NewRequest(String message) {
    }

    /** A request as its sender and the owner see it; {@code decidedAt} is null while pending. */
    record RequestView(String id, String authorId, String senderId, String message, String status, Instant sentAt,
            Instant decidedAt) {

        static RequestView of(StoredRequest request) {
            return new RequestView(request.requestId(), request.authorId(), request.senderId(), request.message(),
                    request.status().name().toLowerCase(Locale.ROOT), request.sentAt(), request.decidedAt());
        }
    }

    /** A page of the inbox; {@code nextCursor} is null on the last page. */
    record InboxResponse(List<RequestView> items, String nextCursor) {
    }

    private final CollaborationRequests requests;

    CollaborationController(CollaborationRequests requests) {
        this.requests = requests;
    }

    @ApiResponse(responseCode = "201", description = "Sent to the author's owner; Location names the request")
    @PostMapping("/api/v1/authors/{id}/collaboration-requests")
    Mono<ResponseEntity<RequestView>> send(@PathVariable String id, @AuthenticationPrincipal Jwt user,
            @RequestBody NewRequest body) {
        return requests.send(id, user.getSubject(), body.message())
                .map(request -> ResponseEntity
                        .created(URI.create("/api/v1/me/collaboration-requests/" + request.requestId()))
                        .body(RequestView.of(request)));
    }

    @GetMapping("/api/v1/me/collaboration-requests")
    Mono<InboxResponse> inbox(@AuthenticationPrincipal Jwt user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = Cursor.pageSize(limit);
        Instant afterAt = null;
        String afterId = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 2);
            afterAt = instant(parts.get(0));
            afterId = parts.get(1);
        }
        return requests.inbox(user.getSubject(), status(status), afterAt, afterId, pageSize).map(page -> {
            StoredRequest last = page.more() ? page.items().get(page.items().size() - 1) : null;
            return new InboxResponse(page.items().stream().map(RequestView::of).toList(),
                    last == null ? null : Cursor.encode(last.sentAt(), last.requestId()));
        });
    }

    @PostMapping("/api/v1/me/collaboration-requests/{requestId}/accept")
    Mono<RequestView> accept(@PathVariable String requestId, @AuthenticationPrincipal Jwt user) {
        return requests.decide(requestId, user.getSubject(), true).map(RequestView::of);
    }

    @PostMapping("/api/v1/me/collaboration-requests/{requestId}/decline")
    Mono<RequestView> decline(@PathVariable String requestId, @AuthenticationPrincipal Jwt user) {
        return requests.decide(requestId, user.getSubject(), false).map(RequestView::of);
    }

    private static Status status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "one of pending, accepted, declined");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
        }
    }
}
