package org.bzpeer.ingest.work.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The imports and their reports: {@code import_run}, its parts (one per body) and their rejected records. Counts of a
 * part only grow, batch by batch, each step in its own statement; a part's stored rejections stop at the cap the
 * caller passes while its {@code rejected} count stays exact.
 */
@Repository
public class ImportStore {

    private final DatabaseClient database;

    public ImportStore(DatabaseClient database) {
        this.database = database;
    }

    /** An import as stored. {@code parts} counts the parts opened so far. */
    public record ImportRow(UUID id, String name, String submittedBy, Long expectedBytes, int parts, boolean finished,
            Instant startedAt, Instant updatedAt) {
    }

    /** One part of an import; {@code state} is reading, done, body-too-large or failed. */
    public record PartRow(int part, String name, String format, String state, String failure, long bytesRead,
            long received, long created, long updated, long unchanged, long rejected, Instant startedAt,
            Instant updatedAt) {
    }

    /** One stored rejected record. */
    public record RejectionRow(int part, long record, String field, String reason) {
    }

    /** What one batch of a part added: counts, and the rejections to store. */
    public record PartProgress(long bytesRead, int received, int created, int updated, int unchanged,
            List<RejectionRow> rejections) {
    }

    /** Creates an import with no parts yet. */
    public Mono<Void> createImport(UUID id, String name, String submittedBy, Long expectedBytes) {
        return database.sql("""
                        INSERT INTO import_run (id, name, submitted_by, expected_bytes)
                        VALUES (:id, :name, :submittedBy, :expectedBytes)""")
                .bind("id", id)
                .bind("name", Parameter.fromOrEmpty(name, String.class))
                .bind("submittedBy", submittedBy)
                .bind("expectedBytes", Parameter.fromOrEmpty(expectedBytes, Long.class))
                .then();
    }

    /** Creates an import and opens its only part, number 0: what one {@code POST /api/v1/works} is. */
    public Mono<Void> createSinglePartImport(UUID id, String submittedBy, String format) {
        return database.sql("""
                        WITH run AS (
                            INSERT INTO import_run (id, submitted_by, parts) VALUES (:id, :submittedBy, 1))
                        INSERT INTO import_part (import_id, part, format, state) VALUES (:id, 0, :format, 'reading')""")
                .bind("id", id)
                .bind("submittedBy", submittedBy)
                .bind("format", format)
                .then();
    }

    /**
     * Opens the next part of an unfinished import and returns its number (0, 1, ...); empty when the import does not
     * exist or is finished.
     */
    public Mono<Integer> openPart(UUID importId, String name, String format) {
        return database.sql("""
                        WITH next AS (
                            UPDATE import_run SET parts = parts + 1, updated_at = now()
                            WHERE id = :id AND NOT finished
                            RETURNING parts - 1 AS part)
                        INSERT INTO import_part (import_id, part, name, format, state)
                        SELECT :id, part, :name, :format, 'reading' FROM next
                        RETURNING part""")
                .bind("id", importId)
                .bind("name", Parameter.fromOrEmpty(name, String.class))
                .bind("format", format)
                .map(row -> row.get("part", Integer.class))
                .one();
    }

    /** Adds one batch's progress to a part, storing its rejections while the part holds fewer than {@code cap}. */
    public Mono<Void> addProgress(UUID importId, int part, PartProgress progress, int cap) {
        Mono<Void> counts = database.sql("""
                        WITH part AS (
                            UPDATE import_part SET bytes_read = :bytesRead, received = received + :received,
                                   created = created + :created, updated = updated + :updated,
                                   unchanged = unchanged + :unchanged, rejected = rejected + :rejected,
                                   updated_at = now()
                            WHERE import_id = :id AND part = :part)
                        UPDATE import_run SET updated_at = now() WHERE id = :id""")
                .bind("id", importId)
                .bind("part", part)
                .bind("bytesRead", progress.bytesRead())
                .bind("received", progress.received())
                .bind("created", progress.created())
                .bind("updated", progress.updated())
                .bind("unchanged", progress.unchanged())
                .bind("rejected", progress.rejections().size())
                .then();
        if (progress.rejections().isEmpty()) {
            return counts;
        }
        List<RejectionRow> rejections = progress.rejections();
        Mono<Void> stored = database.sql("""
                        INSERT INTO import_rejection (import_id, part, record, field, reason)
                        SELECT :id, :part, r.record, r.field, r.reason
                        FROM unnest(CAST(:records AS bigint[]), CAST(:fields AS text[]), CAST(:reasons AS text[]))
                             WITH ORDINALITY AS r(record, field, reason, n)
                        WHERE r.n <= :cap - (SELECT count(*) FROM import_rejection
                                             WHERE import_id = :id AND part = :part)
                        ON CONFLICT DO NOTHING""")
                .bind("id", importId)
                .bind("part", part)
                .bind("records", rejections.stream().map(RejectionRow::record).toArray(Long[]::new))
                .bind("fields", rejections.stream().map(RejectionRow::field).toArray(String[]::new))
                .bind("reasons", rejections.stream().map(RejectionRow::reason).toArray(String[]::new))
                .bind("cap", (long) cap)
                .then();
        return stored.then(counts);
    }

