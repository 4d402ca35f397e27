package org.bzpeer.profile.collaboration.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/** Collaboration requests to the owners of claimed authors, and the authors' "open to collaborate" setting. */
@Repository
public class CollaborationStore {

    /** Whether the owner said the author is open to collaborate (an owner's edit; not unless they said so). */
    private static final String KEEP_AUTHOR = """
            SELECT coalesce(e.open_to_collaborate, false) AS open_to_collaborate
            FROM author a LEFT JOIN author_edit e ON e.author_id = a.author_id
            WHERE a.author_id = :author
            FOR KEY SHARE OF a
            """;

    private static final String LOCK_SENDER = """
            SELECT pg_advisory_xact_lock(hashtextextended('collaboration-sender:' || :sender, 0))
            """;

    private static final String SENT_SINCE = """
            SELECT count(*) AS sent, min(sent_at) AS oldest FROM collaboration_request
            WHERE sender_id = :sender AND sent_at > :since
            """;

    private static final String INSERT = """
            INSERT INTO collaboration_request (request_id, author_id, sender_id, owner_id, message, status, sent_at)
            VALUES (:id, :author, :sender, :owner, :message, 'PENDING', :at)
            """;

    private static final String COLUMNS = """
            r.request_id, r.author_id, r.sender_id, r.owner_id, r.message, r.status, r.sent_at, r.decided_at
            """;

    private static final String FIND_FOR_UPDATE = "SELECT " + COLUMNS + """
            FROM collaboration_request r WHERE r.request_id = :id FOR UPDATE
            """;

    private static final String DECIDE = """
            UPDATE collaboration_request SET status = :status, decided_at = :at WHERE request_id = :id
            """;

    private static final String INBOX = "SELECT " + COLUMNS + """
            FROM author_claim c JOIN collaboration_request r ON r.author_id = c.author_id
            WHERE c.user_id = :owner
              AND (CAST(:status AS text) IS NULL OR r.status = :status)
              AND (CAST(:afterAt AS timestamptz) IS NULL OR (r.sent_at, r.request_id) < (:afterAt, :afterId))
            ORDER BY r.sent_at DESC, r.request_id DESC
            LIMIT :limit
            """;

    private final DatabaseClient database;

    public CollaborationStore(DatabaseClient database) {
        this.database = database;
    }

    /** Where a request stands. */
    public enum Status {
        PENDING, ACCEPTED, DECLINED
    }

    /** A stored request; {@code decidedAt} is null while pending. */
    public record StoredRequest(String requestId, String authorId, String senderId, String ownerId, String message,
            Status status, Instant sentAt, Instant decidedAt) {
    }

    /** How many requests a sender sent since a moment, and when the oldest of them was sent (null if none). */
    public record SentRequests(long count, Instant oldest) {
    }

    /**
     * Emits whether author {@code authorId} is open to collaborate, keeping the author from being removed until the
     * transaction ends; empty when the author does not exist.
     */
    public Mono<Boolean> keepAuthor(String authorId) {
        return database.sql(KEEP_AUTHOR)
                .bind("author", authorId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("open_to_collaborate", Boolean.class)))
                .one();
    }

    /** Serialises the requests of {@code senderId} until the transaction ends, on every instance. */
    public Mono<Void> lockSender(String senderId) {
        return database.sql(LOCK_SENDER).bind("sender", senderId).fetch().rowsUpdated().then();
    }

    /** The requests {@code senderId} sent after {@code since}. */
    public Mono<SentRequests> sentSince(String senderId, Instant since) {
        return database.sql(SENT_SINCE)
                .bind("sender", senderId)
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new SentRequests(row.get("sent", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }

    /** Stores a new pending request. */
    public Mono<Void> insert(StoredRequest request) {
        return database.sql(INSERT)
                .bind("id", request.requestId())
                .bind("author", request.authorId())
                .bind("sender", request.senderId())
                .bind("owner", request.ownerId())
                .bind("message", request.message())
                .bind("at", request.sentAt().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** The request {@code requestId}, locked until the transaction ends; empty when unknown. */
    public Mono<StoredRequest> findForUpdate(String requestId) {
        return database.sql(FIND_FOR_UPDATE)
                .bind("id", requestId)
                .map((row, meta) -> request(row))
                .one();
    }

    /** Records the owner's decision on a request. */
    public Mono<Void> decide(String requestId, Status status, Instant at) {
        return database.sql(DECIDE)
                .bind("id", requestId)
                .bind("status", status.name())
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /**
     * Up to {@code limit} requests to the authors {@code ownerId} owns now, newest first, only those in
     * {@code status} when given, strictly after ({@code afterAt}, {@code afterId}) when given.
     */
    public Mono<List<StoredRequest>> inbox(String ownerId, Status status, Instant afterAt, String afterId, int limit) {
        return database.sql(INBOX)
                .bind("owner", ownerId)
                .bind("status", Parameter.fromOrEmpty(status == null ? null : status.name(), String.class))
                .bind("afterAt", Parameter.fromOrEmpty(afterAt == null ? null : afterAt.atOffset(ZoneOffset.UTC),
                        OffsetDateTime.class))
                .bind("afterId", Parameter.fromOrEmpty(afterId, String.class))
                .bind("limit", limit)
                .map((row, meta) -> request(row))
                .all()
                .collectList();
    }

    private static StoredRequest request(Readable row) {
        OffsetDateTime decidedAt = row.get("decided_at", OffsetDateTime.class);
        return new StoredRequest(row.get("request_id", String.class), row.get("author_id", String.class),
                row.get("sender_id", String.class), row.get("owner_id", String.class),
                row.get("message", String.class), Status.valueOf(row.get("status", String.class)),
                row.get("sent_at", OffsetDateTime.class).toInstant(),
                decidedAt == null ? null : decidedAt.toInstant());
    }
}
