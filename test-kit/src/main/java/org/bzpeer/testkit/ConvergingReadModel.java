package org.bzpeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.bzpeer.testkit.WorkHistories.Corpus;
import org.springframework.messaging.Message;

/**
 * A service's read model driven through its real {@code work.imported} consumer, for the convergence property: the
 * same final works give the same read model whatever history delivered them.
 *
 * @param database the service's database
 * @param tables   every table to empty between histories (read model, queues, outbox)
 * @param consumer the service's {@code work.imported} consumer bean, fed one polled batch at a time
 * @param settle   waits until every derivation the applied batches caused is done
 * @param snapshot what the read model shows, table by table (the service kit's {@code ReadModelSnapshot})
 */
public record ConvergingReadModel(DatabaseCoordinates database, List<String> tables,
        Consumer<Message<List<byte[]>>> consumer, Runnable settle, Supplier<Map<String, List<String>>> snapshot) {

    /**
     * Applies the simplest history of {@code corpus} (final versions only), then {@code histories} random ones, each
     * to an emptied read model, and asserts that every one ends with the same snapshot; returns that snapshot.
     */
    public Map<String, List<String>> assertSameForEveryHistory(Corpus corpus, Random random, int histories) {
        Map<String, List<String>> expected = replay(WorkHistories.finalVersionsOnly(corpus));
        for (int i = 0; i < histories; i++) {
            List<List<WorkImported>> history = WorkHistories.randomHistory(corpus, random);
            assertThat(replay(history)).as("read model after history %d of %d batches", i, history.size())
                    .isEqualTo(expected);
        }
        return expected;
    }

    /** The property on {@code seeds} synthetic corpora, each in {@code histories} random histories. */
    public void assertConvergesOnSyntheticCorpora(int seeds, int histories) {
        for (long seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            assertSameForEveryHistory(WorkHistories.synthetic(random), random, histories);
        }
    }

    /**
     * The property on {@code rounds} slices of 40 real OpenAlex works whose versions are altered (see
     * {@link WorkHistories#alteredRealWorks}), each in {@code histories} random histories.
     */
    public void assertConvergesOnAlteredRealWorks(int rounds, int histories) {
        List<WorkImported> sample = OpenAlexSampleEvents.works();
        Random random = new Random(42);
        for (int round = 0; round < rounds; round++) {
            int from = random.nextInt(sample.size() - 40);
            assertSameForEveryHistory(WorkHistories.alteredRealWorks(sample.subList(from, from + 40), random),
                    random, histories);
        }
    }

    /**
     * A {@code settle} step for a service that derives from a queue (see {@code PendingKeys}): runs
     * {@code deriveBatch} until {@code pending} is 0, sharing the work with the service's own deriver.
     */
    public static Runnable draining(Runnable deriveBatch, LongSupplier pending) {
        return () -> await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            deriveBatch.run();
            return pending.getAsLong() == 0;
        });
    }

    private Map<String, List<String>> replay(List<List<WorkImported>> history) {
        clear();
        long offset = 0;
        for (List<WorkImported> batch : history) {
            consumer.accept(TestEvents.polledBatch(Topics.WORK_IMPORTED.name(), offset,
                    batch.stream().map(EventCodec.instance()::encode).toList()));
            offset += batch.size();
        }
        settle.run();
        return snapshot.get();
    }

    private void clear() {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear the read model of " + database.name(), e);
        }
    }
}
