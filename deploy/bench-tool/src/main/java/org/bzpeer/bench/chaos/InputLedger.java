package org.bzpeer.bench.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.bzpeer.bench.corpus.CorpusWork;

/**
 * What a chaos run sent, and the figures every read model must show for it, computed from that input alone, never
 * from what a service answered: per author, the works they are on, their distinct co-authors and their followers.
 *
 * <p>Authors are told apart as ingest resolves them, by external id: the OpenAlex id, else the ORCID iD. An authorship
 * naming nobody known is an author of its own on its work (one per name and work), counted as a co-author of the others but not
 * compared itself, since it has no id to be found by. Works are known by the identifier they were sent with (their
 * OpenAlex id, or the DOI of a synthetic work). Thread-safe.
 */
public final class InputLedger {

    /** An external identifier: {@code openalex}/{@code orcid} for authors, {@code openalex}/{@code doi} for works. */
    public record ExternalId(String scheme, String value) {

        @Override
        public String toString() {
            return scheme + ":" + value;
        }
    }

    private final Map<ExternalId, Set<String>> authorsOfWork = new LinkedHashMap<>();
    private final Map<ExternalId, Set<ExternalId>> worksOfAuthor = new HashMap<>();
    private final Map<ExternalId, Double> acknowledgedAt = new HashMap<>();
    private final Map<ExternalId, Map<String, Boolean>> following = new HashMap<>();
    private final Map<ExternalId, Double> lastFollowChangeAt = new HashMap<>();

    /** The identifier {@code work} is sent with: its DOI when it is its corpus id (synthetic), else its OpenAlex id. */
    public static ExternalId workId(CorpusWork work) {
        return work.workId().equals(work.doi()) ? new ExternalId("doi", work.doi())
                : new ExternalId("openalex", work.workId());
    }

    /** The author an authorship names, or null when it names nobody known. */
    public static ExternalId authorId(CorpusWork.Authorship authorship) {
        if (authorship.openAlexId() != null) {
            return new ExternalId("openalex", authorship.openAlexId());
        }
        return authorship.orcid() != null ? new ExternalId("orcid", authorship.orcid()) : null;
    }

    /** Records that {@code work} is part of the input (sent, perhaps not yet acknowledged). */
    public synchronized void sent(CorpusWork work) {
        ExternalId workId = workId(work);
        Set<String> authors = authorsOfWork.computeIfAbsent(workId, id -> new HashSet<>());
        for (CorpusWork.Authorship authorship : work.authorships()) {
            ExternalId author = authorId(authorship);
            if (author == null) {
                authors.add("unidentified:" + workId + ":" + authorship.name());
                continue;
            }
            authors.add(author.toString());
            worksOfAuthor.computeIfAbsent(author, id -> new HashSet<>()).add(workId);
        }
    }

    /** Records when ingest acknowledged {@code work}, in seconds since the run started. */
    public synchronized void acknowledged(ExternalId work, double atSeconds) {
        acknowledgedAt.putIfAbsent(work, atSeconds);
    }

    /** Records that {@code user} now follows {@code author} or not, acknowledged at {@code atSeconds}. */
    public synchronized void followChanged(ExternalId author, String user, boolean follows, double atSeconds) {
        following.computeIfAbsent(author, id -> new HashMap<>()).put(user, follows);
        lastFollowChangeAt.put(author, atSeconds);
    }

    /** Every work sent, with the moment it was acknowledged (NaN if it never was). */
    public synchronized Map<ExternalId, Double> works() {
        Map<ExternalId, Double> works = new LinkedHashMap<>();
        authorsOfWork.keySet().forEach(work -> works.put(work, acknowledgedAt.getOrDefault(work, Double.NaN)));
        return works;
    }

    /** How many works sent have been acknowledged. */
    public synchronized long acknowledgedWorks() {
        return acknowledgedAt.size();
    }

    /** Every identified author of the input. */
    public synchronized Set<ExternalId> authors() {
        return Set.copyOf(worksOfAuthor.keySet());
    }

    public synchronized int works(ExternalId author) {
        return worksOfAuthor.getOrDefault(author, Set.of()).size();
    }

    /** Distinct authors other than {@code author} on {@code author}'s works. */
    public synchronized int coauthors(ExternalId author) {
        Set<String> coauthors = new HashSet<>();
        for (ExternalId work : worksOfAuthor.getOrDefault(author, Set.of())) {
            coauthors.addAll(authorsOfWork.get(work));
        }
        coauthors.remove(author.toString());
        return coauthors.size();
    }

    public synchronized int followers(ExternalId author) {
        return (int) following.getOrDefault(author, Map.of()).values().stream().filter(Boolean::booleanValue).count();
    }

    /**
     * The last moment anything about {@code author} was acknowledged (a work or a follow), in seconds since the run
     * started: the moment a wrong figure of theirs is blamed on.
     */
    public synchronized double lastTouchedAt(ExternalId author) {
        double last = lastFollowChangeAt.getOrDefault(author, Double.NEGATIVE_INFINITY);
        for (ExternalId work : worksOfAuthor.getOrDefault(author, Set.of())) {
            last = Math.max(last, acknowledgedAt.getOrDefault(work, Double.NEGATIVE_INFINITY));
        }
        return last;
    }
}
