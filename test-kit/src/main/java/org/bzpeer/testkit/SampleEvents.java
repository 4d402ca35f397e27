package org.bzpeer.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.Venue;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

/**
 * Builders of realistic events for consumer tests, as ingest-service would publish them. Loading it makes Avro trust
 * the event classes (see {@link EventCodec}), so events built with default values work in any test.
 */
public final class SampleEvents {

    static {
        EventCodec.instance();
    }

    private SampleEvents() {
    }

    /** A fresh id with {@code prefix}, unique per call, so tests sharing a database never collide. */
    public static String uniqueId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Author resolution merging {@code retiredId} into {@code survivorId}, now, as ingest-service publishes it. */
    public static AuthorMerged merge(String retiredId, String survivorId) {
        return AuthorMerged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setAuthorId(retiredId)
                .setMergedInto(survivorId)
                .setReason("name and shared co-authors")
                .build();
    }

    /** Version {@code version} of work {@code workId} written by {@code authorIds}, in that order. */
    public static WorkImported work(String workId, long version, int year, String title, List<String> authorIds) {
        List<Authorship> authorships = new ArrayList<>();
        for (int i = 0; i < authorIds.size(); i++) {
            authorships.add(Authorship.newBuilder()
                    .setPosition(i)
                    .setAuthorId(authorIds.get(i))
                    .setDisplayName("Author " + authorIds.get(i))
                    .setExternalIds(Map.of("openalex", "A" + Math.abs(authorIds.get(i).hashCode())))
                    .setInstitutions(List.of(Institution.newBuilder()
                            .setId("openalex:I" + (100 + i)).setName("Institute " + i).setCountryCode("SA").build()))
                    .build());
        }
        return WorkImported.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setWorkId(workId)
                .setVersion(version)
                .setSource("bzpeer")
                .setIdentifiers(WorkIdentifiers.newBuilder().setDoi("10.1234/" + workId).build())
                .setType("article")
                .setPublicationYear(year)
                .setVenue(Venue.newBuilder().setName("Journal of Tests").build())
                .setTitle(title)
                .setAuthorships(authorships)
                .setTopics(List.of(Topic.newBuilder().setId("openalex:T1").setName("Testing").setScore(0.9).build()))
                .build();
    }
}
