package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bzpeer.ingest.work.format.ArxivAuthorList.Author;
import org.junit.jupiter.api.Test;

/** {@link ArxivAuthorList} on author strings written the way arXivRaw records carry them. */
class ArxivAuthorListTest {

    @Test
    void commasAndTheWordAndSeparateNames() {
        assertThat(ArxivAuthorList.split("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky and C.-P. Yuan"))
                .extracting(Author::name)
                .containsExactly("C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan");
        assertThat(ArxivAuthorList.split("A. Author, B. Author, and C. Author"))
                .extracting(Author::name).containsExactly("A. Author", "B. Author", "C. Author");
    }

    @Test
    void aParenthesisedAffiliationBelongsToTheNameBeforeIt() {
        assertThat(ArxivAuthorList.split("Louis Theran (UMass Amherst, Dept. of Mathematics) and Ileana Streinu"))
                .containsExactly(new Author("Louis Theran", List.of("UMass Amherst, Dept. of Mathematics")),
                        new Author("Ileana Streinu", List.of()));
    }

    @Test
    void numberedFootnotesAndTheirTrailingListAreDropped() {
        assertThat(ArxivAuthorList.split("J. Smith (1), K. Jones (1,2) ((1) MIT, (2) CERN)"))
                .containsExactly(new Author("J. Smith", List.of()), new Author("K. Jones", List.of()));
    }

    @Test
    void aGenerationalSuffixStaysWithItsName() {
        assertThat(ArxivAuthorList.split("J. Smith, Jr., R. Roe III and M. Doe"))
                .extracting(Author::name).containsExactly("J. Smith Jr.", "R. Roe III", "M. Doe");
    }

    @Test
    void bracesAndLineBreaksDoNotSplitNames() {
        assertThat(ArxivAuthorList.split("ATLAS Collaboration, G. Aad,\n  {Andersen, and Co}"))
                .extracting(Author::name).containsExactly("ATLAS Collaboration", "G. Aad", "{Andersen, and Co}");
    }
}
