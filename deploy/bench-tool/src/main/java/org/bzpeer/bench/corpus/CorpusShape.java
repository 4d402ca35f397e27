package org.bzpeer.bench.corpus;

import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The shape of a corpus, measured work by work: how many authors a work has, how often the same people appear
 * (works per author, most prolific first), how many authorships carry an OpenAlex id or an ORCID iD, and the
 * distributions of years, types, topics, institutions, venues, title and abstract lengths. The synthetic corpus is
 * drawn from the shape of the real sample, and measured again with the same code to show it kept that shape.
 *
 * <p>Popularity ({@link #worksPerAuthor}, {@link #topicPopularity}, {@link #institutionPopularity},
 * {@link #venuePopularity}) is kept as a distribution over popularity ranks: rank 0 is the most frequent one and its
 * weight is how often it was seen. {@link #authorsWithOrcid} holds the author ranks that carry an ORCID iD on most
 * of their authorships, so the generator gives ORCID iDs to the same kind of people.
 */
public record CorpusShape(
        long works,
        Categorical<Integer> authorsPerWork,
        Categorical<Integer> worksPerAuthor,
        BitSet authorsWithOrcid,
        long authorships,
        long authorshipsWithOpenAlexId,
        long authorshipsWithOrcid,
        Categorical<Integer> years,
        Categorical<String> types,
        Categorical<Integer> topicsPerWork,
        Categorical<Integer> topicPopularity,
        Categorical<Integer> institutionsPerAuthorship,
        Categorical<Integer> institutionPopularity,
        long worksWithVenue,
        Categorical<Integer> venuePopularity,
        Categorical<Integer> titleWords,
        long worksWithAbstract,
        Categorical<Integer> abstractWords) {

    /** Measures the works it is given; {@link #shape()} once all were given. */
    public static Builder builder() {
        return new Builder();
    }

    /** Share of authorships that name an author with an OpenAlex id; the others name nobody known. */
    public double openAlexIdShare() {
        return (double) authorshipsWithOpenAlexId / authorships;
    }

    /** Share of all authorships that carry an ORCID iD. */
    public double orcidShare() {
        return (double) authorshipsWithOrcid / authorships;
    }

    public double venueShare() {
        return (double) worksWithVenue / works;
    }

    public double abstractShare() {
        return (double) worksWithAbstract / works;
    }

    /** Collects the counts a {@link CorpusShape} is made of; one work at a time, so a corpus is never held. */
    public static final class Builder implements Consumer<CorpusWork> {

        private long works;
        private long authorships;
        private long withOpenAlexId;
        private long withOrcid;
        private long withVenue;
        private long withAbstract;
        private final Map<Integer, Long> authorsPerWork = new HashMap<>();
        private final Map<String, int[]> worksAndOrcidsOfAuthor = new HashMap<>();
        private final Map<Integer, Long> years = new HashMap<>();
        private final Map<String, Long> types = new HashMap<>();
        private final Map<Integer, Long> topicsPerWork = new HashMap<>();
        private final Map<String, Long> topics = new HashMap<>();
        private final Map<Integer, Long> institutionsPerAuthorship = new HashMap<>();
        private final Map<String, Long> institutions = new HashMap<>();
        private final Map<String, Long> venues = new HashMap<>();
        private final Map<Integer, Long> titleWords = new HashMap<>();
        private final Map<Integer, Long> abstractWords = new HashMap<>();

        private Builder() {
        }

        @Override
        public void accept(CorpusWork work) {
            works++;
            count(authorsPerWork, work.authorships().size());
            for (CorpusWork.Authorship authorship : work.authorships()) {
                authorships++;
                if (authorship.openAlexId() != null) {
                    withOpenAlexId++;
                    int[] counts = worksAndOrcidsOfAuthor.computeIfAbsent(authorship.openAlexId(), id -> new int[2]);
                    counts[0]++;
                    counts[1] += authorship.orcid() != null ? 1 : 0;
                }
                if (authorship.orcid() != null) {
                    withOrcid++;
                }
                count(institutionsPerAuthorship, authorship.institutions().size());
                authorship.institutions().forEach(institution -> count(institutions, institution.name()));
            }
            if (work.year() != null) {
                count(years, work.year());
            }
            count(types, work.type());
            count(topicsPerWork, work.topics().size());
            work.topics().forEach(topic -> count(topics, topic.name()));
            if (work.venue() != null) {
                withVenue++;
                count(venues, work.venue());
            }
            count(titleWords, wordCount(work.title()));
            if (work.abstractText() != null) {
                withAbstract++;
                count(abstractWords, wordCount(work.abstractText()));
            }
        }

        public CorpusShape shape() {
            if (works == 0 || worksAndOrcidsOfAuthor.isEmpty() || years.isEmpty()) {
                throw new IllegalStateException("a shape needs works with identified authors and years");
            }
            List<Map.Entry<String, int[]>> byPopularity = worksAndOrcidsOfAuthor.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, int[]> author) -> -author.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .toList();
            Map<Integer, Long> authorRanks = new HashMap<>();
            BitSet ranksWithOrcid = new BitSet(byPopularity.size());
            for (int rank = 0; rank < byPopularity.size(); rank++) {
                int[] counts = byPopularity.get(rank).getValue();
                authorRanks.put(rank, (long) counts[0]);
                ranksWithOrcid.set(rank, 2 * counts[1] > counts[0]);
            }
            return new CorpusShape(works, Categorical.ofCounts(authorsPerWork), Categorical.ofCounts(authorRanks),
                    ranksWithOrcid, authorships, withOpenAlexId, withOrcid, Categorical.ofCounts(years),
                    Categorical.ofCountsByFrequency(types), Categorical.ofCounts(topicsPerWork), ranks(topics),
                    Categorical.ofCounts(institutionsPerAuthorship), ranks(institutions), withVenue, ranks(venues),
                    Categorical.ofCounts(titleWords), withAbstract,
                    abstractWords.isEmpty() ? Categorical.ofCounts(Map.of(0, 1L)) : Categorical.ofCounts(abstractWords));
        }

        /** Popularity ranks of the counted names: rank 0 the most frequent. */
        private static Categorical<Integer> ranks(Map<String, Long> counts) {
            if (counts.isEmpty()) {
                return Categorical.ofCounts(Map.of(0, 1L));
            }
            long[] sorted = counts.values().stream().mapToLong(Long::longValue).boxed()
                    .sorted((a, b) -> Long.compare(b, a)).mapToLong(Long::longValue).toArray();
            Map<Integer, Long> byRank = new HashMap<>();
            IntStream.range(0, sorted.length).forEach(rank -> byRank.put(rank, sorted[rank]));
            return Categorical.ofCounts(byRank);
        }

        private static <K> void count(Map<K, Long> counts, K key) {
            counts.merge(key, 1L, Long::sum);
        }

        private static int wordCount(String text) {
            if (text == null || text.isBlank()) {
                return 0;
            }
            return text.strip().split("\\s+").length;
        }
    }
}
