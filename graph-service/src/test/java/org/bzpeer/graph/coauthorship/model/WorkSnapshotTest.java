package org.bzpeer.graph.coauthorship.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Author;
import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Keyed;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;
import org.junit.jupiter.api.Test;

/** What the graph keeps of a work: each author, topic and institution once, whatever the event repeats. */
class WorkSnapshotTest {

    @Test
    void anAuthorListedTwiceIsKeptOnceAtTheFirstPlaceWithTheInstitutionsOfBothListings() {
        WorkImported work = work(List.of(
                authorship(0, "a1", "Ada", institution("openalex:I1", "One")),
                authorship(1, "a2", "Bob", institution("openalex:I2", "Two")),
                authorship(2, "a1", "A. Lovelace", institution("openalex:I3", "Three"),
                        institution("openalex:I1", "One again"))),
                List.of());

        WorkSnapshot snapshot = WorkSnapshot.of(work);

        assertThat(snapshot.authors()).extracting(Author::id).containsExactly("a1", "a2");
        Author first = snapshot.authors().get(0);
        assertThat(first.name()).isEqualTo("Ada");
        assertThat(first.position()).isZero();
        assertThat(first.institutions()).extracting(Keyed::key).containsExactly("openalex:I1", "openalex:I3");
        assertThat(first.institutions().get(0).name()).isEqualTo("One");
        assertThat(snapshot.authors().get(1).position()).isEqualTo(1);
    }

    @Test
    void topicsAndInstitutionsWithoutIdAreKeyedByTheirNormalisedName() {
        WorkImported work = work(List.of(authorship(0, "a1", "Ada",
                        institution(null, "  King Fahd   University "), institution(" ", "king fahd university"),
                        institution(null, "  "))),
                List.of(topic("openalex:T1", "Rock physics"), topic(null, "Rock  Physics"),
                        topic(null, "rock physics"), topic("openalex:T1", "Duplicate id")));

        WorkSnapshot snapshot = WorkSnapshot.of(work);

        assertThat(snapshot.authors().get(0).institutions())
                .containsExactly(new Keyed("name:king fahd university", "King Fahd   University"));
        assertThat(snapshot.topics()).containsExactly(new Keyed("openalex:T1", "Rock physics"),
                new Keyed("name:rock physics", "Rock  Physics"));
    }

    @Test
    void keysPreferTheIdAndRejectEntriesWithNeitherIdNorName() {
        assertThat(WorkSnapshot.key("openalex:I134085113", "KFUPM")).isEqualTo("openalex:I134085113");
        assertThat(WorkSnapshot.key(null, "Some\tInstitute")).isEqualTo("name:some institute");
        assertThat(WorkSnapshot.key("", " ")).isNull();
    }

    @Test
    void aWorkWithoutAuthorsOrTopicsIsEmptyAndKeepsItsVersionAndYear() {
        WorkImported work = work(List.of(), List.of());
        work.setPublicationYear(null);

        WorkSnapshot snapshot = WorkSnapshot.of(work);

        assertThat(snapshot.authors()).isEmpty();
        assertThat(snapshot.topics()).isEmpty();
        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.publicationYear()).isNull();
    }

    private static WorkImported work(List<Authorship> authorships, List<Topic> topics) {
        return WorkImported.newBuilder()
                .setEventId("e1")
                .setOccurredAt(Instant.EPOCH)
                .setWorkId("w1")
                .setVersion(3)
                .setSource("bzpeer")
                .setIdentifiers(WorkIdentifiers.newBuilder().build())
                .setType("article")
                .setPublicationYear(2024)
                .setAuthorships(authorships)
                .setTopics(topics)
                .build();
    }

    private static Authorship authorship(int position, String authorId, String name, Institution... institutions) {
        return Authorship.newBuilder().setPosition(position).setAuthorId(authorId).setDisplayName(name)
                .setInstitutions(List.of(institutions)).build();
    }

    private static Institution institution(String id, String name) {
        return Institution.newBuilder().setId(id).setName(name).build();
    }

    private static Topic topic(String id, String name) {
        return Topic.newBuilder().setId(id).setName(name).build();
    }
}
