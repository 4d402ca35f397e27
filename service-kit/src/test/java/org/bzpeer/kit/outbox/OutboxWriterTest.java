package org.bzpeer.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.bzpeer.kit.KitDatabase;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.store.ValueRows;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorMerged;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The outbox writer on the real PostgreSQL: events recorded together keep their order in the outbox sequence, also
 * when they take several statements, and their payloads are stored byte for byte.
 */
class OutboxWriterTest {

    @Test
    void eventsRecordedTogetherKeepTheirOrderAndPayloadsAcrossStatements() {
        KitDatabase db = KitDatabase.named("kit_outbox_writer");
        Flyway.configure().dataSource(db.coordinates().jdbcUrl(), db.coordinates().user(),
                db.coordinates().password()).locations("classpath:db/kit").load().migrate();
        DatabaseClient database = db.client();
        database.sql("DELETE FROM event_outbox").fetch().rowsUpdated().block();
        int count = ValueRows.MAX_PARAMETERS / 3 * 2 + 7;
        List<OutboundEvent<AuthorMerged>> events = IntStream.range(0, count)
                .mapToObj(i -> new OutboundEvent<>(Topics.AUTHOR_MERGED, "a_" + (count - i),
                        AuthorMerged.newBuilder().setEventId("e" + i).setOccurredAt(Instant.EPOCH)
                                .setAuthorId("a_" + (count - i)).setMergedInto("a_0").setReason("test").build()))
                .toList();

        db.transactions().transactional(new OutboxWriter(database).appendAll(events)).block();

        List<String> keys = database.sql("SELECT event_key FROM event_outbox ORDER BY id")
                .map(row -> row.get("event_key", String.class)).all().collectList().block();
        assertThat(keys).containsExactlyElementsOf(events.stream().map(OutboundEvent::key).toList());
        byte[] last = database.sql("SELECT payload FROM event_outbox ORDER BY id DESC LIMIT 1")
                .map(row -> row.get("payload", byte[].class)).one().block();
        assertThat(EventCodec.instance().decode(last)).isEqualTo(events.get(count - 1).value());
    }
}
