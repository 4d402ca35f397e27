package org.bzpeer.ingest.work.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * ingest-service's own tables: works with the version and content hash last published, and the identifiers works
 * and authors are known by. Every method takes or returns whole batches, one round trip each, and joins the caller's
 * transaction.
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

    /** An identifier to link to an owner (a work or an author id). */
    public record Link(Key key, String ownerId) {
    }

    public Mono<Map<Key, String>> findWorkIds(Collection<Key> keys) {
        return findOwners("work_identifier", "work_id", keys);
    }

    public Mono<Map<Key, String>> findAuthorIds(Collection<Key> keys) {
        return findOwners("author_identifier", "author_id", keys);
    }

    private Mono<Map<Key, String>> findOwners(String table, String ownerColumn, Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("SELECT t.scheme, t.value, t." + ownerColumn + " AS owner FROM " + table + " t "
                        + "JOIN unnest(CAST(:schemes AS text[]), CAST(:values AS text[])) AS k(scheme, value) "
                        + "ON t.scheme = k.scheme AND t.value = k.value")
                .bind("schemes", keys.stream().map(Key::scheme).toArray(String[]::new))
                .bind("values", keys.stream().map(Key::value).toArray(String[]::new))
                .map((row, meta) -> Map.entry(new Key(row.get("scheme", String.class), row.get("value", String.class)),
                        row.get("owner", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    public Mono<Map<String, PublishedWork>> findPublished(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("SELECT work_id, version, content_hash FROM work WHERE work_id = ANY(CAST(:ids AS text[]))")
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
                        "INSERT INTO work (work_id, version, content_hash, source) "
                                + "SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[]), CAST(:hashes AS text[]), CAST(:sources AS text[]))")
                .bind("ids", inserts.stream().map(WorkChange::workId).toArray(String[]::new))
                .bind("versions", inserts.stream().map(WorkChange::version).toArray(Long[]::new))
                .bind("hashes", inserts.stream().map(WorkChange::contentHash).toArray(String[]::new))
                .bind("sources", inserts.stream().map(WorkChange::source).toArray(String[]::new))
                .fetch().rowsUpdated().then();
        Mono<Void> update = updates.isEmpty() ? Mono.empty() : database.sql(
                        "UPDATE work SET version = u.version, content_hash = u.hash, source = u.source, "
                                + "last_changed_at = now() "
                                + "FROM unnest(CAST(:ids AS text[]), CAST(:previous AS bigint[]), CAST(:versions AS bigint[]), CAST(:hashes AS text[]), "
                                + "CAST(:sources AS text[])) AS u(work_id, previous, version, hash, source) "
                                + "WHERE work.work_id = u.work_id AND work.version = u.previous")
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

    public Mono<Void> linkWorkIdentifiers(List<Link> links) {
        return link("work_identifier", "work_id", links);
    }

    public Mono<Void> linkAuthorIdentifiers(List<Link> links) {
        return link("author_identifier", "author_id", links);
    }

    private Mono<Void> link(String table, String ownerColumn, List<Link> links) {
        if (links.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("INSERT INTO " + table + " (scheme, value, " + ownerColumn + ") "
                        + "SELECT * FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[]), CAST(:owners AS text[]))")
                .bind("schemes", links.stream().map(link -> link.key().scheme()).toArray(String[]::new))
                .bind("values", links.stream().map(link -> link.key().value()).toArray(String[]::new))
                .bind("owners", links.stream().map(Link::ownerId).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }
}
