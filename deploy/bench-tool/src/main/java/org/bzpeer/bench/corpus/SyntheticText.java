package org.bzpeer.bench.corpus;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The made-up text of the synthetic corpus: people's names, titles and abstracts of pseudo-words, and the names and
 * ids of institutions, topics and venues by popularity rank (the same rank always gives the same one).
 */
final class SyntheticText {

    private static final List<String> GIVEN_NAMES = List.of("Amina", "Bruno", "Chen", "Dmitri", "Elif", "Fatima",
            "Gustavo", "Hiroshi", "Ingrid", "Jamal", "Kavya", "Lars", "Mei", "Nasser", "Olga", "Priya", "Quentin",
            "Rania", "Sipho", "Tomás", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Abdullah", "Beatriz",
            "Carole-Jean", "Đorđe", "Émilie", "Søren");
    private static final List<String> FAMILY_NAMES = List.of("Al-Harbi", "Bianchi", "Costa", "Dubois", "Eriksson",
            "Fernández", "García", "Haddad", "Ivanova", "Jensen", "Kim", "Li", "Müller", "Nakamura", "O'Brien",
            "Patel", "Qureshi", "Rossi", "Singh", "Tanaka", "Usman", "Van der Berg", "Wang", "Xu", "Yilmaz", "Zhang",
            "Al-Shuhail", "Nguyen", "Okafor", "Petrović", "Schmidt", "Wu");
    private static final List<String> SYLLABLES = List.of("ra", "mo", "ti", "ven", "sol", "ka", "dre", "lu", "phi",
            "no", "ser", "gal", "tro", "mi", "den", "qua", "zo", "lin", "ber", "ta", "cor", "si", "ne", "pol");
    private static final List<String> COUNTRIES = List.of("SA", "US", "CN", "DE", "GB", "IN", "FR", "JP", "BR", "EG");
    /** Random streams of the names by rank, one per kind, independent of the corpus seed. */
    private static final long INSTITUTION_NAMES = 1;
    private static final long TOPIC_NAMES = 2;
    private static final long VENUE_NAMES = 3;

    private SyntheticText() {
    }

    static String personName(SplittableRandom random) {
        return GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size())) + " "
                + FAMILY_NAMES.get(random.nextInt(FAMILY_NAMES.size()));
    }

    /**
     * The name of a person the corpus knows by name only, at byline {@code position} of work {@code index}: a given
     * name and a surname of pseudo-syllables spelling out the work and position, which no other authorship and no
     * identified person of the corpus has. So author resolution never rightly joins such an authorship to anyone, and
     * the per-author figures audits compute from the ledger (one person per name and work) stay exact.
     */
    static String nameOnlyPersonName(SplittableRandom random, long index, int position) {
        StringBuilder surname = new StringBuilder("Ze");
        for (long rest = index * 1_000 + position; rest > 0 || surname.length() == 2; rest /= SYLLABLES.size()) {
            surname.append(SYLLABLES.get((int) (rest % SYLLABLES.size())));
        }
        return GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size())) + " " + surname;
    }

    static String title(SplittableRandom random, int words) {
        String text = words(random, words);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String words(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                out.append(SYLLABLES.get(random.nextInt(SYLLABLES.size())));
            }
        }
        return out.toString();
    }

    static CorpusWork.Institution institution(int rank) {
        SplittableRandom random = new SplittableRandom(SyntheticCorpus.mix(INSTITUTION_NAMES, rank));
        return new CorpusWork.Institution(String.format(Locale.ROOT, "I9%06d", rank),
                "Institute of " + title(random, 2), COUNTRIES.get(rank % COUNTRIES.size()));
    }

    static CorpusWork.Topic topic(int rank) {
        SplittableRandom random = new SplittableRandom(SyntheticCorpus.mix(TOPIC_NAMES, rank));
        return new CorpusWork.Topic(String.format(Locale.ROOT, "T9%05d", rank), title(random, 3));
    }

    static String venueName(int rank) {
        SplittableRandom random = new SplittableRandom(SyntheticCorpus.mix(VENUE_NAMES, rank));
        return "Journal of " + title(random, 2);
    }
}
