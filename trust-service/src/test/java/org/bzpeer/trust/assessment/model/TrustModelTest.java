package org.bzpeer.trust.assessment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bzpeer.trust.assessment.model.Facts.author;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust model on its own: each component, bands, levels, and the invariants it promises. */
class TrustModelTest {

    private static final String ORCID = "0000-0002-1825-0097";
    private static final String OTHER_ORCID = "0000-0001-5109-3700";

    @Nested
    class Bands {

        @ParameterizedTest
        @CsvSource({"0,NASCENT", "19,NASCENT", "20,EMERGING", "39,EMERGING", "40,ESTABLISHED", "59,ESTABLISHED",
                "60,STRONG", "79,STRONG", "80,EXEMPLARY", "100,EXEMPLARY"})
        void scoresFallInTheirBand(int score, Band band) {
            assertThat(Band.of(score)).isEqualTo(band);
        }

        @Test
        void scoresOutsideZeroToHundredHaveNoBand() {
            assertThatThrownBy(() -> Band.of(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Band.of(101)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theLabelReadsAsOnTheResearcherPage() {
            TrustAssessment assessment = author().works(1, 0).assess();
            assertThat(assessment.score()).isEqualTo(5);
            assertThat(assessment.label()).isEqualTo("5 - Nascent");
        }
    }

    @Nested
    class Examples {

        @Test
        void anUnclaimedAuthorWith26ArxivPreprintsNoOrcidAndNoCoauthors() {
            TrustAssessment assessment = author().works(26, 26).years(2019, 2026).schemes("openalex").coauthors(0)
                    .assess();

            assertThat(points(assessment)).containsExactly(25, 17, 0, 0, 0, 0);
            assertThat(assessment.score()).isEqualTo(42);
            assertThat(assessment.label()).isEqualTo("42 - Established");
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L1);
            assertThat(assessment.claimed()).isFalse();
        }

        @Test
        void theSameRecordWithoutIdentifiersIsEmerging() {
            TrustAssessment assessment = author().works(26, 0).years(2019, 2026).schemes("bzpeer-demo").assess();

            assertThat(assessment.label()).isEqualTo("25 - Emerging");
        }

        @Test
        void aFullyVerifiedProlificWellConnectedAuthorScoresEverything() {
            TrustAssessment assessment = author().works(80, 60).orcids(ORCID).schemes("openalex", "orcid")
                    .coauthors(120).claimed(ORCID).assess();

            assertThat(points(assessment)).containsExactly(30, 20, 15, 15, 20, 0);
            assertThat(assessment.score()).isEqualTo(100);
            assertThat(assessment.band()).isEqualTo(Band.EXEMPLARY);
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L3);
        }

        @Test
        void nothingKnownScoresZeroAtLevelZeroWithEveryComponentExplained() {
            TrustAssessment assessment = TrustModel.assess(AuthorFacts.none());

            assertThat(assessment.score()).isZero();
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L0);
            assertThat(assessment.components()).extracting(ScoreComponent::name).containsExactly(
                    "Publication record", "Persistent identifiers", "Author identity", "Collaboration network",
                    "Claim and verification", "Retractions");
            assertThat(assessment.components()).extracting(ScoreComponent::maxPoints)
                    .containsExactly(30, 20, 15, 15, 20, 0);
            assertThat(assessment.components()).allSatisfy(part -> assertThat(part.explanation()).isNotBlank());
        }
    }

    @Nested
    class PublicationRecord {

        @ParameterizedTest
        @CsvSource({"0,0", "1,5", "2,8", "5,14", "10,18", "26,25", "49,30", "50,30", "3000,30"})
        void growsWithTheLogarithmOfTheWorksUpToFullMarksAtFifty(int works, int points) {
            assertThat(component(author().works(works, 0).assess(), 0).points()).isEqualTo(points);
        }

        @Test
        void explainsTheCountTheYearsAndTheScale() {
            assertThat(component(author().works(26, 0).years(2019, 2026).assess(), 0).explanation())
                    .isEqualTo("26 works in the record, 2019-2026; full marks from 50");
            assertThat(component(author().works(1, 0).years(2024, 2024).assess(), 0).explanation())
                    .isEqualTo("1 work in the record, from 2024; full marks from 50");
            assertThat(component(author().assess(), 0).explanation())
                    .isEqualTo("No works in the record yet; full marks from 50");
        }

        @Test
        void retractedWorksDoNotCount() {
            ScoreComponent record = component(author().works(10, 0).retracted(1).assess(), 0);

            assertThat(record.points()).isEqualTo(18);
            assertThat(record.explanation()).isEqualTo("10 works in the record, not counting 1 retracted work; "
                    + "full marks from 50");
        }
    }

