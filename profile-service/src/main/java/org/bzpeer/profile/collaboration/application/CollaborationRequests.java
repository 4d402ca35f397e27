package org.bzpeer.profile.collaboration.application;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.collaboration.store.CollaborationStore;
import org.bzpeer.profile.collaboration.store.CollaborationStore.Status;
import org.bzpeer.profile.collaboration.store.CollaborationStore.StoredRequest;
import org.bzpeer.profile.engagement.application.Claims;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.CollaborationAccepted;
import org.bzpeer.schemas.events.CollaborationDeclined;
import org.bzpeer.schemas.events.CollaborationRequested;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Direct collaboration: a signed-in user asks the owner of a claimed author who is open to collaborate to work
 * together; the owner sees the requests to the authors they own now in their inbox and accepts or declines each,
 * once. A sender may send at most {@code requestsPerWindow} requests per sliding {@code window}, counted under a
 * per-sender lock so concurrent requests cannot exceed it. Every step and its event ({@code collaboration.requested},
 * {@code collaboration.accepted}, {@code collaboration.declined}) commit together.
 */
@Service
public class CollaborationRequests {

    private final CollaborationStore store;
    private final Claims claims;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final CollaborationProperties properties;

    public CollaborationRequests(CollaborationStore store, Claims claims, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions, CollaborationProperties properties) {
        this.store = store;
        this.claims = claims;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** A page of an inbox; {@code more} when a further page exists. */
    public record InboxPage(List<StoredRequest> items, boolean more) {
    }

    /**
     * {@code senderId} asks the owner of {@code authorId} to collaborate. Problems: {@code invalid-request} (400,
     * field {@code message}: missing or too long), {@code not-found} (404), {@code author-not-claimed},
     * {@code not-open-to-collaborate}, {@code sender-is-owner} (409), {@code rate-limited} (429 with Retry-After).
     */
    public Mono<StoredRequest> send(String authorId, String senderId, String message) {
        if (message == null || message.isBlank()) {
            return Mono.error(ProblemException.invalid("message", "required"));
        }
        if (message.length() > properties.messageMaxLength()) {
            return Mono.error(ProblemException.invalid("message",
                    "at most " + properties.messageMaxLength() + " characters, got " + message.length()));
        }
        return transactions.transactional(store.keepAuthor(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .flatMap(open -> claims.owner(authorId).defaultIfEmpty("")
                                .flatMap(owner -> refusal(authorId, senderId, owner, open)
                                        .then(store.lockSender(senderId))
                                        .then(Mono.defer(() -> withinRateLimit(senderId)))
                                        .then(Mono.defer(() -> create(authorId, senderId, owner, message))))))
                .doOnSuccess(request -> relay.wakeUp());
    }

    /**
     * The requests to the authors {@code ownerId} owns, newest first, in {@code status} when given, after the
     * request ({@code afterAt}, {@code afterId}) when given.
     */
    public Mono<InboxPage> inbox(String ownerId, Status status, Instant afterAt, String afterId, int limit) {
        return store.inbox(ownerId, status, afterAt, afterId, limit + 1).map(rows -> rows.size() > limit
                ? new InboxPage(rows.subList(0, limit), true) : new InboxPage(rows, false));
    }

    /**
     * The owner {@code ownerId} accepts ({@code accept}) or declines request {@code requestId}. Deciding as already
     * decided changes nothing; the other decision is a 409 problem {@code already-decided}; a user who does not own
     * the request's author gets a 403 problem {@code not-the-owner}; an unknown request is 404.
     */
    public Mono<StoredRequest> decide(String requestId, String ownerId, boolean accept) {
        Status decision = accept ? Status.ACCEPTED : Status.DECLINED;
        return transactions.transactional(store.findForUpdate(requestId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Collaboration request",
                                requestId)))
                        .flatMap(request -> claims.requireOwner(request.authorId(), ownerId).then(Mono.defer(() -> {
                            if (request.status() == decision) {
                                return Mono.just(request);
                            }
                            if (request.status() != Status.PENDING) {
                                return Mono.error(new ProblemException(HttpStatus.CONFLICT, "already-decided",
                                        "Already decided", "Collaboration request '" + requestId
                                                + "' was already " + request.status().name().toLowerCase()));
                            }
                            return record(request, ownerId, decision);
                        }))))
                .doOnSuccess(request -> relay.wakeUp());
    }

    /** Why {@code senderId} may not ask {@code owner} ("" when unclaimed) of {@code authorId}, if they may not. */
    private static Mono<Void> refusal(String authorId, String senderId, String owner, boolean open) {
        if (owner.isEmpty()) {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, "author-not-claimed", "Author not claimed",
                    "Author '" + authorId + "' is not claimed by anyone: there is nobody to ask"));
        }
        if (!open) {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, "not-open-to-collaborate",
                    "Not open to collaborate",
                    "The owner of author '" + authorId + "' does not take collaboration requests"));
        }
        if (owner.equals(senderId)) {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, "sender-is-owner", "Sender is the owner",
                    "You own author '" + authorId + "': a request to yourself"));
        }
        return Mono.empty();
    }

    private Mono<Void> withinRateLimit(String senderId) {
        Instant now = Instant.now();
        return store.sentSince(senderId, now.minus(properties.window())).flatMap(sent -> {
            if (sent.count() < properties.requestsPerWindow()) {
                return Mono.empty();
            }
            Duration wait = Duration.between(now, sent.oldest().plus(properties.window()));
            long seconds = Math.max(1, wait.toMillis() / 1000 + (wait.toMillis() % 1000 == 0 ? 0 : 1));
            ProblemException limited = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many collaboration requests", "At most " + properties.requestsPerWindow()
                            + " collaboration requests per " + properties.window().toMinutes()
                            + " minutes; try again in " + seconds + " s");
            limited.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return Mono.error(limited);
        });
    }

    private Mono<StoredRequest> create(String authorId, String senderId, String ownerId, String message) {
        StoredRequest request = new StoredRequest(UUID.randomUUID().toString(), authorId, senderId, ownerId,
                message, Status.PENDING, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        return store.insert(request)
                .then(outbox.append(Topics.COLLABORATION_REQUESTED, authorId, CollaborationRequested.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(request.sentAt())
                        .setAuthorId(authorId).setRequestId(request.requestId()).setSenderId(senderId)
                        .setOwnerId(ownerId).setMessage(message).build()))
                .thenReturn(request);
    }

    private Mono<StoredRequest> record(StoredRequest request, String ownerId, Status decision) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String eventId = UUID.randomUUID().toString();
        Mono<Void> event = decision == Status.ACCEPTED
                ? outbox.append(Topics.COLLABORATION_ACCEPTED, request.authorId(), CollaborationAccepted.newBuilder()
                        .setEventId(eventId).setOccurredAt(at).setAuthorId(request.authorId())
                        .setRequestId(request.requestId()).setSenderId(request.senderId()).setOwnerId(ownerId)
                        .build())
                : outbox.append(Topics.COLLABORATION_DECLINED, request.authorId(), CollaborationDeclined.newBuilder()
                        .setEventId(eventId).setOccurredAt(at).setAuthorId(request.authorId())
                        .setRequestId(request.requestId()).setSenderId(request.senderId()).setOwnerId(ownerId)
                        .build());
        return store.decide(request.requestId(), decision, at).then(event)
                .thenReturn(new StoredRequest(request.requestId(), request.authorId(), request.senderId(),
                        request.ownerId(), request.message(), decision, request.sentAt(), at));
    }
}
