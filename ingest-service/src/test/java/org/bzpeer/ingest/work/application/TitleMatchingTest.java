package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;
import org.junit.jupiter.api.Test;

/**
 * The title-key rule without Spring: which records get a key ({@link WorkTitleKeys}) and which works without
 * identifiers join which identified works ({@link WorkComponents#sameWorkByTitle}).
 */
class TitleMatchingTest {

    private static final String TITLE = "Sparse spectral estimators for lattice models";

    @Test
    void aKeyIgnoresCaseAccentsPunctuationAndHowTheFirstAuthorIsPrinted() {
        TitleKey plain = key(work(Map.of("doi", "10.5555/a"), TITLE, 2020, "Grace Hopper"));
        TitleKey printed = key(work(Map.of(), "SPARSE Spectral Estimators — for lattice-models.", 2021,
                "Hopper, G."));

        assertThat(printed.titleKey()).isEqualTo(plain.titleKey())
                .isEqualTo("sparse spectral estimators for lattice models|hopper");
        assertThat(plain.knownBy()).isEqualTo(new Key("doi", "10.5555/a"));
        assertThat(printed.knownBy().scheme()).isEqualTo(WorkComponents.TITLE_FINGERPRINT);
        assertThat(printed.year()).isEqualTo(2021);
    }

    @Test
    void genericTitlesAndRecordsWithoutYearOrFirstAuthorGetNoKey() {
        assertThat(key(work(Map.of(), "Editorial", 2020, "Grace Hopper"))).isNull();
        assertThat(key(work(Map.of(), "Book review", 2020, "Grace Hopper"))).isNull();
        assertThat(key(work(Map.of(), "Reply to the comment", 2020, "Grace Hopper"))).isNull();
        assertThat(key(work(Map.of(), "Cumulative author index", 2020, "Grace Hopper"))).isNull();
        assertThat(key(work(Map.of(), TITLE, null, "Grace Hopper"))).isNull();
        assertThat(key(work(Map.of(), TITLE, 2020, "1234"))).isNull();
        assertThat(key(work(Map.of(), "Graph attention networks", 2020, "Grace Hopper"))).isNotNull();
    }

    @Test
    void aWorkWithoutIdentifiersJoinsTheOneIdentifiedWorkWithinAYear() {
        WorkComponents components = new WorkComponents(Map.of());
        TitleKey article = record(components, Map.of("doi", "10.5555/a"), 2020);
        TitleKey copy = record(components, Map.of(), 2021);
        TitleKey twoYearsOff = record(components, Map.of(), 2022, "Sparse spectral estimators for lattice models!");

        components.sameWorkByTitle(List.of(copy, article, twoYearsOff));

        assertThat(components.workIdOf(copy.knownBy())).isEqualTo(components.workIdOf(article.knownBy()));
        assertThat(components.workIdOf(twoYearsOff.knownBy())).isNotEqualTo(components.workIdOf(article.knownBy()));
        assertThat(components.identified(twoYearsOff.knownBy())).isFalse();
    }

    @Test
    void aCopyMatchingTwoIdentifiedWorksIsAmbiguousAndIdentifiedWorksNeverJoin() {
        WorkComponents components = new WorkComponents(Map.of());
        TitleKey article = record(components, Map.of("doi", "10.5555/a"), 2020);
        TitleKey erratum = record(components, Map.of("doi", "10.5555/a-erratum"), 2021);
        TitleKey copy = record(components, Map.of(), 2020);

        components.sameWorkByTitle(List.of(article, erratum, copy));

        assertThat(List.of(article, erratum, copy)).extracting(key -> components.workIdOf(key.knownBy()))
                .doesNotHaveDuplicates();
    }

    @Test
    void aCopyIsNotAmbiguousWhenItsMatchesAreOneWorkByTheirIdentifiers() {
        Key arxiv = new Key("arxiv", "2301.00001");
        Key doi = new Key("doi", "10.5555/a");
        WorkComponents components = new WorkComponents(Map.of(arxiv, "w_preprint", doi, "w_article"));
        components.sameWork(List.of(doi, arxiv));
        TitleKey copy = record(components, Map.of(), 2020);

        components.sameWorkByTitle(List.of(new TitleKey(copy.titleKey(), 2019, arxiv),
                new TitleKey(copy.titleKey(), 2020, doi), copy));

        assertThat(components.workIdOf(copy.knownBy())).isEqualTo(components.workIdOf(doi));
        assertThat(components.identified(copy.knownBy())).isTrue();
    }

    /** A record of {@link #TITLE} by Grace Hopper, made known to {@code components}, and its title key. */
    private static TitleKey record(WorkComponents components, Map<String, String> identifiers, int year) {
        return record(components, identifiers, year, TITLE);
    }

    private static TitleKey record(WorkComponents components, Map<String, String> identifiers, int year,
            String title) {
        SubmittedWork work = work(identifiers, title, year, "Grace Hopper");
        components.sameWork(BatchPlan.workKeys(work));
        return key(work);
    }

    private static TitleKey key(SubmittedWork work) {
        return WorkTitleKeys.of(work, BatchPlan.workKeys(work));
    }

    private static SubmittedWork work(Map<String, String> identifiers, String title, Integer year,
            String firstAuthor) {
        return new SubmittedWork("bzpeer", identifiers, "article", year, null, null, title, null, null, false,
                List.of(new SubmittedAuthorship(firstAuthor, Map.of(), List.of(), false)), List.of());
    }
}
