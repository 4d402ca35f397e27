package org.bzpeer.kit.outbox.store;

import java.time.OffsetDateTime;

import org.bzpeer.kit.outbox.model.ParkedRow;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The parked rows of {@code event_outbox}: listed in id order, put back into the queue, or deleted. */
public class ParkedRowStore {

    private static final String COLUMNS = """
            id, topic, event_key, octet_length(payload) AS size_bytes, park_reason, created_at, parked_at
            """;

    private static final String PAGE = "SELECT " + COLUMNS + """
            FROM event_outbox WHERE parked_at IS NOT NULL AND id > :after ORDER BY id LIMIT :limit
            """;

    private static final String UNPARK = """
            UPDATE event_outbox SET parked_at = NULL, park_reason = NULL WHERE id = :id AND parked_at IS NOT NULL
            """;

    private static final String UNPARK_ALL = """
            UPDATE event_outbox SET parked_at = NULL, park_reason = NULL WHERE parked_at IS NOT NULL
            """;

    private static final String DROP = "DELETE FROM event_outbox WHERE id = :id AND parked_at IS NOT NULL RETURNING "
            + COLUMNS;

    private final DatabaseClient database;

    public ParkedRowStore(DatabaseClient database) {
        this.database = database;
    }

    /** Up to {@code limit} parked rows with ids above {@code afterId}, in id order. */
    public Flux<ParkedRow> page(long afterId, int limit) {
        return database.sql(PAGE).bind("after", afterId).bind("limit", limit)
                .map((row, meta) -> parkedRow(row)).all();
    }

    /** Puts parked row {@code id} back into the queue; false when there is no such parked row. */
    public Mono<Boolean> unpark(long id) {
        return database.sql(UNPARK).bind("id", id).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Puts every parked row back into the queue; returns how many there were. */
    public Mono<Long> unparkAll() {
        return database.sql(UNPARK_ALL).fetch().rowsUpdated();
    }

    /** Deletes parked row {@code id}, returning what it was; empty when there is no such parked row. */
    public Mono<ParkedRow> drop(long id) {
        return database.sql(DROP).bind("id", id).map((row, meta) -> parkedRow(row)).one();
    }

    private static ParkedRow parkedRow(Readable row) {
        return new ParkedRow(row.get("id", Long.class), row.get("topic", String.class),
                row.get("event_key", String.class), row.get("size_bytes", Integer.class),
                row.get("park_reason", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("parked_at", OffsetDateTime.class).toInstant());
    }
}
