package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.author.application.BylineAuthors;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.OrcidClaimStore.OrcidClaim;
import org.bzpeer.schemas.events.WorkImported;
import org.junit.jupiter.api.Test;

/**
 * {@link PartialBylines} on published content: which authorship of a known byline is the owner's, when there is
 * none, which fields a partial record may give, and how a full record is built with what partial ones claimed.
 */
class PartialBylinesTest {

    private static final String OWNER = "0000-0002-1825-0097";
    private static final SubmittedWork SUMMARY = work("orcid", "Unified metaphysics", Map.of("doi", "10.5555/1"),
            new SubmittedAuthorship("Josiah Carberry", Map.of("orcid", OWNER), List.of(), false));

    @Test
    void ofSeveralCompatibleNamesTheOneWrittenOutTheSameWayIsTheOwners() {
        SubmittedWork merged = PartialBylines.merge(published(crossref("J. Carberry", "Josiah Carberry")), SUMMARY);

        assertThat(merged.authorships()).extracting(authorship -> authorship.ids().get("orcid"))
                .containsExactly(null, OWNER);
        assertThat(merged.title()).as("a full record's field is kept").isEqualTo("Full title");
        assertThat(merged.source()).isEqualTo("crossref");
    }

    @Test
    void anAmbiguousOrAlreadyIdentifiedOwnerLeavesAFullBylineAsItIs() {
        SubmittedWork ambiguous = crossref("J. Carberry", "J. A. Carberry");
        SubmittedWork someoneElse = crossref("Ada Lovelace", "Josiah Carberry");
        someoneElse = withAuthorship(someoneElse, 1, new SubmittedAuthorship("Josiah Carberry",
                Map.of("orcid", "0000-0001-5109-3700"), List.of(), false));

        assertThat(PartialBylines.merge(published(ambiguous), SUMMARY).authorships())
                .isEqualTo(ambiguous.authorships());
        assertThat(PartialBylines.merge(published(someoneElse), SUMMARY).authorships())
                .as("a namesake with another ORCID is not the owner, and a full byline gains no one")
                .isEqualTo(someoneElse.authorships());
    }

    @Test
    void anOwnerPrintedUnderAnotherOfTheirNamesIsFoundByItWhenTheirNameFindsNoOne() {
        SubmittedWork summary = work("orcid", "Unified metaphysics", Map.of("doi", "10.5555/1"),
                new SubmittedAuthorship("Josiah Carberry", Map.of("orcid", OWNER), List.of(), false,
                        List.of("Josiah Smith")));
        SubmittedWork formerName = crossref("Ada Lovelace", "J. Smith");
        SubmittedWork both = crossref("J. Carberry", "Josiah Smith");

        assertThat(PartialBylines.merge(published(formerName), summary).authorships())
                .extracting(authorship -> authorship.ids().get("orcid")).containsExactly(null, OWNER);
        assertThat(PartialBylines.merge(published(formerName), SUMMARY).authorships())
                .as("without the other name the owner is found nowhere, and a full byline gains no one")
                .isEqualTo(formerName.authorships());
        assertThat(PartialBylines.merge(published(both), summary).authorships())
                .as("the name itself comes first").extracting(authorship -> authorship.ids().get("orcid"))
                .containsExactly(OWNER, null);
    }

    @Test
    void aPartialBylineGainsAnotherOwnerAndTakesTheRecordsFields() {
        SubmittedWork other = work("orcid", "Old title", Map.of("doi", "10.5555/1"),
                new SubmittedAuthorship("Grace Hopper", Map.of("orcid", "0000-0001-5109-3700"), List.of(), false));

        SubmittedWork merged = PartialBylines.merge(published(other), SUMMARY);

        assertThat(merged.authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("Grace Hopper", "Josiah Carberry");
        assertThat(merged.title()).isEqualTo("Unified metaphysics");
        assertThat(PartialBylines.merge(published(merged), SUMMARY)).as("merging again changes nothing")
                .isEqualTo(merged);
    }

    @Test
    void aFullRecordBuiltWithASummarysClaimsIsWhatTheSummaryMakesOfItInAnyOrder() {
        SubmittedWork summary = work("orcid", "Unified metaphysics", Map.of("doi", "10.5555/1", "pmid", "18000001"),
                new SubmittedAuthorship("Josiah Carberry", Map.of("orcid", OWNER), List.of(), false));
        SubmittedWork other = work("orcid", "Unified metaphysics", Map.of("doi", "10.5555/1"),
                new SubmittedAuthorship("Ada Lovelace", Map.of("orcid", "0000-0001-5109-3700"), List.of(), false));
        SubmittedWork full = crossref("Ada Lovelace", "J. S. Carberry", "Charles Babbage");

        SubmittedWork claimed = PartialBylines.withClaims(full, PartialBylines.claims(summary));
        SubmittedWork merged = PartialBylines.merge(published(full), summary);
        assertThat(claimed.authorships()).isEqualTo(merged.authorships());
        assertThat(claimed.identifiers()).isEqualTo(merged.identifiers())
                .containsEntry("pmid", "18000001");

        List<OrcidClaim> claims = new ArrayList<>(PartialBylines.claims(summary));
        claims.addAll(PartialBylines.claims(other));
        List<OrcidClaim> reversed = new ArrayList<>(claims);
        Collections.reverse(reversed);
        assertThat(PartialBylines.withClaims(full, reversed)).isEqualTo(PartialBylines.withClaims(full, claims))
                .extracting(work -> work.authorships().stream().map(authorship -> authorship.ids().get("orcid"))
                        .toList()).isEqualTo(Arrays.asList("0000-0001-5109-3700", OWNER, null));
    }

    private static SubmittedWork crossref(String... names) {
        return work("crossref", "Full title", Map.of("doi", "10.5555/1"), Arrays.stream(names)
                .map(name -> new SubmittedAuthorship(name, Map.of(), List.of(), false))
                .toArray(SubmittedAuthorship[]::new));
    }

    private static SubmittedWork work(String source, String title, Map<String, String> ids,
            SubmittedAuthorship... authorships) {
        return new SubmittedWork(source, ids, "article", 2008, null, null, title, null, null, false,
                List.of(authorships), List.of());
    }

    private static SubmittedWork withAuthorship(SubmittedWork work, int position, SubmittedAuthorship authorship) {
        List<SubmittedAuthorship> authorships = new ArrayList<>(work.authorships());
        authorships.set(position, authorship);
        return work("crossref", work.title(), work.identifiers(), authorships.toArray(SubmittedAuthorship[]::new));
    }

    /** The content {@code work} is published with when it is imported alone. */
    private static WorkImported published(SubmittedWork work) {
        WorkComponents components = new WorkComponents(Map.of());
        components.sameWork(BatchPlan.workKeys(work));
        BatchPlan plan = new BatchPlan(components, new HashMap<>(), Map.of(), new BylineAuthors(Map.of(), Map.of()));
        plan.apply(new IndexedSubmission(0, work));
        return plan.events().get(0).value();
    }
}
