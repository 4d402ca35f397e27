package org.bzpeer.kit.authors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.SampleEvents;
import org.junit.jupiter.api.Test;

/** How a work naming retired authors is read, without a database. */
class RetiredAuthorsTest {

    @Test
    void retiredAuthorsAreReadAsTheirSurvivorsEachListedOnceInTheirFirstPlace() {
        WorkImported work = SampleEvents.work("w_1", 3, 2024, "Merged", List.of("a_x", "a_y", "a_z"));

        WorkImported renamed = RetiredAuthors.renamed(work, Map.of("a_x", "a_z", "a_q", "a_w"));

        assertThat(renamed.getAuthorships()).extracting(Authorship::getAuthorId, Authorship::getPosition)
                .containsExactly(tuple("a_z", 0), tuple("a_y", 1));
        assertThat(renamed.getAuthorships().get(0).getDisplayName()).isEqualTo("Author a_x");
        assertThat(renamed.getVersion()).isEqualTo(3);
        assertThat(work.getAuthorships()).extracting(Authorship::getAuthorId).as("the event itself is unchanged")
                .containsExactly("a_x", "a_y", "a_z");
        assertThat(RetiredAuthors.renamed(work, Map.of("a_q", "a_w"))).isSameAs(work);
    }
}