    @Nested
    class PersistentIdentifiers {

        @ParameterizedTest
        @CsvSource({"26,0,0", "26,13,13", "26,26,17", "100,50,20", "1,1,4"})
        void growsWithTheWorksThatCarryOne(int works, int identified, int points) {
            assertThat(component(author().works(works, identified).assess(), 1).points()).isEqualTo(points);
        }

        @Test
        void explainsTheCountAndTheShare() {
            assertThat(component(author().works(26, 13).assess(), 1).explanation())
                    .isEqualTo("13 of 26 works (50%) carry a DOI, arXiv id or PMID; full marks from 50 such works");
            assertThat(component(author().works(3, 1).assess(), 1).explanation())
                    .isEqualTo("1 of 3 works (33%) carries a DOI, arXiv id or PMID; full marks from 50 such works");
            assertThat(component(author().assess(), 1).explanation())
                    .isEqualTo("No works to check for a DOI, arXiv id or PMID; full marks from 50 such works");
        }

        @Test
        void cannotExceedTheWorks() {
            assertThatThrownBy(() -> author().works(2, 3).build()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class AuthorIdentity {

        @Test
        void oneOrcidOnTheRecordAndSeveralAgreeingSchemesGiveFullMarks() {
            ScoreComponent identity = component(author().works(1, 1).orcids(ORCID).schemes("openalex", "orcid")
                    .assess(), 2);

            assertThat(identity.points()).isEqualTo(15);
            assertThat(identity.explanation()).isEqualTo("ORCID " + ORCID + " on the record (10 points); "
                    + "known under 2 id schemes that agree: openalex, orcid (5 points)");
        }

        @Test
        void oneSchemeAloneIsNotAnAgreement() {
            ScoreComponent identity = component(author().works(1, 1).schemes("openalex").assess(), 2);

            assertThat(identity.points()).isZero();
            assertThat(identity.explanation()).isEqualTo("No ORCID on the record (0 of 10); "
                    + "known under 1 author id scheme: openalex (0 of 5, needs 2)");
        }

        @Test
        void twoSchemesWithoutOrcidAgree() {
            assertThat(component(author().works(1, 1).schemes("dblp", "openalex").assess(), 2).points())
                    .isEqualTo(5);
        }

        @Test
        void orcidsThatDisagreeEarnNothingAndDoNotCountAsAgreeingScheme() {
            ScoreComponent identity = component(author().works(2, 2).orcids(ORCID, OTHER_ORCID)
                    .schemes("openalex", "orcid").assess(), 2);

            assertThat(identity.points()).isZero();
            assertThat(identity.explanation()).startsWith("2 different ORCID iDs on the record disagree: "
                    + OTHER_ORCID + ", " + ORCID + " (0 of 10)");
        }

        @Test
        void orcidsAreComparedInTheirBareForm() {
            AuthorFacts facts = author().orcids("https://orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X")
                    .build();

            assertThat(facts.orcids()).containsExactly("0000-0002-1694-233X");
            assertThat(facts.recordOrcid()).contains("0000-0002-1694-233X");
        }
    }

    @Nested
    class CollaborationNetwork {

        @ParameterizedTest
        @CsvSource({"0,0", "1,3", "4,6", "10,9", "34,14", "50,15", "400,15"})
        void growsWithTheLogarithmOfDistinctCoauthors(int coauthors, int points) {
            assertThat(component(author().coauthors(coauthors).assess(), 3).points()).isEqualTo(points);
        }

        @Test
        void explainsTheCountOrThatTheGraphHasNotSummarisedTheAuthorYet() {
            assertThat(component(author().coauthors(34).assess(), 3).explanation())
                    .isEqualTo("34 distinct co-authors in the research graph; full marks from 50");
            assertThat(component(author().assess(), 3).explanation()).isEqualTo(
                    "No collaboration summary from the research graph yet; full marks from 50 distinct co-authors");
        }
    }

    @Nested
    class ClaimAndVerification {

        @Test
        void unclaimedIsLevelOneWithAWork() {
            TrustAssessment assessment = author().works(1, 1).orcids(ORCID).assess();

            assertThat(component(assessment, 4).points()).isZero();
            assertThat(component(assessment, 4).explanation())
                    .isEqualTo("Not claimed by a signed-in researcher (0 of 10); no ORCID proven (0 of 10)");
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L1);
        }

        @Test
        void aClaimWithoutProofIsLevelTwo() {
            TrustAssessment assessment = author().works(1, 1).orcids(ORCID).claimed(null).assess();

            assertThat(component(assessment, 4).points()).isEqualTo(10);
            assertThat(component(assessment, 4).explanation()).isEqualTo(
                    "Claimed by a signed-in researcher (10 points); the claimant proved no ORCID (0 of 10)");
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L2);
            assertThat(assessment.claimed()).isTrue();
        }

        @Test
        void aClaimantWhoProvedTheRecordsOrcidReachesLevelThree() {
            TrustAssessment assessment = author().works(1, 1).orcids(ORCID).claimed("https://orcid.org/" + ORCID)
                    .assess();

            assertThat(component(assessment, 4).points()).isEqualTo(20);
            assertThat(component(assessment, 4).explanation()).isEqualTo("Claimed by a signed-in researcher "
                    + "(10 points); the claimant proved ORCID " + ORCID + ", which the record carries (10 points)");
            assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L3);
        }

