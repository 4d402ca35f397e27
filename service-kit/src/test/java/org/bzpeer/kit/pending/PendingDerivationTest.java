package org.bzpeer.kit.pending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.bzpeer.kit.KitDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The pending-keys queue on the real PostgreSQL: a writer marking keys never waits for their recomputation, a key
 * marked while it is recomputed is recomputed again, a failed recomputation leaves its keys due at once, and a claim
 * whose deriver died comes due when its lease ends.
 */
class PendingDerivationTest {

    private static final Duration NO_LINGER = Duration.ZERO;

    private DatabaseClient database;
    private TransactionalOperator transactions;
    private PendingKeys queue;

    @BeforeEach
    void database() {
        KitDatabase db = KitDatabase.named("kit_pending");
        database = db.client();
        transactions = db.transactions();
        database.sql("""
                CREATE TABLE IF NOT EXISTS pending_test (key TEXT COLLATE "C" PRIMARY KEY, due_at TIMESTAMPTZ NOT NULL)
                """).then().block();
        database.sql("DELETE FROM pending_test").then().block();
        queue = new PendingKeys(database, "pending_test");
    }

    @Test
    void aWriterMarkingKeysBeingRecomputedNeitherWaitsNorIsLost() throws Exception {
        mark("a", "b");
        CountDownLatch deriving = new CountDownLatch(1);
        CountDownLatch markedMeanwhile = new CountDownLatch(1);
        List<List<String>> derived = new CopyOnWriteArrayList<>();
        PendingDerivation derivation = derivation(keys -> Mono.fromRunnable(() -> {
            derived.add(keys);
            deriving.countDown();
            awaitLatch(markedMeanwhile);
        }).subscribeOn(Schedulers.boundedElastic()).then());

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(derivation::deriveBatch);
        assertThat(deriving.await(10, TimeUnit.SECONDS)).isTrue();
        transactions.transactional(queue.mark(List.of("b", "c"), NO_LINGER)).block(Duration.ofSeconds(5));
        markedMeanwhile.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(waiting()).as("b changed while it was recomputed; a did not").containsExactlyInAnyOrder("b", "c");
        assertThat(derivation.deriveBatch()).isEqualTo(2);
        assertThat(derived).containsExactly(List.of("a", "b"), List.of("b", "c"));
        assertThat(waiting()).isEmpty();
    }

    @Test
    void keysUnderAClaimAreNotClaimedAgainUntilItsLeaseEnds() {
        mark("a");
        PendingKeys.Claim claim = queue.claimDue(10, Duration.ofMillis(300)).block();
        assertThat(claim.keys()).containsExactly("a");

        assertThat(queue.claimDue(10, Duration.ofMinutes(1)).block().keys()).as("leased").isEmpty();
        List<String> reclaimed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> queue.claimDue(10, Duration.ofMinutes(1)).block().keys(), keys -> !keys.isEmpty());
        assertThat(reclaimed).as("the deriver that claimed it died; the lease ended").containsExactly("a");
        transactions.transactional(queue.complete(claim)).block();
        assertThat(waiting()).as("completing an expired claim removes nothing claimed since").containsExactly("a");
    }

    @Test
    void aFailedRecomputationLeavesItsKeysDueAtOnce() {
        mark("a");
        List<List<String>> derived = new ArrayList<>();
        boolean[] fail = {true};
        PendingDerivation derivation = derivation(keys -> Mono.defer(() -> {
            derived.add(keys);
            return fail[0] ? Mono.error(new IllegalStateException("database went away")) : Mono.empty();
        }));

        assertThatThrownBy(derivation::deriveBatch).hasMessageContaining("database went away");
        fail[0] = false;
        assertThat(derivation.deriveBatch()).isEqualTo(1);
        assertThat(derived).containsExactly(List.of("a"), List.of("a"));
        assertThat(waiting()).isEmpty();
    }

    private PendingDerivation derivation(Function<List<String>, Mono<Void>> derive) {
        return new PendingDerivation("test", queue, transactions, 10, derive, () -> { }, Duration.ofSeconds(1));
    }

    private void mark(String... keys) {
        transactions.transactional(queue.mark(List.of(keys), NO_LINGER)).block();
    }

    private Set<String> waiting() {
        return Set.copyOf(database.sql("SELECT key FROM pending_test").map(row -> row.get("key", String.class))
                .all().collectList().block());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
