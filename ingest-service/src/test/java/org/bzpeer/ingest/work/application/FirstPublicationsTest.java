package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.junit.jupiter.api.Test;

/** Which works of a batch {@link FirstPublications} holds back for author resolution, lets go, or publishes now. */
class FirstPublicationsTest {

    private static final Set<String> NONE = Set.of();

    @Test
    void aNewWorkWithAnAuthorKnownOnlyByNameIsHeldForEveryBlockOfItsByline() {
        FirstPublications first = FirstPublications.of(List.of(version("w1")),
                Map.of("w1", List.of(nameOnly("w1", 0, "Ada Lovelace"), identified("w1", 1, "Charles Babbage"))),
                NONE, NONE);

        assertThat(first.events()).isEmpty();
        assertThat(first.held()).containsExactly(Map.entry("w1", Set.of("lovelace a", "babbage c")));
        assertThat(first.letGo()).isEmpty();
    }

    @Test
    void aWorkWhoseAuthorsAreAllIdentifiedOrThatWasPublishedBeforeIsPublishedAtOnce() {
        List<OutboundEvent<WorkImported>> events = List.of(version("identified"), version("revised"));
        FirstPublications first = FirstPublications.of(events, Map.of(
                        "identified", List.of(identified("identified", 0, "Ada Lovelace")),
                        "revised", List.of(nameOnly("revised", 0, "Ada Lovelace"))),
                NONE, Set.of("revised"));

        assertThat(first.events()).isEqualTo(events);
        assertThat(first.held()).isEmpty();
    }

    @Test
    void aHeldWorkStaysHeldWhileAnAuthorIsKnownOnlyByNameAndIsLetGoOnceNone() {
        FirstPublications again = FirstPublications.of(List.of(version("w1")),
                Map.of("w1", List.of(nameOnly("w1", 0, "Grace Hopper"))), Set.of("w1"), Set.of("w1"));
        assertThat(again.events()).isEmpty();
        assertThat(again.held()).containsExactly(Map.entry("w1", Set.of("hopper g")));

        OutboundEvent<WorkImported> identifiedNow = version("w1");
        FirstPublications identified = FirstPublications.of(List.of(identifiedNow),
                Map.of("w1", List.of(identified("w1", 0, "Grace Hopper"))), Set.of("w1"), Set.of("w1"));
        assertThat(identified.events()).containsExactly(identifiedNow);
        assertThat(identified.held()).isEmpty();
        assertThat(identified.letGo()).containsExactly("w1");
    }

    @Test
    void aHeldWorkRetiredBeforeItWasPublishedLeavesNoTombstone() {
        FirstPublications first = FirstPublications.of(List.of(tombstone("held", "survivor"), version("survivor")),
                Map.of("survivor", List.of(nameOnly("survivor", 0, "Grace Hopper"))), Set.of("held"),
                Set.of("held"));

        assertThat(first.events()).isEmpty();
        assertThat(first.letGo()).containsExactly("held");
        assertThat(first.held()).containsOnlyKeys("survivor");
    }

    @Test
    void aNewWorkAbsorbingAPublishedOneIsPublishedAtOnceSoItsReadersNeverLoseIt() {
        List<OutboundEvent<WorkImported>> events = List.of(tombstone("published", "survivor"), version("survivor"));
        FirstPublications first = FirstPublications.of(events,
                Map.of("survivor", List.of(nameOnly("survivor", 0, "Grace Hopper"))), NONE, Set.of("published"));

        assertThat(first.events()).isEqualTo(events);
        assertThat(first.held()).isEmpty();
    }

    private static OutboundEvent<WorkImported> version(String workId) {
        WorkImported work = new WorkImported();
        work.setWorkId(workId);
        return new OutboundEvent<>(Topics.WORK_IMPORTED, workId, work, new byte[0]);
    }

    private static OutboundEvent<WorkImported> tombstone(String workId, String mergedInto) {
        OutboundEvent<WorkImported> event = version(workId);
        event.value().setMergedInto(mergedInto);
        return event;
    }

    private static PublishedMention nameOnly(String workId, int position, String printed) {
        return mention(workId, position, printed, null);
    }

    private static PublishedMention identified(String workId, int position, String printed) {
        return mention(workId, position, printed, "0000-0002-1825-0097");
    }

    private static PublishedMention mention(String workId, int position, String printed, String orcid) {
        AuthorMention mention = new AuthorMention(workId, position, PersonName.parse(printed), orcid, Map.of(),
                Set.of(), Set.of(), null, Set.of(), 2020, null);
        return new PublishedMention(mention, printed, "a_" + workId + position);
    }
}