        @Test
        void aProvenOrcidThatIsNotTheRecordsStaysAtLevelTwo() {
            TrustAssessment other = author().works(1, 1).orcids(ORCID).claimed(OTHER_ORCID).assess();
            TrustAssessment none = author().works(1, 1).claimed(OTHER_ORCID).assess();
            TrustAssessment ambiguous = author().works(2, 2).orcids(ORCID, OTHER_ORCID).claimed(ORCID).assess();

            assertThat(List.of(other, none, ambiguous)).allSatisfy(assessment -> {
                assertThat(assessment.verificationLevel()).isEqualTo(VerificationLevel.L2);
                assertThat(component(assessment, 4).points()).isEqualTo(10);
            });
            assertThat(component(other, 4).explanation()).endsWith("the claimant proved ORCID " + OTHER_ORCID
                    + ", but the record carries " + ORCID + " (0 of 10)");
            assertThat(component(none, 4).explanation()).endsWith("but the record carries none (0 of 10)");
        }

        @Test
        void withoutWorksOrClaimThereIsNoPublicRecord() {
            assertThat(author().coauthors(3).assess().verificationLevel()).isEqualTo(VerificationLevel.L0);
            assertThat(author().retracted(1).assess().verificationLevel()).isEqualTo(VerificationLevel.L1);
        }
    }

    @Nested
    class Retractions {

        @ParameterizedTest
        @CsvSource({"0,0", "1,-10", "2,-20", "7,-20"})
        void costTenPointsEachAtMostTwenty(int retracted, int points) {
            assertThat(component(author().works(30, 30).retracted(retracted).assess(), 5).points())
                    .isEqualTo(points);
        }

        @Test
        void explainTheCountAndTheRule() {
            assertThat(component(author().retracted(3).assess(), 5).explanation())
                    .isEqualTo("3 retracted works: -10 points each, at most -20");
            assertThat(component(author().assess(), 5).explanation()).isEqualTo("No retracted works");
        }

        @Test
        void neverTakeTheScoreBelowZero() {
            TrustAssessment assessment = author().works(1, 0).retracted(2).assess();

            assertThat(assessment.components().stream().mapToInt(ScoreComponent::points).sum()).isEqualTo(-15);
            assertThat(assessment.score()).isZero();
            assertThat(assessment.band()).isEqualTo(Band.NASCENT);
        }
    }

    /** Invariants over many random authors (a fixed seed, so a failure reproduces). */
    @Nested
    class Properties {

        private final List<AuthorFacts> authors = randomAuthors(new Random(20261126L), 3000);

        @Test
        void theScoreIsTheClampedSumOfItsComponentsAndEachStaysWithinItsRange() {
            for (AuthorFacts facts : authors) {
                TrustAssessment assessment = TrustModel.assess(facts);
                int sum = assessment.components().stream().mapToInt(ScoreComponent::points).sum();
                assertThat(assessment.score()).as("%s", facts).isEqualTo(Math.max(0, Math.min(100, sum)));
                assertThat(assessment.band()).isEqualTo(Band.of(assessment.score()));
                assertThat(assessment.components()).allSatisfy(part -> {
                    assertThat(part.points()).isLessThanOrEqualTo(part.maxPoints());
                    assertThat(part.points()).isGreaterThanOrEqualTo(part.maxPoints() == 0 ? -20 : 0);
                });
                assertThat(TrustModel.assess(facts)).isEqualTo(assessment);
            }
        }

        @Test
        void moreWorksWithOrWithoutIdentifierNeverLowerTheScore() {
            assertNeverLower(facts -> Facts.of(facts).works(facts.works() + 1, facts.identifiedWorks()).build());
            assertNeverLower(facts -> Facts.of(facts).works(facts.works() + 1, facts.identifiedWorks() + 1).build());
        }

        @Test
        void givingAWorkAnIdentifierNeverLowersTheScore() {
            assertNeverLower(facts -> facts.identifiedWorks() == facts.works() ? facts
                    : Facts.of(facts).works(facts.works(), facts.identifiedWorks() + 1).build());
        }

