package org.bzpeer.trust.assessment.model;

import java.util.Set;
import java.util.TreeSet;

/** Test builder of {@link AuthorFacts}: starts from an author nothing is known about. */
final class Facts {

    private int works;
    private int identifiedWorks;
    private int retractedWorks;
    private Integer firstYear;
    private Integer lastYear;
    private Set<String> orcids = Set.of();
    private Set<String> idSchemes = Set.of();
    private Integer coauthors;
    private boolean claimed;
    private String verifiedOrcid;

    static Facts author() {
        return new Facts();
    }

    static Facts of(AuthorFacts facts) {
        Facts copy = new Facts();
        copy.works = facts.works();
        copy.identifiedWorks = facts.identifiedWorks();
        copy.retractedWorks = facts.retractedWorks();
        copy.firstYear = facts.firstYear();
        copy.lastYear = facts.lastYear();
        copy.orcids = facts.orcids();
        copy.idSchemes = facts.idSchemes();
        copy.coauthors = facts.coauthors();
        copy.claimed = facts.claimed();
        copy.verifiedOrcid = facts.verifiedOrcid();
        return copy;
    }

    Facts works(int works, int identified) {
        this.works = works;
        this.identifiedWorks = identified;
        return this;
    }

    Facts retracted(int retracted) {
        this.retractedWorks = retracted;
        return this;
    }

    Facts years(Integer first, Integer last) {
        this.firstYear = first;
        this.lastYear = last;
        return this;
    }

    Facts orcids(String... orcids) {
        this.orcids = Set.of(orcids);
        return this;
    }

    Facts schemes(String... schemes) {
        this.idSchemes = Set.of(schemes);
        return this;
    }

    Facts coauthors(Integer coauthors) {
        this.coauthors = coauthors;
        return this;
    }

    Facts claimed(String verifiedOrcid) {
        this.claimed = true;
        this.verifiedOrcid = verifiedOrcid;
        return this;
    }

    Facts unclaimed() {
        this.claimed = false;
        this.verifiedOrcid = null;
        return this;
    }

    AuthorFacts build() {
        return new AuthorFacts(works, identifiedWorks, retractedWorks, firstYear, lastYear, new TreeSet<>(orcids),
                new TreeSet<>(idSchemes), coauthors, claimed, verifiedOrcid);
    }

    TrustAssessment assess() {
        return TrustModel.assess(build());
    }
}
