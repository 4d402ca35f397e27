package org.bzpeer.kit.authors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Author ids retired by {@code author.merged}, as a consuming service keeps them, in a table of the service's
 * database shaped
 * {@code (author_id TEXT PRIMARY KEY, merged_into TEXT NOT NULL, retired_at TIMESTAMPTZ NOT NULL,
 * revived_at TIMESTAMPTZ, reason TEXT NOT NULL)}.
 *
 * <p>Invariants. An id is retired while its row has no {@code revived_at}. Only a merge that happened later than the
 * stored one replaces it, so redelivered and reordered merges change nothing. Its survivor is found by following
 * {@code merged_into} through further retired ids (X into Z, then Z into W: X's survivor is W). A retired id comes
 * back ({@code revived_at} set, the row kept so a redelivered merge cannot retire it again) when a work naming it
 * happened after its merge (author resolution split it off again), or when a later merge names it as the survivor.
 * Works naming a retired id that happened before its merge (older versions still on their way) are read as naming
 * its survivor: see {@link #canonical}.
 */
public final class RetiredAuthors {

    /** How many merges a chain of survivors follows at most; a longer one (never produced) stops there. */
    static final int MAX_CHAIN = 32;

    private final DatabaseClient database;
    private final String recordSql;
    private final String reviveSql;
    private final String survivorsSql;

    /** @param table the service's table of retired authors, created by its own migration in the shape above */
    public RetiredAuthors(DatabaseClient database, String table) {
        this.database = database;
        this.recordSql = """
                INSERT INTO %1$s AS r (author_id, merged_into, retired_at, reason)
                SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:survivors AS text[]), CAST(:at AS timestamptz[]),
                                     CAST(:reasons AS text[]))
                ORDER BY 1
                ON CONFLICT (author_id) DO UPDATE SET merged_into = EXCLUDED.merged_into,
                    retired_at = EXCLUDED.retired_at, revived_at = NULL, reason = EXCLUDED.reason
                WHERE r.retired_at < EXCLUDED.retired_at
                RETURNING r.author_id
                """.formatted(table);
        this.reviveSql = """
                UPDATE %1$s r SET revived_at = u.at
                FROM unnest(CAST(:ids AS text[]), CAST(:at AS timestamptz[])) AS u(id, at)
                WHERE r.author_id = u.id AND r.revived_at IS NULL AND r.retired_at < u.at
                RETURNING r.author_id
                """.formatted(table);
        this.survivorsSql = """
                WITH RECURSIVE chain (start_id, survivor_id, depth) AS (
                    SELECT author_id, merged_into, 1 FROM %1$s
                    WHERE author_id = ANY(CAST(:ids AS text[])) AND revived_at IS NULL
                    UNION ALL
                    SELECT c.start_id, r.merged_into, c.depth + 1
                    FROM chain c JOIN %1$s r ON r.author_id = c.survivor_id AND r.revived_at IS NULL
                    WHERE c.depth < :maxChain AND r.merged_into <> c.start_id
                )
                SELECT DISTINCT ON (start_id) start_id, survivor_id FROM chain ORDER BY start_id, depth DESC
                """.formatted(table);
    }

    /** Works with every retired author read as their survivor, and the ids these works brought back. */
    public record CanonicalWorks(List<WorkImported> works, Set<String> revived) {
    }

    /**
     * Records {@code merges}, the newest per retired id, where newer than the stored merge of that id; a survivor
     * that was itself retired by an older merge comes back. Emits the merges that changed something (none when all
     * were applied before), as each retired id with its survivor through chains of merges as recorded now. Run it
     * in the transaction that applies their consequences.
     */
    public Mono<Map<String, String>> record(List<AuthorMerged> merges) {
        List<AuthorMerged> latest = LatestPerKey.of(merges, AuthorMerged::getAuthorId,
                merge -> merge.getOccurredAt().toEpochMilli()).stream()
                .filter(merge -> !merge.getAuthorId().equals(merge.getMergedInto())).toList();
        if (latest.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql(recordSql)
                .bind("ids", latest.stream().map(AuthorMerged::getAuthorId).toArray(String[]::new))
                .bind("survivors", latest.stream().map(AuthorMerged::getMergedInto).toArray(String[]::new))
                .bind("at", latest.stream().map(merge -> utc(merge.getOccurredAt())).toArray(OffsetDateTime[]::new))
                .bind("reasons", latest.stream().map(AuthorMerged::getReason).toArray(String[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collectList()
                .flatMap(retired -> revive(latest.stream().map(AuthorMerged::getMergedInto).toList(),
                        latest.stream().map(AuthorMerged::getOccurredAt).toList())
                        .then(survivors(retired)));
    }

    /**
     * A SQL condition true while the author id {@code idExpression} (a column or parameter) is retired in
     * {@code table}, for a service's query that reads it with other things in one round trip.
     */
    public static String retiredCondition(String table, String idExpression) {
        return "EXISTS (SELECT 1 FROM %1$s WHERE author_id = %2$s AND revived_at IS NULL)"
                .formatted(table, idExpression);
    }

    /**
     * The survivor of each of {@code authorIds} that is retired, through chains of merges; ids not retired are not
     * in the map.
     */
    public Mono<Map<String, String>> survivors(Collection<String> authorIds) {
        if (authorIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql(survivorsSql)
                .bind("ids", new TreeSet<>(authorIds).toArray(String[]::new))
                .bind("maxChain", MAX_CHAIN)
                .map((row, meta) -> Map.entry(row.get("start_id", String.class), row.get("survivor_id", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * {@code works} as the service applies them: first, each retired author a work names and that work happened
     * after the merge comes back; then every author still retired is replaced by their survivor (an author listed
     * twice that way keeps their first place). Run it in the transaction that applies the works.
     */
    public Mono<CanonicalWorks> canonical(List<WorkImported> works) {
        Map<String, Instant> lastNamed = new TreeMap<>();
        for (WorkImported work : works) {
            for (Authorship authorship : work.getAuthorships()) {
                lastNamed.merge(authorship.getAuthorId(), work.getOccurredAt(),
                        (kept, other) -> other.isAfter(kept) ? other : kept);
            }
        }
        if (lastNamed.isEmpty()) {
            return Mono.just(new CanonicalWorks(works, Set.of()));
        }
        return revive(List.copyOf(lastNamed.keySet()), List.copyOf(lastNamed.values()))
                .flatMap(revived -> survivors(lastNamed.keySet()).map(survivors -> new CanonicalWorks(
                        survivors.isEmpty() ? works : works.stream().map(work -> renamed(work, survivors)).toList(),
                        revived)));
    }

    /** Brings back each of {@code authorIds} retired before the matching instant of {@code at}; emits those. */
    private Mono<Set<String>> revive(List<String> authorIds, List<Instant> at) {
        Map<String, Instant> latest = new TreeMap<>();
        for (int i = 0; i < authorIds.size(); i++) {
            latest.merge(authorIds.get(i), at.get(i), (kept, other) -> other.isAfter(kept) ? other : kept);
        }
        return database.sql(reviveSql)
                .bind("ids", latest.keySet().toArray(String[]::new))
                .bind("at", latest.values().stream().map(RetiredAuthors::utc).toArray(OffsetDateTime[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collect(TreeSet<String>::new, Set::add);
    }

    /** {@code work} with each author in {@code survivors} replaced by their survivor, each author listed once. */
    static WorkImported renamed(WorkImported work, Map<String, String> survivors) {
        if (work.getAuthorships().stream().noneMatch(a -> survivors.containsKey(a.getAuthorId()))) {
            return work;
        }
        Map<String, Authorship> byAuthor = new LinkedHashMap<>();
        for (Authorship authorship : work.getAuthorships()) {
            String authorId = survivors.getOrDefault(authorship.getAuthorId(), authorship.getAuthorId());
            byAuthor.putIfAbsent(authorId, Authorship.newBuilder(authorship).setAuthorId(authorId).build());
        }
        return WorkImported.newBuilder(work).setAuthorships(new ArrayList<>(byAuthor.values())).build();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
