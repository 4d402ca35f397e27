package org.bzpeer.bench.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A synthetic corpus of any size with the shape of a measured sample, generated deterministically: the same shape,
 * seed, size and name always give the same works in the same order, and works are produced one at a time, so a
 * corpus of millions is never held in memory.
 *
 * <p>The corpus is a sequence of communities, each as large as the sample and with its own people. Within a
 * community every author gets exactly the number of authorships the author of the same popularity rank has in the
 * sample (a few very prolific people, a long tail who appear once), and those authorships are dealt at random to
 * works whose author counts are drawn from the sample's. So co-authors meet again as often as in the sample,
 * whatever the corpus size, and nobody grows unrealistically prolific as the corpus grows. Years, types, topics,
 * institutions (each author has a home institution), venues, title and abstract lengths, and the shares of
 * authorships with an OpenAlex id are drawn from the sample's distributions; an author has an ORCID iD when the
 * sample's author of the same rank has one (so the prolific ones have them as often as in the sample). Topics, institutions and
 * venues are shared by all communities, keeping the sample's popularity.
 *
 * <p>Identifiers are namespaced by {@code namespace} (a digit), so two corpora (the bulk corpus and the latency
 * probes) never share a work or an author: work DOIs {@code 10.5555/bzpeer.<name>.<index>}, author ids
 * {@code A9<namespace><community><rank>} and ORCID iDs {@code 0009-...} with a valid check digit.
 */
public final class SyntheticCorpus {

    /** The seed the benchmark uses. */
    public static final long DEFAULT_SEED = 20_261_126L;

    private static final int MAX_COMMUNITIES = 10_000;
    private static final int MAX_AUTHORS_PER_COMMUNITY = 1_000_000;
    private static final int DUPLICATE_PROBES = 64;

    private final CorpusShape shape;
    private final long seed;
    private final long works;
    private final String name;
    private final int namespace;
    private final int communitySize;
    private final double orcidShareOfIdentified;

    public SyntheticCorpus(CorpusShape shape, long seed, long works, String name, int namespace) {
        if (works < 0 || namespace < 0 || namespace > 9 || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("works >= 0, a namespace digit and a lower-case name are needed");
        }
        this.shape = shape;
        this.seed = seed;
        this.works = works;
        this.name = name;
        this.namespace = namespace;
        this.communitySize = (int) shape.works();
        if ((works + communitySize - 1) / communitySize > MAX_COMMUNITIES) {
            throw new IllegalArgumentException("at most " + (long) MAX_COMMUNITIES * communitySize + " works");
        }
        this.orcidShareOfIdentified = (double) shape.authorshipsWithOrcid() / shape.authorshipsWithOpenAlexId();
    }

    public long works() {
        return works;
    }

    /** The DOI of the work at {@code index}, which is also its id in this corpus. */
    public String doi(long index) {
        return "10.5555/bzpeer." + name + "." + index;
    }

    public void forEach(Consumer<CorpusWork> sink) {
        forEach(0, works, sink);
    }

    /** Generates the works at positions {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public void forEach(long from, long to, Consumer<CorpusWork> sink) {
        if (from < 0 || to > works || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside 0.." + works);
        }
        for (long community = from / communitySize; community * communitySize < to; community++) {
            new Community((int) community).generate(from, to, sink);
        }
    }

    /** One community: its own random stream and its own people; generated whole, emitted in the asked range. */
    private final class Community {

        private final int number;
        private final long firstWork;
        private final int size;
        private final long communitySeed;
        private final SplittableRandom random;
        private final int[] slots;
        private int nextSlot;
        private int nextNewAuthor;
        private final Map<Integer, PoolAuthor> authors = new HashMap<>();

        Community(int number) {
            this.number = number;
            this.firstWork = (long) number * communitySize;
            this.size = (int) Math.min(communitySize, works - firstWork);
            this.communitySeed = mix(seed, number + 1L);
            this.random = new SplittableRandom(communitySeed);
            this.slots = shuffledAuthorSlots();
            this.nextNewAuthor = shape.worksPerAuthor().size();
        }

        /** Author ranks, each repeated as often as that rank's author appears in the sample, in random order. */
        private int[] shuffledAuthorSlots() {
            Categorical<Integer> worksPerAuthor = shape.worksPerAuthor();
            int[] out = new int[Math.toIntExact(worksPerAuthor.total())];
            int position = 0;
            for (int rank = 0; rank < worksPerAuthor.size(); rank++) {
                for (long i = 0; i < worksPerAuthor.weight(rank); i++) {
                    out[position++] = rank;
                }
            }
            for (int i = out.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = out[i];
                out[i] = out[j];
                out[j] = swap;
            }
            return out;
        }

        void generate(long from, long to, Consumer<CorpusWork> sink) {
            for (int i = 0; i < size; i++) {
                long index = firstWork + i;
                CorpusWork work = work(index);
                if (index >= from && index < to) {
                    sink.accept(work);
                }
            }
        }

