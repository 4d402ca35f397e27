package org.bzpeer.kit.deadletter.store;

import java.time.OffsetDateTime;
import java.util.List;

import org.bzpeer.kit.deadletter.model.DeadLetterPosition;
import org.bzpeer.kit.deadletter.model.Replay;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which dead letters were replayed ({@code dead_letter_replay}), one row per dead letter. A replay {@link #begin}s
 * and {@link #complete}s in the transaction that waits for the republished record's acknowledgement, so a dead
 * letter is republished at most once: a second replay of it finds the row (or waits on the first one's lock).
 */
public class ReplayLog {

    private static final String BEGIN = """
            INSERT INTO dead_letter_replay (dead_letter_topic, dead_letter_partition, dead_letter_offset,
                                            original_topic, replayed_by)
            VALUES (:topic, :partition, :offset, :originalTopic, :operator)
            ON CONFLICT DO NOTHING
            """;

    private static final String COMPLETE = """
            UPDATE dead_letter_replay SET replayed_partition = :replayedPartition, replayed_offset = :replayedOffset,
                                          replayed_at = now()
            WHERE dead_letter_topic = :topic AND dead_letter_partition = :partition AND dead_letter_offset = :offset
            RETURNING *
            """;

    private static final String AMONG = """
            SELECT r.* FROM dead_letter_replay r
            JOIN unnest(CAST(:topics AS text[]), CAST(:partitions AS int[]), CAST(:offsets AS bigint[]))
                 AS p(topic, partition, "offset")
              ON r.dead_letter_topic = p.topic AND r.dead_letter_partition = p.partition
             AND r.dead_letter_offset = p."offset"
            """;

    private final DatabaseClient database;

    public ReplayLog(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Records, in the caller's transaction, that {@code operator} replays the dead letter at {@code deadLetter} to
     * {@code originalTopic}; false when it was replayed already (waits while another transaction is replaying it).
     */
    public Mono<Boolean> begin(DeadLetterPosition deadLetter, String originalTopic, String operator) {
        return database.sql(BEGIN)
                .bind("topic", deadLetter.topic()).bind("partition", deadLetter.partition())
                .bind("offset", deadLetter.offset()).bind("originalTopic", originalTopic).bind("operator", operator)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Records where the replayed record landed, in the transaction of {@link #begin}. */
    public Mono<Replay> complete(DeadLetterPosition deadLetter, DeadLetterPosition replayedTo) {
        return database.sql(COMPLETE)
                .bind("topic", deadLetter.topic()).bind("partition", deadLetter.partition())
                .bind("offset", deadLetter.offset())
                .bind("replayedPartition", replayedTo.partition()).bind("replayedOffset", replayedTo.offset())
                .map((row, meta) -> replay(row)).one();
    }

    /** The replays of those of {@code deadLetters} that were replayed. */
    public Flux<Replay> findAmong(List<DeadLetterPosition> deadLetters) {
        if (deadLetters.isEmpty()) {
            return Flux.empty();
        }
        return database.sql(AMONG)
                .bind("topics", deadLetters.stream().map(DeadLetterPosition::topic).toArray(String[]::new))
                .bind("partitions", deadLetters.stream().map(DeadLetterPosition::partition).toArray(Integer[]::new))
                .bind("offsets", deadLetters.stream().map(DeadLetterPosition::offset).toArray(Long[]::new))
                .map((row, meta) -> replay(row)).all();
    }

    private static Replay replay(Readable row) {
        Integer partition = row.get("replayed_partition", Integer.class);
        Long offset = row.get("replayed_offset", Long.class);
        return new Replay(
                new DeadLetterPosition(row.get("dead_letter_topic", String.class),
                        row.get("dead_letter_partition", Integer.class), row.get("dead_letter_offset", Long.class)),
                partition == null || offset == null ? null
                        : new DeadLetterPosition(row.get("original_topic", String.class), partition, offset),
                row.get("replayed_at", OffsetDateTime.class).toInstant(),
                row.get("replayed_by", String.class));
    }
}
