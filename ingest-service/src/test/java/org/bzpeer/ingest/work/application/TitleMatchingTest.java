package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The title-key rule without Spring: which records get a key ({@link WorkTitleKeys}) and which works without
 * identifiers join which identified works ({@link WorkComponents#joinByTitle}).
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
    void aCopyJoinsTheOneIdentifiedWorkWithinAYear() {
        WorkComponents components = new WorkComponents(Map.of());
        TitleKey article = record(components, Map.of("doi", "10.5555/a"), 2020);
        TitleKey copy = record(components, Map.of(), 2021);
        TitleKey twoYearsOff = record(components, Map.of(), 2022, "Sparse spectral estimators for lattice models!");

        components.joinByTitle(List.of(copy, article, twoYearsOff));

        String articleId = components.workIdOf(article.knownBy());
        assertThat(components.copies()).containsEntry(components.workIdOf(copy.knownBy()), articleId)
                .containsEntry(components.workIdOf(twoYearsOff.knownBy()), null)
                .hasSize(2);
        assertThat(components.workIdOf(copy.knownBy())).as("a copy keeps its own id").isNotEqualTo(articleId);
        assertThat(components.retiredWorkIds()).isEmpty();
    }

    @Test
    void aCopyMatchingTwoIdentifiedWorksIsAmbiguousAndIdentifiedWorksNeverJoin() {
        WorkComponents components = new WorkComponents(Map.of());
        TitleKey article = record(components, Map.of("doi", "10.5555/a"), 2020);
        TitleKey erratum = record(components, Map.of("doi", "10.5555/a-erratum"), 2021);
        TitleKey copy = record(components, Map.of(), 2020);

        components.joinByTitle(List.of(article, erratum, copy));

        String copyId = components.workIdOf(copy.knownBy());
        assertThat(components.copies()).containsOnlyKeys(copyId).containsEntry(copyId, null);
        assertThat(components.workIdOf(article.knownBy())).isNotEqualTo(components.workIdOf(erratum.knownBy()));
    }

    @Test
    void aCopyIsNotAmbiguousWhenItsMatchesAreOneWorkByTheirIdentifiers() {
        Key arxiv = new Key("arxiv", "2301.00001");
        Key doi = new Key("doi", "10.5555/a");
        WorkComponents components = new WorkComponents(Map.of(arxiv, "w_preprint", doi, "w_article"));
        components.sameWork(List.of(doi, arxiv));
        TitleKey copy = record(components, Map.of(), 2020);

        components.joinByTitle(List.of(new TitleKey(copy.titleKey(), 2019, arxiv),
                new TitleKey(copy.titleKey(), 2020, doi), copy));

        assertThat(components.copies()).containsExactly(
                Map.entry(components.workIdOf(copy.knownBy()), components.workIdOf(doi)));
    }

    @Test
    void aFingerprintLinkedToIdentifiersIsNoCopy() {
        WorkComponents components = new WorkComponents(Map.of());
        TitleKey article = record(components, Map.of("doi", "10.5555/a"), 2020);
        TitleKey copy = record(components, Map.of(), 2020);
        components.sameWork(List.of(copy.knownBy(), new Key("doi", "10.5555/b")));

        components.joinByTitle(List.of(article, copy));

        assertThat(components.copies()).isEmpty();
    }

    /**
     * Golden figures on the real OpenAlex sample: how many works get a title key, and how many share it, within a
     * year, with another work of the sample (a copy without identifiers of those would be ambiguous and kept apart):
     * mostly a preprint (arXiv, SSRN, ESS Open Archive, Research Square) and its published version that OpenAlex
     * keeps as two works, and the two editions of Angewandte Chemie.
     * Each work's copy printed otherwise (upper case, a trailing full stop, the first author as "Surname, Given", a
     * year later) has the work's title key.
     */
    @Test
    void realWorksPrintedOtherwiseKeepTheirTitleKeysAndFewShareOne() {
        Path sample = SharedData.dir().resolve("openalex/kfupm/works.jsonl.gz");
        assumeTrue(Files.isRegularFile(sample), () -> SharedData.missing(sample));
        OpenAlexWorkFormat format = new OpenAlexWorkFormat(RecordLimits.defaults());
        JsonMapper json = JsonMapper.builder().build();
        List<TitleKey> keys = new ArrayList<>();
        List<String> misprinted = new ArrayList<>();
        SharedData.forEachLine(sample, (line, number) -> {
            SubmittedWork work = format.parse(json.readTree(line));
            TitleKey key = key(work);
            if (key == null) {
                return;
            }
            keys.add(key);
            TitleKey copy = key(printedOtherwise(work));
            if (copy == null || !copy.titleKey().equals(key.titleKey())) {
                misprinted.add(work.title() + " / " + work.authorships().get(0).name());
            }
        });
        Map<String, List<TitleKey>> byTitle = keys.stream().collect(Collectors.groupingBy(TitleKey::titleKey));
        List<String> shared = keys.stream()
                .filter(key -> byTitle.get(key.titleKey()).stream().anyMatch(other -> other != key
                        && !other.knownBy().equals(key.knownBy()) && Math.abs(other.year() - key.year()) <= 1))
                .map(key -> key.titleKey() + " " + key.year() + " " + key.knownBy().value())
                .sorted().toList();

        System.out.printf("title keys: %d of 3684 works have one; %d share it within a year with another work,"
                + " e.g. %s%n", keys.size(), shared.size(), shared.subList(0, 6));
        assertThat(misprinted).isEmpty();
        assertThat(keys).hasSize(3662);
        assertThat(shared).hasSize(262).contains(
                "a sparse grid isogeometric solver|beck 2017 10.48550/arxiv.1707.09598",
                "a sparse grid isogeometric solver|beck 2018 10.1016/j.cma.2018.02.017",
                "elucidation of the intersystem crossing mechanism in a helical bodipy for low dose photodynamic"
                        + " therapy|wang 2020 10.1002/anie.202005269");
    }

    /** {@code work} as a pipeline without identifiers might print it. */
    private static SubmittedWork printedOtherwise(SubmittedWork work) {
        PersonName first = PersonName.parse(work.authorships().get(0).name());
        String byline = first.surname() + ", " + String.join(" ", first.given());
        return new SubmittedWork("bzpeer", Map.of(), work.type(), work.publicationYear() + 1, null, null,
                work.title().toUpperCase(Locale.ROOT) + ".", null, null, false,
                List.of(new SubmittedAuthorship(byline, Map.of(), List.of(), false)), List.of());
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
