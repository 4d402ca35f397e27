package org.bzpeer.kit.pending;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * A queue of keys (author ids) whose derived state must be recomputed, kept in a table of the service's database
 * shaped {@code (key TEXT COLLATE "C" PRIMARY KEY, due_at TIMESTAMPTZ NOT NULL)}. Writers {@link #mark} keys in the
 * transaction that changes their inputs; a deriver {@link #claimDue claims} due keys, recomputes them from what is
 * committed and {@link #complete completes} them in one transaction. Marks of one key coalesce into one row, so a key
 * touched by many events is recomputed once.
 *
 * <p>Why it is safe with several instances: a claim locks its rows ({@code FOR UPDATE SKIP LOCKED}, row locks, not
 * lock-table entries, so thousands of keys cost nothing extra); a writer that marks a claimed key waits for the
 * claim's transaction and then inserts the key afresh, so a change committed after a recomputation read its inputs
 * is always recomputed again. Writers mark keys in sorted order, so two writers never deadlock on each other.
 */
public final class PendingKeys {

    private final DatabaseClient database;
    private final String markSql;
    private final String claimSql;
    private final String completeSql;

    /** @param table the queue table, created by the service's own migration in the shape above */
    public PendingKeys(DatabaseClient database, String table) {
        this.database = database;
        this.markSql = """
                INSERT INTO %1$s (key, due_at)
                SELECT key, now() + CAST(:linger AS interval)
                FROM unnest(CAST(:keys AS text[])) AS k(key) ORDER BY key
                ON CONFLICT (key) DO UPDATE SET due_at = LEAST(%1$s.due_at, EXCLUDED.due_at)
                """.formatted(table);
        this.claimSql = """
                SELECT key FROM %s WHERE due_at <= now() ORDER BY due_at, key LIMIT :limit FOR UPDATE SKIP LOCKED
                """.formatted(table);
        this.completeSql = "DELETE FROM %s WHERE key = ANY(CAST(:keys AS text[]))".formatted(table);
    }

    /**
     * Marks {@code keys} for recomputation once {@code linger} has passed (an earlier mark keeps its earlier time);
     * run it in the transaction that changes their inputs.
     */
    public Mono<Void> mark(Collection<String> keys, Duration linger) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(markSql)
                .bind("keys", new TreeSet<>(keys).toArray(String[]::new))
                .bind("linger", linger.toMillis() + " milliseconds")
                .fetch().rowsUpdated().then();
    }

    /** Claims up to {@code limit} due keys no other transaction holds, oldest first, until the transaction ends. */
    public Mono<List<String>> claimDue(int limit) {
        return database.sql(claimSql)
                .bind("limit", limit)
                .map((row, meta) -> row.get("key", String.class))
                .all()
                .collectList();
    }

    /** Removes claimed {@code keys} from the queue; run it in the transaction that claimed and recomputed them. */
    public Mono<Void> complete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(completeSql)
                .bind("keys", keys.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }
}
