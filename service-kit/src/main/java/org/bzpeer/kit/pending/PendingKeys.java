package org.bzpeer.kit.pending;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * A queue of keys (author ids, name blocks) whose derived state must be recomputed, kept in a table of the service's
 * database shaped {@code (key TEXT COLLATE "C" PRIMARY KEY, due_at TIMESTAMPTZ NOT NULL)}. Writers {@link #mark} keys in
 * the transaction that changes their inputs; a deriver {@link #claimDue claims} due keys in a statement of its own,
 * recomputes them from what is committed and {@link #complete completes} the claim in the recomputation's transaction.
 * Marks of one key coalesce into one row, so a key touched by many events is recomputed once.
 *
 * <p>A claim is a lease, not a lock held while recomputing: it moves the claimed rows' {@code due_at} to one instant
 * in the future (the lease's end, the same for every key of the claim) and commits at once, so writers marking those
 * keys never wait for a recomputation (they did while the claim held row locks: imports queued behind author
 * resolution for most of a bulk import). A mark of a claimed key moves its {@code due_at} off the lease's end, and
 * completing deletes only the keys still at it: a change committed after a recomputation read its inputs is always
 * recomputed again. A deriver that dies leaves its keys to come due when the lease ends; one that fails releases them
 * ({@link #release}). Writers mark keys in sorted order, so two writers never deadlock on each other. Safe with several
 * instances: a claim skips rows another transaction holds, and a key re-marked during a recomputation may be claimed
 * again by another instance before the first completes, which only recomputes it twice.
 */
public final class PendingKeys {

    private final DatabaseClient database;
    private final String markSql;
    private final String claimSql;
    private final String completeSql;
    private final String releaseSql;

    /** Keys claimed together, leased until {@code leaseEnd}. */
    public record Claim(List<String> keys, OffsetDateTime leaseEnd) {

        public boolean isEmpty() {
            return keys.isEmpty();
        }
    }

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
                UPDATE %1$s SET due_at = now() + CAST(:lease AS interval)
                WHERE key = ANY(ARRAY(SELECT key FROM %1$s WHERE due_at <= now() ORDER BY due_at, key LIMIT :limit
                                      FOR UPDATE SKIP LOCKED))
                RETURNING key, due_at
                """.formatted(table);
        this.completeSql = """
                DELETE FROM %1$s WHERE key = ANY(ARRAY(
                    SELECT key FROM %1$s WHERE key = ANY(CAST(:keys AS text[])) AND due_at = :leaseEnd
                    ORDER BY key FOR UPDATE))
                """.formatted(table);
        this.releaseSql = """
                UPDATE %s SET due_at = now() WHERE key = ANY(CAST(:keys AS text[])) AND due_at = :leaseEnd
                """.formatted(table);
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

    /**
     * Claims up to {@code limit} due keys, oldest first, for {@code lease}; run it outside the recomputation's
     * transaction, so the claim commits before the recomputation starts. The claimed keys are updated by primary key
     * (an array of them, not a join, which a queue without fresh statistics planned as a scan of the whole table).
     */
    public Mono<Claim> claimDue(int limit, Duration lease) {
        return database.sql(claimSql)
                .bind("lease", lease.toMillis() + " milliseconds")
                .bind("limit", limit)
                .map((row, meta) -> new Claim(List.of(row.get("key", String.class)),
                        row.get("due_at", OffsetDateTime.class)))
                .all()
                .collectList()
                .map(claimed -> claimed.isEmpty() ? new Claim(List.of(), null)
                        : new Claim(claimed.stream().map(one -> one.keys().get(0)).sorted().toList(),
                                claimed.get(0).leaseEnd()));
    }

    /**
     * Removes the keys of {@code claim} that nobody marked since it was made; run it in the transaction that
     * recomputed them. It locks them in key order, as writers mark them: deleting them in the table's order deadlocked
     * with an import marking some of them.
     */
    public Mono<Void> complete(Claim claim) {
        return claim.isEmpty() ? Mono.empty() : database.sql(completeSql)
                .bind("keys", claim.keys().toArray(String[]::new))
                .bind("leaseEnd", claim.leaseEnd())
                .fetch().rowsUpdated().then();
    }

    /** Makes the keys of a claim whose recomputation failed due again now, rather than when the lease ends. */
    public Mono<Void> release(Claim claim) {
        return claim.isEmpty() ? Mono.empty() : database.sql(releaseSql)
                .bind("keys", claim.keys().toArray(String[]::new))
                .bind("leaseEnd", claim.leaseEnd())
                .fetch().rowsUpdated().then();
    }
}
