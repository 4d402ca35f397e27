package org.bzpeer.trust.assessment.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * BZPEER's trust model: how far the public record of an author can be trusted, as a score from 0 to 100 that is the
 * sum of named components, each explained with the numbers behind it. It measures what can be checked, not how
 * good the research is, and it never uses popularity (followers, citations) which is easy to inflate.
 *
 * <table>
 * <caption>Components</caption>
 * <tr><th>Component</th><th>Points</th><th>Rule</th></tr>
 * <tr><td>Publication record</td><td>0 to 30</td><td>{@code round(30 * ln(1 + w) / ln(51))} for {@code w}
 *   non-retracted works; full marks from 50 works</td></tr>
 * <tr><td>Persistent identifiers</td><td>0 to 20</td><td>the same scale for the works with a DOI, arXiv id or
 *   PMID: {@code round(20 * ln(1 + i) / ln(51))}, full marks from 50 such works; the explanation gives the
 *   share</td></tr>
 * <tr><td>Author identity</td><td>0 to 15</td><td>10 when the record carries exactly one ORCID iD (several
 *   that disagree give 0); 5 when the author is known under two or more id schemes that resolve to this record
 *   (ORCID not counted while its iDs disagree)</td></tr>
 * <tr><td>Collaboration network</td><td>0 to 15</td><td>{@code round(15 * ln(1 + c) / ln(51))} for {@code c}
 *   distinct co-authors in graph-service's summary; full marks from 50; 0 until a summary exists</td></tr>
 * <tr><td>Claim and verification</td><td>0 to 20</td><td>10 when a signed-in user claimed the record; 10 more when
 *   the claimant proved the ORCID iD the record carries</td></tr>
 * <tr><td>Retractions</td><td>-20 to 0</td><td>-10 per retracted work, at most -20</td></tr>
 * </table>
 *
 * <p>The score is the sum, at least 0 (the positive components add up to at most 100). Bands and verification levels
 * are in {@link Band} and {@link VerificationLevel}.
 *
 * <p>Invariants (checked by property tests): more non-retracted works, more identified works, giving a work an
 * identifier, more co-authors, a claim or a proven ORCID never lower the score; a retraction never raises it; equal
 * facts give equal assessments. Identifiers are counted rather than taken as a share of all works because a share
 * would let one more work without an identifier lower the score (1 work with a DOI: 5 + 20 = 25 points; add one
 * without: 8 + 10 = 18). Besides a retraction, the one fact that may lower the score when a work arrives is an ORCID
 * iD that conflicts with another on the record: the record's identity is then in doubt.
 */
public final class TrustModel {

    /** Most points of the publication record. */
    public static final int RECORD_MAX = 30;
    /** Most points for works with persistent identifiers. */
    public static final int IDENTIFIERS_MAX = 20;
    /** Points for exactly one ORCID iD on the record. */
    public static final int ORCID_POINTS = 10;
    /** Points for being known under several id schemes that agree. */
    public static final int SCHEMES_POINTS = 5;
    /** Most points of the collaboration network. */
    public static final int COLLABORATION_MAX = 15;
    /** Points for a claim by a signed-in user. */
    public static final int CLAIM_POINTS = 10;
    /** Points for the claimant's proof of the record's ORCID iD. */
    public static final int PROVEN_ORCID_POINTS = 10;
    /** Points taken per retracted work. */
    public static final int RETRACTION_PENALTY = 10;
    /** Most points retractions can take. */
    public static final int MAX_RETRACTION_PENALTY = 20;

    /** Works (and identified works, and co-authors) from which their component gives full marks. */
    public static final int FULL_MARKS_AT = 50;
    /** Id schemes that must agree for the schemes points. */
    public static final int AGREEING_SCHEMES = 2;
    /** The id scheme of ORCID iDs; it does not agree with the others while the record's ORCID iDs disagree. */
    public static final String ORCID_SCHEME = "orcid";

    static final String RECORD = "Publication record";
    static final String IDENTIFIERS = "Persistent identifiers";
    static final String IDENTITY = "Author identity";
    static final String COLLABORATION = "Collaboration network";
    static final String CLAIM = "Claim and verification";
    static final String RETRACTIONS = "Retractions";

    private TrustModel() {
    }

    /** Assesses the author {@code facts} describe. */
    public static TrustAssessment assess(AuthorFacts facts) {
        List<ScoreComponent> components = List.of(record(facts), identifiers(facts), identity(facts),
                collaboration(facts), claim(facts), retractions(facts));
        int sum = components.stream().mapToInt(ScoreComponent::points).sum();
        int score = Math.max(0, Math.min(100, sum));
        return new TrustAssessment(score, Band.of(score), level(facts), facts.claimed(), components);
    }

    static VerificationLevel level(AuthorFacts facts) {
        if (facts.claimed()) {
            return facts.orcidProven() ? VerificationLevel.L3 : VerificationLevel.L2;
        }
        return facts.recordedWorks() > 0 ? VerificationLevel.L1 : VerificationLevel.L0;
    }

    /** {@code maxPoints} scaled by {@code ln(1 + count) / ln(1 + fullAt)}, rounded; {@code maxPoints} from fullAt on. */
    static int logScale(int maxPoints, int count, int fullAt) {
        if (count >= fullAt) {
            return maxPoints;
        }
        return (int) Math.round(maxPoints * Math.log1p(count) / Math.log1p(fullAt));
    }