        private CorpusWork work(long index) {
            int authorCount = shape.authorsPerWork().draw(random);
            List<CorpusWork.Authorship> authorships = new ArrayList<>(authorCount);
            Set<Integer> onThisWork = new HashSet<>();
            for (int position = 0; position < authorCount; position++) {
                if (random.nextDouble() >= shape.openAlexIdShare()) {
                    authorships.add(new CorpusWork.Authorship(null, null,
                            SyntheticText.nameOnlyPersonName(random, index, position), institutions(-1)));
                    continue;
                }
                PoolAuthor author = author(dealAuthor(onThisWork));
                authorships.add(new CorpusWork.Authorship(author.openAlexId, author.orcid, author.name,
                        institutions(author.homeInstitution)));
            }
            String doi = doi(index);
            return new CorpusWork(doi, doi, shape.types().draw(random), shape.years().draw(random),
                    SyntheticText.title(random, Math.max(1, shape.titleWords().draw(random))),
                    random.nextDouble() < shape.abstractShare()
                            ? SyntheticText.words(random, Math.max(1, shape.abstractWords().draw(random))) : null,
                    random.nextDouble() < shape.venueShare()
                            ? SyntheticText.venueName(shape.venuePopularity().drawIndex(random)) : null,
                    authorships, topics());
        }

        /** The next dealt author not yet on this work; a new one-work author when the deal runs dry. */
        private int dealAuthor(Set<Integer> onThisWork) {
            for (int probe = 0; probe < DUPLICATE_PROBES && nextSlot + probe < slots.length; probe++) {
                int candidate = slots[nextSlot + probe];
                if (!onThisWork.contains(candidate)) {
                    slots[nextSlot + probe] = slots[nextSlot];
                    slots[nextSlot++] = candidate;
                    onThisWork.add(candidate);
                    return candidate;
                }
            }
            if (nextNewAuthor >= MAX_AUTHORS_PER_COMMUNITY) {
                throw new IllegalStateException("community " + number + " ran out of author numbers");
            }
            onThisWork.add(nextNewAuthor);
            return nextNewAuthor++;
        }

        /** The institutions of one authorship: the author's home first (when known), then others by popularity. */
        private List<CorpusWork.Institution> institutions(int home) {
            int count = shape.institutionsPerAuthorship().draw(random);
            Set<Integer> ranks = new LinkedHashSet<>();
            if (count > 0 && home >= 0) {
                ranks.add(home);
            }
            ranks.addAll(distinctRanks(shape.institutionPopularity(), count, ranks));
            return ranks.stream().map(SyntheticText::institution).toList();
        }

        private List<CorpusWork.Topic> topics() {
            int count = shape.topicsPerWork().draw(random);
            return distinctRanks(shape.topicPopularity(), count, Set.of()).stream().map(SyntheticText::topic).toList();
        }

        /**
         * Popularity ranks drawn until {@code count} distinct ones, {@code taken} included, are there (fewer only
         * when the popularity has fewer ranks, or after many repeats).
         */
        private Set<Integer> distinctRanks(Categorical<Integer> popularity, int count, Set<Integer> taken) {
            Set<Integer> out = new LinkedHashSet<>(taken);
            for (int attempt = 0; out.size() < count && attempt < DUPLICATE_PROBES * count; attempt++) {
                out.add(popularity.drawIndex(random));
            }
            out.removeAll(taken);
            return out;
        }

        /** The person with this rank in this community; the same whenever and however often asked. */
        private PoolAuthor author(int rank) {
            return authors.computeIfAbsent(rank, this::newAuthor);
        }

        private PoolAuthor newAuthor(int rank) {
            SplittableRandom own = new SplittableRandom(mix(communitySeed, rank + 1L));
            String digits = String.format(Locale.ROOT, "%d%04d%06d", namespace, number, rank);
            boolean hasOrcid = rank < shape.worksPerAuthor().size() ? shape.authorsWithOrcid().get(rank)
                    : own.nextDouble() < orcidShareOfIdentified;
            String orcid = hasOrcid ? orcid("0009" + digits) : null;
            return new PoolAuthor("A9" + digits, orcid, SyntheticText.personName(own),
                    shape.institutionPopularity().drawIndex(own));
        }
    }

    private record PoolAuthor(String openAlexId, String orcid, String name, int homeInstitution) {
    }

    /** {@code 0000-0000-0000-000X} from 15 digits and their ISO 7064 11,2 check character. */
    static String orcid(String fifteenDigits) {
        int total = 0;
        for (int i = 0; i < fifteenDigits.length(); i++) {
            total = (total + (fifteenDigits.charAt(i) - '0')) * 2;
        }
        int check = (12 - total % 11) % 11;
        String all = fifteenDigits + (check == 10 ? "X" : String.valueOf(check));
        return all.substring(0, 4) + "-" + all.substring(4, 8) + "-" + all.substring(8, 12) + "-" + all.substring(12);
    }

    /** A seed for stream {@code stream} of {@code seed} (SplitMix64's finaliser, so nearby inputs differ widely). */
    static long mix(long seed, long stream) {
        long z = seed + stream * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