    /**
     * Ends reading a part in {@code state}, with a failure reason when it failed; with {@code finishImport} the import
     * takes no more parts.
     */
    public Mono<Void> closePart(UUID importId, int part, String state, String failure, boolean finishImport) {
        return database.sql("""
                        WITH part AS (
                            UPDATE import_part SET state = :state, failure = :failure, updated_at = now()
                            WHERE import_id = :id AND part = :part)
                        UPDATE import_run SET finished = finished OR :finish, updated_at = now() WHERE id = :id""")
                .bind("id", importId)
                .bind("part", part)
                .bind("state", state)
                .bind("failure", Parameter.fromOrEmpty(failure, String.class))
                .bind("finish", finishImport)
                .then();
    }

    /** Marks an import finished: it takes no more parts. Empty when it does not exist. */
    public Mono<Boolean> finish(UUID importId) {
        return database.sql("""
                        UPDATE import_run SET finished = true, updated_at = now() WHERE id = :id
                        RETURNING true AS found""")
                .bind("id", importId)
                .map(row -> Boolean.TRUE)
                .one();
    }

    /** The import, or empty. */
    public Mono<ImportRow> findImport(UUID importId) {
        return database.sql("""
                        SELECT id, name, submitted_by, expected_bytes, parts, finished, started_at, updated_at
                        FROM import_run WHERE id = :id""")
                .bind("id", importId)
                .map((row, metadata) -> new ImportRow(row.get("id", UUID.class), row.get("name", String.class),
                        row.get("submitted_by", String.class), row.get("expected_bytes", Long.class),
                        row.get("parts", Integer.class), row.get("finished", Boolean.class),
                        instant(row, "started_at"), instant(row, "updated_at")))
                .one();
    }

    /**
     * The parts of an import, in order; a part still reading without progress for longer than
     * {@code stalledAfter} reads as {@code interrupted} (its reader died with its instance).
     */
    public Flux<PartRow> findParts(UUID importId, Duration stalledAfter) {
        return database.sql("""
                        SELECT part, name, format, failure, bytes_read, received, created, updated, unchanged,
                               rejected, started_at, updated_at,
                               CASE WHEN state = 'reading' AND updated_at < now() - make_interval(secs => :stalled)
                                    THEN 'interrupted' ELSE state END AS state
                        FROM import_part WHERE import_id = :id
                        ORDER BY part""")
                .bind("id", importId)
                .bind("stalled", (double) stalledAfter.toSeconds())
                .map((row, metadata) -> new PartRow(row.get("part", Integer.class), row.get("name", String.class),
                        row.get("format", String.class), row.get("state", String.class),
                        row.get("failure", String.class), row.get("bytes_read", Long.class),
                        row.get("received", Long.class), row.get("created", Long.class),
                        row.get("updated", Long.class), row.get("unchanged", Long.class),
                        row.get("rejected", Long.class), instant(row, "started_at"), instant(row, "updated_at")))
                .all();
    }

    /** Stored rejections of an import after position ({@code afterPart}, {@code afterRecord}), in order. */
    public Flux<RejectionRow> findRejections(UUID importId, int afterPart, long afterRecord, int limit) {
        return database.sql("""
                        SELECT part, record, field, reason FROM import_rejection
                        WHERE import_id = :id AND (part, record) > (:part, :record)
                        ORDER BY part, record
                        LIMIT :limit""")
                .bind("id", importId)
                .bind("part", afterPart)
                .bind("record", afterRecord)
                .bind("limit", limit)
                .map((row, metadata) -> new RejectionRow(row.get("part", Integer.class),
                        row.get("record", Long.class), row.get("field", String.class),
                        row.get("reason", String.class)))
                .all();
    }

    private static Instant instant(Row row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }
}
