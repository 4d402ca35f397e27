package org.bzpeer.ingest.work.store;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bzpeer.kit.store.ColumnArrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The works held back until their authors are resolved (table {@code held_work}), each with the blocks still to be
 * resolved. Every method is one round trip and joins the caller's transaction; batch look-ups go key by key
 * ({@code LATERAL}), as in the other stores, so a fast-growing table is never scanned whole.
 */
@Repository
public class HeldWorkStore {

    private final DatabaseClient database;

    public HeldWorkStore(DatabaseClient database) {
        this.database = database;
    }

    /** Those of {@code workIds} that are held. */
    public Mono<Set<String>> find(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashSet<>());
        }
        return database.sql("""
                        SELECT h.work_id FROM unnest(CAST(:ids AS text[])) AS w(work_id)
                        CROSS JOIN LATERAL (SELECT work_id FROM held_work WHERE work_id = w.work_id OFFSET 0) AS h""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    /** Holds each work of {@code blocksByWork} until those blocks (all it waits for from now on) are resolved. */
    public Mono<Void> hold(Map<String, Set<String>> blocksByWork) {
        if (blocksByWork.isEmpty()) {
            return Mono.empty();
        }
        ColumnArrays rows = pairs(blocksByWork);
        return database.sql("""
                        INSERT INTO held_work (work_id, blocks)
                        SELECT work_id, array_agg(block ORDER BY block)
                        FROM unnest(CAST(:works AS text[]), CAST(:blocks AS text[])) AS b(work_id, block)
                        GROUP BY work_id ORDER BY work_id
                        ON CONFLICT (work_id) DO UPDATE SET blocks = EXCLUDED.blocks""")
                .bind("works", rows.texts(0))
                .bind("blocks", rows.texts(1))
                .fetch().rowsUpdated().then();
    }

    /**
     * Strikes {@code resolvedByWork} (blocks just resolved, per work) off what the works wait for; answers the works
     * that wait for nothing more, which the caller publishes and {@link #forget forgets}.
     */
    public Mono<Set<String>> resolved(Map<String, Set<String>> resolvedByWork) {
        if (resolvedByWork.isEmpty()) {
            return Mono.just(new HashSet<>());
        }
        ColumnArrays rows = pairs(resolvedByWork);
        return database.sql("""
                        WITH struck AS (
                            UPDATE held_work h SET blocks = ARRAY(SELECT b FROM unnest(h.blocks) AS b
                                                                  WHERE b <> ALL(r.blocks) ORDER BY b)
                            FROM (SELECT work_id, array_agg(block) AS blocks
                                  FROM unnest(CAST(:works AS text[]), CAST(:blocks AS text[])) AS p(work_id, block)
                                  GROUP BY work_id) AS r
                            WHERE h.work_id = r.work_id
                            RETURNING h.work_id, h.blocks)
                        SELECT work_id FROM struck WHERE cardinality(blocks) = 0""")
                .bind("works", rows.texts(0))
                .bind("blocks", rows.texts(1))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    /** Stops holding {@code workIds}: published now, or retired before they ever were. */
    public Mono<Void> forget(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("DELETE FROM held_work WHERE work_id = ANY(CAST(:ids AS text[]))")
                .bind("ids", new TreeSet<>(workIds).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** How many works are held, and how long the one held longest has waited (0 when none). */
    public record Backlog(long works, double oldestSeconds) {
    }

    /** The held works now (a count over the table: for gauges, now and then, not per batch). */
    public Mono<Backlog> backlog() {
        return database.sql("""
                        SELECT count(*) AS works,
                               coalesce(extract(epoch FROM now() - min(held_at)), 0)::float8 AS oldest
                        FROM held_work""")
                .map((row, meta) -> new Backlog(row.get("works", Long.class), row.get("oldest", Double.class)))
                .one();
    }

    /**
     * Locks and answers up to {@code limit} works held longer than {@code maxHold}, longest first, skipping those
     * another transaction holds (an import re-holding them).
     */
    public Mono<List<String>> lockOverdue(Duration maxHold, int limit) {
        return database.sql("""
                        SELECT work_id FROM held_work WHERE held_at < now() - CAST(:maxHold AS interval)
                        ORDER BY held_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("maxHold", maxHold.toMillis() + " milliseconds")
                .bind("limit", limit)
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collectList();
    }

    private static ColumnArrays pairs(Map<String, Set<String>> blocksByWork) {
        ColumnArrays rows = new ColumnArrays(2);
        new TreeMap<>(blocksByWork).forEach((workId, blocks) -> blocks.forEach(block -> rows.add(workId, block)));
        return rows;
    }
}