        @Test
        void moreCoauthorsOrAFirstGraphSummaryNeverLowerTheScore() {
            assertNeverLower(facts -> Facts.of(facts)
                    .coauthors(facts.coauthors() == null ? 0 : facts.coauthors() + 1).build());
        }

        @Test
        void aClaimOrAProvenOrcidNeverLowersTheScoreNorTheLevel() {
            List<UnaryOperator<AuthorFacts>> steps = List.of(
                    facts -> facts.claimed() ? facts : Facts.of(facts).claimed(null).build(),
                    facts -> facts.recordOrcid().isEmpty() ? facts
                            : Facts.of(facts).claimed(facts.recordOrcid().get()).build());
            for (UnaryOperator<AuthorFacts> step : steps) {
                assertNeverLower(step);
                for (AuthorFacts facts : authors) {
                    assertThat(TrustModel.assess(step.apply(facts)).verificationLevel())
                            .isGreaterThanOrEqualTo(TrustModel.assess(facts).verificationLevel());
                }
            }
        }

        @Test
        void aRetractionNeverRaisesTheScore() {
            for (AuthorFacts facts : authors) {
                int before = TrustModel.assess(facts).score();
                AuthorFacts addedRetracted = Facts.of(facts).retracted(facts.retractedWorks() + 1).build();
                assertThat(TrustModel.assess(addedRetracted).score()).as("%s", facts).isLessThanOrEqualTo(before);
                if (facts.works() > 0) {
                    AuthorFacts workRetracted = Facts.of(facts)
                            .works(facts.works() - 1, Math.min(facts.identifiedWorks(), facts.works() - 1))
                            .retracted(facts.retractedWorks() + 1).build();
                    assertThat(TrustModel.assess(workRetracted).score()).as("%s", facts).isLessThanOrEqualTo(before);
                }
            }
        }

        @Test
        void explanationsCarryTheNumbersTheyAreBasedOn() {
            for (AuthorFacts facts : authors) {
                List<ScoreComponent> parts = TrustModel.assess(facts).components();
                if (facts.works() > 0) {
                    assertThat(parts.get(0).explanation()).startsWith(facts.works() + " work");
                    assertThat(parts.get(1).explanation())
                            .startsWith(facts.identifiedWorks() + " of " + facts.works() + " work");
                }
                if (facts.coauthors() != null) {
                    assertThat(parts.get(3).explanation()).startsWith(facts.coauthors() + " distinct co-author");
                }
                if (facts.retractedWorks() > 0) {
                    assertThat(parts.get(5).explanation()).startsWith(facts.retractedWorks() + " retracted work");
                }
            }
        }

        private void assertNeverLower(UnaryOperator<AuthorFacts> change) {
            for (AuthorFacts facts : authors) {
                int before = TrustModel.assess(facts).score();
                AuthorFacts changed = change.apply(facts);
                assertThat(TrustModel.assess(changed).score()).as("%s -> %s", facts, changed)
                        .isGreaterThanOrEqualTo(before);
            }
        }
    }

    private static List<AuthorFacts> randomAuthors(Random random, int count) {
        String[] orcids = {ORCID, OTHER_ORCID};
        String[] schemes = {"openalex", "dblp", "orcid"};
        List<AuthorFacts> authors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int works = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(120);
            Facts facts = author().works(works, works == 0 ? 0 : random.nextInt(works + 1))
                    .retracted(random.nextInt(5) == 0 ? random.nextInt(4) : 0)
                    .coauthors(random.nextBoolean() ? null : random.nextInt(120));
            if (works > 0) {
                int first = 1990 + random.nextInt(30);
                facts.years(first, first + random.nextInt(10));
            }
            List<String> carried = new ArrayList<>();
            int orcidCount = random.nextInt(10) == 0 ? 2 : random.nextInt(2);
            for (int o = 0; o < orcidCount; o++) {
                carried.add(orcids[o]);
            }
            facts.orcids(carried.toArray(String[]::new));
            List<String> known = new ArrayList<>();
            for (String scheme : schemes) {
                if (random.nextBoolean()) {
                    known.add(scheme);
                }
            }
            facts.schemes(known.toArray(String[]::new));
            switch (random.nextInt(4)) {
                case 0 -> facts.claimed(null);
                case 1 -> facts.claimed(orcids[random.nextInt(2)]);
                default -> facts.unclaimed();
            }
            authors.add(facts.build());
        }
        return authors;
    }

    private static ScoreComponent component(TrustAssessment assessment, int index) {
        return assessment.components().get(index);
    }

    private static List<Integer> points(TrustAssessment assessment) {
        return assessment.components().stream().map(ScoreComponent::points).toList();
    }
}
