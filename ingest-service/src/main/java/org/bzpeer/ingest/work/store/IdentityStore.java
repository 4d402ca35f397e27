package org.bzpeer.ingest.work.store;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bzpeer.kit.store.ValueRows;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ingest-service's own tables: works with the version, content and content hash last published, the identifiers
 * works are known by, the title keys of their records, the aliases of retired work ids, and the authorships owners
 * disowned. Every method takes or returns whole batches, one round trip each, and joins the caller's transaction.
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

    /**
     * A work to insert (previousVersion 0) or to move from previousVersion to version, with the content published
     * (the encoded event without its per-event fields) and its hash.
     */
    public record WorkChange(String workId, long previousVersion, long version, String contentHash, String source,
            byte[] content) {
    }

    /** An authorship an owner disowned. */
    public record Disowned(String workId, String authorId, String userId) {
    }

    /** An identifier linked to a work. */
    public record Link(Key key, String ownerId) {
    }

    /**
     * A record's title key (normalised title and first author's surname) and year, with the identifier the record is
     * known by.
     */
    public record TitleKey(String titleKey, int year, Key knownBy) {
    }

    /** A title key as stored, with the work its identifier is linked to now. */
    public record TitledWork(TitleKey key, String workId) {
    }

    /**
     * A copy (a work without identifiers): its own content (the encoded event as its last record gave it, without the
     * per-event fields) and the work it is merged into by its title key, or null when it is a work of its own.
     */
    public record Copy(String workId, byte[] ownContent, String mergedInto) {
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

    /**
     * Takes a lock per title key for the rest of the transaction (transaction-scoped advisory locks, in one order), so
     * that importers of records sharing a title key queue and each sees the other's records: a work and its copy
     * without identifiers imported at the same time still meet.
     */
    public Mono<Void> lockTitleKeys(Collection<String> titleKeys) {
        if (titleKeys.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        SELECT pg_advisory_xact_lock(hash) FROM (
                            SELECT DISTINCT hashtextextended(title_key, 0) AS hash
                            FROM unnest(CAST(:keys AS text[])) AS k(title_key) ORDER BY hash) AS ordered""")
                .bind("keys", titleKeys.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Every stored title key equal to one of {@code titleKeys} or to a title key of one of {@code workIds}, with the
     * work it belongs to now. Each key is looked up on its own ({@code LATERAL} sub-queries that {@code OFFSET 0} keeps
     * from being merged into joins): during a bulk import the tables outgrow their statistics, and the joins were then
     * planned as scans of every title key and identifier, per batch.
     */
    public Mono<List<TitledWork>> findTitledWorks(Collection<String> titleKeys, Collection<String> workIds) {
        if (titleKeys.isEmpty() && workIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("""
                        WITH wanted AS (
                            SELECT unnest(CAST(:keys AS text[])) AS title_key
                            UNION
                            SELECT t.title_key FROM unnest(CAST(:works AS text[])) AS w(work_id)
                            CROSS JOIN LATERAL (SELECT scheme, value FROM work_identifier
                                                WHERE work_id = w.work_id OFFSET 0) AS i
                            CROSS JOIN LATERAL (SELECT title_key FROM work_title_key
                                                WHERE scheme = i.scheme AND value = i.value OFFSET 0) AS t)
                        SELECT t.title_key, t.year, t.scheme, t.value, i.work_id
                        FROM wanted
                        CROSS JOIN LATERAL (SELECT * FROM work_title_key
                                            WHERE title_key = wanted.title_key OFFSET 0) AS t
                        CROSS JOIN LATERAL (SELECT work_id FROM work_identifier
                                            WHERE scheme = t.scheme AND value = t.value OFFSET 0) AS i""")
                .bind("keys", titleKeys.toArray(String[]::new))
                .bind("works", workIds.toArray(String[]::new))
                .map((row, meta) -> new TitledWork(new TitleKey(row.get("title_key", String.class),
                        row.get("year", Integer.class), new Key(row.get("scheme", String.class),
                        row.get("value", String.class))), row.get("work_id", String.class)))
                .all()
                .collectList();
    }

    /** Stores title keys; one stored before stays as it is. Their identifiers must be linked already. */
    public Mono<Void> saveTitleKeys(Collection<TitleKey> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        INSERT INTO work_title_key (title_key, year, scheme, value)
                        SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:years AS integer[]),
                                             CAST(:schemes AS text[]), CAST(:values AS text[]))
                        ON CONFLICT DO NOTHING""")
                .bind("keys", keys.stream().map(TitleKey::titleKey).toArray(String[]::new))
                .bind("years", keys.stream().map(TitleKey::year).toArray(Integer[]::new))
                .bind("schemes", keys.stream().map(key -> key.knownBy().scheme()).toArray(String[]::new))
                .bind("values", keys.stream().map(key -> key.knownBy().value()).toArray(String[]::new))
                .fetch().rowsUpdated().then();
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
        Mono<Void> insert = Flux.fromIterable(ValueRows.chunks(inserts.stream().map(change -> new Object[] {
                        change.workId(), change.version(), change.contentHash(), change.source(),
                        ByteBuffer.wrap(change.content())}).toList()))
                .concatMap(rows -> database.sql("""
                                INSERT INTO work (work_id, version, content_hash, source, content) VALUES :rows""")
                        .bind("rows", rows)
                        .fetch().rowsUpdated())
                .then();
        Mono<Void> update = Flux.fromIterable(ValueRows.chunks(updates.stream().map(change -> new Object[] {
                        change.workId(), change.previousVersion(), change.version(), change.contentHash(),
                        change.source(), ByteBuffer.wrap(change.content())}).toList()))
                .concatMap(rows -> database.sql("""
                                UPDATE work SET version = u.version, content_hash = u.hash, source = u.source,
                                                content = u.content, last_changed_at = now()
                                FROM (VALUES :rows) AS u(work_id, previous, version, hash, source, content)
                                WHERE work.work_id = u.work_id AND work.version = u.previous""")
                        .bind("rows", rows)
                        .fetch().rowsUpdated())
                .reduce(0L, Long::sum)
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

    /** The copies among {@code workIds}: works known by a title fingerprint alone. */
    public Mono<Map<String, Copy>> findCopies(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT w.work_id, w.copy_content AS content, a.surviving_id
                        FROM work w LEFT JOIN work_alias a ON a.retired_id = w.work_id
                        WHERE w.work_id = ANY(CAST(:ids AS text[])) AND w.copy_content IS NOT NULL""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> new Copy(row.get("work_id", String.class),
                        row.get("content", byte[].class), row.get("surviving_id", String.class)))
                .all()
                .collectMap(Copy::workId, copy -> copy, HashMap::new);
    }

    /**
     * Records copies: the own content of each, and the work it is merged into as its alias (none when null). The
     * copies' work rows must be saved already ({@link #saveWorks}).
     */
    public Mono<Void> saveCopies(Collection<Copy> copies) {
        if (copies.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        WITH copy AS (
                            SELECT work_id, content, NULLIF(merged_into, '') AS merged_into
                            FROM unnest(CAST(:ids AS text[]), CAST(:contents AS text[]), CAST(:merged AS text[]))
                                 AS c(work_id, content, merged_into)),
                        own AS (
                            UPDATE work SET copy_content = decode(copy.content, 'base64') FROM copy
                            WHERE work.work_id = copy.work_id),
                        separated AS (
                            DELETE FROM work_alias USING copy
                            WHERE work_alias.retired_id = copy.work_id AND copy.merged_into IS NULL)
                        INSERT INTO work_alias (retired_id, surviving_id)
                        SELECT work_id, merged_into FROM copy WHERE merged_into IS NOT NULL
                        ON CONFLICT (retired_id) DO UPDATE SET surviving_id = EXCLUDED.surviving_id,
                                                              retired_at = now()
                        WHERE work_alias.surviving_id <> EXCLUDED.surviving_id""")
                .bind("ids", copies.stream().map(Copy::workId).toArray(String[]::new))
                .bind("contents", copies.stream().map(copy -> Base64.getEncoder().encodeToString(copy.ownContent()))
                        .toArray(String[]::new))
                .bind("merged", copies.stream().map(copy -> Objects.toString(copy.mergedInto(), ""))
                        .toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** The content last published of each of {@code workIds} that has one. */
    public Mono<Map<String, byte[]>> findContents(Collection<String> workIds) {
        return database.sql("""
                        SELECT work_id, content FROM work
                        WHERE work_id = ANY(CAST(:ids AS text[])) AND content IS NOT NULL""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("work_id", String.class), row.get("content", byte[].class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** The authors disowned on each of {@code workIds}. */
    public Mono<Map<String, Set<String>>> findDisowned(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT work_id, author_id FROM disowned_authorship
                        WHERE work_id = ANY(CAST(:ids AS text[]))""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("work_id", String.class), row.get("author_id", String.class)))
                .all()
                .collect(HashMap::new, (byWork, pair) -> byWork
                        .computeIfAbsent(pair.getKey(), id -> new HashSet<>()).add(pair.getValue()));
    }

    /** Records disowned authorships; one recorded before stays as it was. */
    public Mono<Void> saveDisowned(List<Disowned> disowned) {
        return database.sql("""
                        INSERT INTO disowned_authorship (work_id, author_id, disowned_by)
                        SELECT * FROM unnest(CAST(:works AS text[]), CAST(:authors AS text[]), CAST(:users AS text[]))
                        ON CONFLICT DO NOTHING""")
                .bind("works", disowned.stream().map(Disowned::workId).toArray(String[]::new))
                .bind("authors", disowned.stream().map(Disowned::authorId).toArray(String[]::new))
                .bind("users", disowned.stream().map(Disowned::userId).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** The work each of {@code workIds} is now: itself, or the work it was merged into. */
    public Mono<Map<String, String>> currentWorkIds(Collection<String> workIds) {
        return database.sql("""
                        SELECT retired_id, surviving_id FROM work_alias
                        WHERE retired_id = ANY(CAST(:ids AS text[]))""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("retired_id", String.class),
                        row.get("surviving_id", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(aliases -> {
                    Map<String, String> current = new HashMap<>();
                    workIds.forEach(id -> current.put(id, aliases.getOrDefault(id, id)));
                    return current;
                });
    }

    /**
     * Retires work ids merged into others: their identifiers and disowned authorships move to the surviving work, their
     * rows go, and an alias (also of ids they had absorbed before) points to the survivor. The caller holds the locks of
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
                            ON CONFLICT (retired_id) DO UPDATE SET surviving_id = EXCLUDED.surviving_id),
                        disowned AS (
                            INSERT INTO disowned_authorship (work_id, author_id, disowned_by, disowned_at)
                            SELECT merge.surviving, d.author_id, d.disowned_by, d.disowned_at
                            FROM disowned_authorship d JOIN merge ON d.work_id = merge.retired
                            ON CONFLICT DO NOTHING)
                        DELETE FROM work USING merge WHERE work.work_id = merge.retired""")
                .bind("retired", retired)
                .bind("surviving", surviving)
                .fetch().rowsUpdated().then();
    }
}