    private static ScoreComponent record(AuthorFacts facts) {
        String explanation;
        if (facts.works() == 0) {
            explanation = "No works in the record yet";
        } else {
            explanation = count(facts.works(), "work") + " in the record" + years(facts);
        }
        if (facts.retractedWorks() > 0) {
            explanation += ", not counting " + count(facts.retractedWorks(), "retracted work");
        }
        explanation += "; full marks from " + FULL_MARKS_AT;
        return new ScoreComponent(RECORD, logScale(RECORD_MAX, facts.works(), FULL_MARKS_AT), RECORD_MAX, explanation);
    }

    private static ScoreComponent identifiers(AuthorFacts facts) {
        String explanation = facts.works() == 0
                ? "No works to check for a DOI, arXiv id or PMID"
                : facts.identifiedWorks() + " of " + count(facts.works(), "work") + " ("
                        + Math.round(100.0 * facts.identifiedWorks() / facts.works()) + "%) "
                        + (facts.identifiedWorks() == 1 ? "carries" : "carry") + " a DOI, arXiv id or PMID";
        explanation += "; full marks from " + FULL_MARKS_AT + " such works";
        return new ScoreComponent(IDENTIFIERS, logScale(IDENTIFIERS_MAX, facts.identifiedWorks(), FULL_MARKS_AT),
                IDENTIFIERS_MAX, explanation);
    }

    private static ScoreComponent identity(AuthorFacts facts) {
        int points = 0;
        String orcid;
        Optional<String> recordOrcid = facts.recordOrcid();
        if (recordOrcid.isPresent()) {
            points += ORCID_POINTS;
            orcid = "ORCID " + recordOrcid.get() + " on the record (" + ORCID_POINTS + " points)";
        } else if (facts.orcids().isEmpty()) {
            orcid = "No ORCID on the record (0 of " + ORCID_POINTS + ")";
        } else {
            orcid = facts.orcids().size() + " different ORCID iDs on the record disagree: "
                    + String.join(", ", facts.orcids()) + " (0 of " + ORCID_POINTS + ")";
        }
        SortedSet<String> schemes = new TreeSet<>(facts.idSchemes());
        if (facts.orcids().size() > 1) {
            schemes.remove(ORCID_SCHEME);
        }
        String agreement;
        if (schemes.size() >= AGREEING_SCHEMES) {
            points += SCHEMES_POINTS;
            agreement = "known under " + schemes.size() + " id schemes that agree: " + String.join(", ", schemes)
                    + " (" + SCHEMES_POINTS + " points)";
        } else if (schemes.isEmpty()) {
            agreement = "known under no author id scheme (0 of " + SCHEMES_POINTS + ", needs "
                    + AGREEING_SCHEMES + ")";
        } else {
            agreement = "known under 1 author id scheme: " + schemes.first() + " (0 of " + SCHEMES_POINTS
                    + ", needs " + AGREEING_SCHEMES + ")";
        }
        return new ScoreComponent(IDENTITY, points, ORCID_POINTS + SCHEMES_POINTS, orcid + "; " + agreement);
    }

    private static ScoreComponent collaboration(AuthorFacts facts) {
        if (facts.coauthors() == null) {
            return new ScoreComponent(COLLABORATION, 0, COLLABORATION_MAX,
                    "No collaboration summary from the research graph yet; full marks from " + FULL_MARKS_AT
                            + " distinct co-authors");
        }
        return new ScoreComponent(COLLABORATION, logScale(COLLABORATION_MAX, facts.coauthors(), FULL_MARKS_AT),
                COLLABORATION_MAX, count(facts.coauthors(), "distinct co-author")
                        + " in the research graph; full marks from " + FULL_MARKS_AT);
    }

    private static ScoreComponent claim(AuthorFacts facts) {
        int max = CLAIM_POINTS + PROVEN_ORCID_POINTS;
        if (!facts.claimed()) {
            return new ScoreComponent(CLAIM, 0, max, "Not claimed by a signed-in researcher (0 of " + CLAIM_POINTS
                    + "); no ORCID proven (0 of " + PROVEN_ORCID_POINTS + ")");
        }
        String claimed = "Claimed by a signed-in researcher (" + CLAIM_POINTS + " points); ";
        if (facts.orcidProven()) {
            return new ScoreComponent(CLAIM, max, max, claimed + "the claimant proved ORCID " + facts.verifiedOrcid()
                    + ", which the record carries (" + PROVEN_ORCID_POINTS + " points)");
        }
        String proof;
        if (facts.verifiedOrcid() == null) {
            proof = "the claimant proved no ORCID";
        } else if (facts.orcids().isEmpty()) {
            proof = "the claimant proved ORCID " + facts.verifiedOrcid() + ", but the record carries none";
        } else {
            proof = "the claimant proved ORCID " + facts.verifiedOrcid() + ", but the record carries "
                    + String.join(", ", facts.orcids());
        }
        return new ScoreComponent(CLAIM, CLAIM_POINTS, max, claimed + proof + " (0 of " + PROVEN_ORCID_POINTS + ")");
    }

    private static ScoreComponent retractions(AuthorFacts facts) {
        if (facts.retractedWorks() == 0) {
            return new ScoreComponent(RETRACTIONS, 0, 0, "No retracted works");
        }
        int penalty = Math.min(MAX_RETRACTION_PENALTY, RETRACTION_PENALTY * facts.retractedWorks());
        return new ScoreComponent(RETRACTIONS, -penalty, 0, count(facts.retractedWorks(), "retracted work") + ": -"
                + RETRACTION_PENALTY + " points each, at most -" + MAX_RETRACTION_PENALTY);
    }

    private static String years(AuthorFacts facts) {
        if (facts.firstYear() == null || facts.lastYear() == null) {
            return "";
        }
        return facts.firstYear().equals(facts.lastYear()) ? ", from " + facts.firstYear()
                : ", " + facts.firstYear() + "-" + facts.lastYear();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
