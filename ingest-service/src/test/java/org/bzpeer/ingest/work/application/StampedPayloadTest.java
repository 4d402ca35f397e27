package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.RejectedRecordException;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Golden, without Spring: the payload {@link StampedPayload} writes into a work's stored content is byte for byte the
 * event {@link EventCodec} encodes, for every real OpenAlex work of the shared data, and for per-event fields that
 * take more bytes than the blank ones (a multi-byte version, a non-ASCII event id).
 */
class StampedPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSchemaStartsWithThePerEventFieldsAndTheWorkId() {
        assertThat(WorkImported.getClassSchema().getFields().subList(0, 4).stream()
                .map(field -> field.name() + ":" + field.schema().getType()).toList())
                .containsExactly("eventId:STRING", "occurredAt:LONG", "workId:STRING", "version:LONG");
        assertThat(WorkImported.getClassSchema().getField("occurredAt").schema().getLogicalType().getName())
                .isEqualTo("timestamp-millis");
    }

    @Test
    void realOpenAlexWorksArePublishedWithTheBytesTheCodecWrites() {
        Path sample = SharedData.dir().resolve("openalex/kfupm/works.jsonl.gz");
        assumeTrue(Files.isRegularFile(sample), () -> SharedData.missing(sample));
        OpenAlexWorkFormat format = new OpenAlexWorkFormat(RecordLimits.defaults());
        List<String> differing = new ArrayList<>();
        int[] events = {0};
        SharedData.forEachLine(sample, (line, number) -> {
            try {
                for (OutboundEvent<WorkImported> event : PublishedMentionsTest.planAlone(
                        format.parse(JSON.readTree(line))).events()) {
                    events[0]++;
                    if (!Arrays.equals(event.payload(), EventCodec.instance().encode(event.value()))) {
                        differing.add("line " + number);
                    }
                }
            } catch (RejectedRecordException rejected) {
                // not a work: nothing published
            }
        });
        assertThat(events[0]).isEqualTo(3684);
        assertThat(differing).isEmpty();
    }

    @Test
    void longerPerEventFieldsMoveTheRestAlong() {
        WorkImported work = PublishedMentionsTest.planAlone(new OpenAlexWorkFormat(RecordLimits.defaults())
                .parse(JSON.readTree("""
                        {"id": "https://openalex.org/W1", "title": "Über alles", "publication_year": 2020,
                         "type": "article", "authorships": [{"author": {"display_name": "Zoë Ærø"}}]}"""))).events()
                .get(0).value();
        work.setEventId("");
        work.setOccurredAt(Instant.EPOCH);
        work.setVersion(0);
        byte[] content = EventCodec.instance().encode(work);
        Instant at = Instant.parse("2026-12-01T02:03:04.567Z");

        byte[] stamped = StampedPayload.stamp(content, "événement-ü", at, 123_456_789_012L);

        work.setEventId("événement-ü");
        work.setOccurredAt(at);
        work.setVersion(123_456_789_012L);
        assertThat(stamped).isEqualTo(EventCodec.instance().encode(work));
        assertThatThrownBy(() -> StampedPayload.stamp(stamped, "again", at, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
