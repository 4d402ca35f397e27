package org.bzpeer.ingest.work.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import reactor.core.publisher.Mono;

/**
 * ingest-service's own tables: works with the version and content hash last published, the identifiers works are
 * known by, and the aliases of retired work ids. Every method takes or returns whole batches, one round trip each, and
 * joins the caller's transaction.
 */
@Repository
public class IdentityStore {

    private final DatabaseClient database;

    public IdentityStore(DatabaseClient database) {
        this.database = database;
    }

    /** An identifier: a scheme and a normalised value. */
    public record Key(String scheme, String value) {
    }

    /** The last published state of a work. */
    public record PublishedWork(String workId, long version, String contentHash) {
    }

    /** A work to insert (previousVersion 0) or to move from previousVersion to version. */
    public record WorkChange(String workId, long previousVersion, long version, String contentHash, String source) {
    }

    /** An identifier linked to a work. */
    public record Link(Key key, String ownerId) {
    }

    /** The works {@code keys} are linked to. */
    public Mono<Map<Key, String>> findWorkIds(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT t.scheme, t.value, t.work_id
                        FROM work_identifier t
                        JOIN unnest(CAST(:schemes AS text[]), CAST(:values AS text[])) AS k(scheme, value)
                          ON t.scheme = k.scheme AND t.value = k.value""")
                .bind("schemes", keys.stream().map(Key::scheme).toArray(String[]::new))
                .bind("values", keys.stream().map(Key::value).toArray(String[]::new))
                .map(IdentityStore::link)
                .all()
                .collectMap(Link::key, Link::ownerId, HashMap::new);
    }

    /**
     * Every identifier linked to {@code workIds}, read after locking them all (in identifier order, so concurrent
     * importers queue instead of deadlocking). Whoever links to or moves identifiers of these works locks them first,
     * so the answer stays true until this transaction ends.
     */
    public Mono<Map<Key, String>> lockWorkIdentifiers(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        String[] ids = workIds.toArray(String[]::new);
        return database.sql("""
                        SELECT 1 FROM work_identifier WHERE work_id = ANY(CAST(:ids AS text[]))
                        ORDER BY scheme, value FOR UPDATE""")
                .bind("ids", ids)
                .fetch().all().then(database.sql("""
                        SELECT scheme, value, work_id FROM work_identifier
                        WHERE work_id = ANY(CAST(:ids AS text[]))""")
                        .bind("ids", ids)
                        .map(IdentityStore::link)
                        .all()
                        .collectMap(Link::key, Link::ownerId, HashMap::new));
    }

    private static Link link(Row row, RowMetadata meta) {
        return new Link(new Key(row.get("scheme", String.class), row.get("value", String.class)),
                row.get("work_id", String.class));
    }

    public Mono<Map<String, PublishedWork>> findPublished(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT work_id, version, content_hash FROM work WHERE work_id = ANY(CAST(:ids AS text[]))""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> new PublishedWork(row.get("work_id", String.class),
                        row.get("version", Long.class), row.get("content_hash", String.class)))
                .all()
                .collectMap(PublishedWork::workId, work -> work, HashMap::new);
    }

    /**
     * Records work changes. Fails with {@link ConcurrentImportException} when another import changed one of these
     * works since it was read, so the caller can retry with fresh state instead of publishing a duplicate version.
     */
    public Mono<Void> saveWorks(List<WorkChange> changes) {
        List<WorkChange> inserts = changes.stream().filter(change -> change.previousVersion() == 0).toList();
        List<WorkChange> updates = changes.stream().filter(change -> change.previousVersion() > 0).toList();
        Mono<Void> insert = inserts.isEmpty() ? Mono.empty() : database.sql(
                        """
                        INSERT INTO work (work_id, version, content_hash, source)
                        SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[]),
                                             CAST(:hashes AS text[]), CAST(:sources AS text[]))""")
                .bind("ids", inserts.stream().map(WorkChange::workId).toArray(String[]::new))
                .bind("versions", inserts.stream().map(WorkChange::version).toArray(Long[]::new))
                .bind("hashes", inserts.stream().map(WorkChange::contentHash).toArray(String[]::new))
                .bind("sources", inserts.stream().map(WorkChange::source).toArray(String[]::new))
                .fetch().rowsUpdated().then();
        Mono<Void> update = updates.isEmpty() ? Mono.empty() : database.sql(
                        """
                        UPDATE work SET version = u.version, content_hash = u.hash, source = u.source,
                                        last_changed_at = now()
                        FROM unnest(CAST(:ids AS text[]), CAST(:previous AS bigint[]), CAST(:versions AS bigint[]),
                                    CAST(:hashes AS text[]), CAST(:sources AS text[]))
                             AS u(work_id, previous, version, hash, source)
                        WHERE work.work_id = u.work_id AND work.version = u.previous""")
                .bind("ids", updates.stream().map(WorkChange::workId).toArray(String[]::new))
                .bind("previous", updates.stream().map(WorkChange::previousVersion).toArray(Long[]::new))
                .bind("versions", updates.stream().map(WorkChange::version).toArray(Long[]::new))
                .bind("hashes", updates.stream().map(WorkChange::contentHash).toArray(String[]::new))
                .bind("sources", updates.stream().map(WorkChange::source).toArray(String[]::new))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == updates.size() ? Mono.<Void>empty()
                        : Mono.error(new ConcurrentImportException(
                                "another import changed " + (updates.size() - rows) + " of these works meanwhile")));
        return insert.then(update);
    }

    /** Links identifiers no work had yet; fails on one another import linked meanwhile (a conflict to retry). */
    public Mono<Void> linkWorkIdentifiers(List<Link> links) {
        if (links.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        INSERT INTO work_identifier (scheme, value, work_id)
                        SELECT * FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[]), CAST(:owners AS text[]))""")
                .bind("schemes", links.stream().map(link -> link.key().scheme()).toArray(String[]::new))
                .bind("values", links.stream().map(link -> link.key().value()).toArray(String[]::new))
                .bind("owners", links.stream().map(Link::ownerId).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Retires work ids merged into others: their identifiers move to the surviving work, their rows go, and an alias
     * (also of ids they had absorbed before) points to the survivor. The caller holds the locks of
     * {@link #lockWorkIdentifiers}.
     */
    public Mono<Void> retireWorks(Map<String, String> retiredToSurviving) {
        if (retiredToSurviving.isEmpty()) {
            return Mono.empty();
        }
        String[] retired = retiredToSurviving.keySet().toArray(String[]::new);
        String[] surviving = retiredToSurviving.values().toArray(String[]::new);
        return database.sql("""
                        WITH merge AS (
                            SELECT * FROM unnest(CAST(:retired AS text[]), CAST(:surviving AS text[]))
                                AS m(retired, surviving)),
                        moved AS (
                            UPDATE work_identifier SET work_id = merge.surviving FROM merge
                            WHERE work_identifier.work_id = merge.retired),
                        redirected AS (
                            UPDATE work_alias SET surviving_id = merge.surviving FROM merge
                            WHERE work_alias.surviving_id = merge.retired),
                        aliased AS (
                            INSERT INTO work_alias (retired_id, surviving_id) SELECT retired, surviving FROM merge
                            ON CONFLICT (retired_id) DO UPDATE SET surviving_id = EXCLUDED.surviving_id)
                        DELETE FROM work USING merge WHERE work.work_id = merge.retired""")
                .bind("retired", retired)
                .bind("surviving", surviving)
                .fetch().rowsUpdated().then();
    }
}
