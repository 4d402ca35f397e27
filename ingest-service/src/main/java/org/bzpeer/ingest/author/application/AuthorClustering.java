package org.bzpeer.ingest.author.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.store.IdentityStore.Key;

/**
 * Decides which authorships are one person. Identifiers first: one ORCID iD is one person, and so is one source id
 * (OpenAlex, DBLP, ...) of one scheme; two different ORCID iDs are never one person, and two different source ids
 * only when the same ORCID iD joins them. Then each authorship without identifiers joins the person it most likely
 * is, among those with a {@link PersonName#compatible compatible} name (same surname, given names agreeing as far as
 * both go, initials-aware and transliteration-aware): evidence is weighed from shared co-authors, institutions, venue,
 * topics and years (see {@link #evidence}), and the person with most joins when it reaches {@link #JOIN_AT} and leads
 * by {@link #JOIN_MARGIN} every rival that cannot be the same person (a different ORCID iD, an incompatible name, a
 * work in common); rivals that could be the same person are one person found twice and raise no doubt, and a single
 * candidate needs no lead. Without that it joins the one person who writes out the same
 * name when that person is identified, or when the name is distinctive (the only written-out first name of its
 * block: one "David Eppstein" among the "D. Eppstein"s, unlike the many first names of "W. Wang"); otherwise it
 * becomes a person of its own, so namesakes stay apart. Finally people known only by name are joined when their works
 * together give the evidence one work alone did not, by the same choice (a clear lead, not the first person with
 * enough evidence: a name-only person as likely to be either of two namesakes stays apart). Two authorships of one
 * work are two people unless an identifier says otherwise (a byline listing one person twice). Each authorship
 * carries the {@link Rule} that brought it to its person, for reports.
 *
 * <p>Deterministic: the result depends on the set of mentions, not on the order they are given in (each block of
 * compatible names is resolved in a fixed order of work and position). Only mentions of one block (surname and first
 * initial) are ever compared, so a block can be resolved alone.
 */
public final class AuthorClustering {

    /**
     * Largest block whose name-only authorships are weighed against each other (that costs the square of the block's
     * size); in a larger one they stay people of their own, and only identifiers join (a source's placeholder name on
     * thousands of authorships, a surname printed alone by a collaboration).
     */
    public static final int MAX_WEIGHED_BLOCK = 2_000;

    /** Evidence at which a name-only authorship joins a person: a shared co-author, or institution and venue. */
    static final int JOIN_AT = 3;

    /** How much more evidence the chosen person needs than any other who could be the one. */
    static final int JOIN_MARGIN = 2;

    /**
     * How the mentions were grouped: each person as the mentions that are theirs, in resolution order, the rule that
     * brought each one (the same index) to the person, and the identifiers the person is known by (those of their
     * mentions, and those of the ORCID record that named them in the block).
     */
    public record Person(List<AuthorMention> mentions, List<Rule> rules, Set<Key> identifiers) {

        public Person {
            identifiers = Set.copyOf(identifiers);
        }
    }

    /**
     * A name the ORCID record of {@code orcid} gives its owner, who is also known by {@code sourceIds} (source ids
     * published with the iD, {@code scheme:value}): the owner is met under it in its block, also where none of their
     * authorships carrying the iD was published, as an identified person who writes out that name.
     */
    public record OrcidName(PersonName name, String orcid, Set<String> sourceIds) {
    }

    /** The rule that brought a mention to its person (for a person's first mention: {@link #OWN}). */
    public enum Rule {
        /** An ORCID iD or source id the person already holds. */
        IDENTIFIER,
        /** Evidence of at least {@link #JOIN_AT}, clearly more than for any other compatible person. */
        EVIDENCE,
        /** The one compatible identified person who writes out the same name. */
        SAME_NAME_IDENTIFIED,
        /** The one compatible person who writes out the same name, the only written-out first name of its block. */
        DISTINCTIVE_NAME,
        /** A person of its own. */
        OWN,
        /** The first mention of a name-only person joined to this one once their works together showed it. */
        JOINED_LATER
    }

    private static final Comparator<AuthorMention> ORDER = Comparator.comparing(AuthorMention::workId)
            .thenComparingInt(AuthorMention::position);

    private AuthorClustering() {
    }

    /** Groups {@code mentions} into people, meeting the owners of ORCID records under {@code orcidNames} too. */
    public static List<Person> resolve(Collection<AuthorMention> mentions, Collection<OrcidName> orcidNames) {
        Map<String, List<AuthorMention>> blocks = new LinkedHashMap<>();
        mentions.stream().sorted(ORDER)
                .forEach(mention -> blocks.computeIfAbsent(mention.name().block(), block -> new ArrayList<>())
                        .add(mention));
        Map<String, List<OrcidName>> namedByBlock = new HashMap<>();
        orcidNames.stream().sorted(Comparator.comparing(OrcidName::orcid).thenComparing(named -> named.name().key()))
                .forEach(named -> namedByBlock.computeIfAbsent(named.name().block(), block -> new ArrayList<>())
                        .add(named));
        List<Person> people = new ArrayList<>();
        blocks.forEach((key, block) -> resolveBlock(block, namedByBlock.getOrDefault(key, List.of())).stream()
                .filter(cluster -> !cluster.mentions.isEmpty()).forEach(cluster -> people.add(cluster.person())));
        return people;
    }

    private static List<Cluster> resolveBlock(List<AuthorMention> block, List<OrcidName> orcidNames) {
        boolean distinctive = block.stream().filter(mention -> mention.name().full())
                .map(mention -> mention.name().given().get(0)).distinct().count() == 1;
        List<Cluster> clusters = new ArrayList<>();
        Map<String, Cluster> byKey = new HashMap<>();
        for (AuthorMention mention : block) {
            if (mention.identified()) {
                joinByIdentifiers(mention, clusters, byKey);
            }
        }
        orcidNames.forEach(named -> meetOwner(named, clusters, byKey));
        boolean weighed = block.size() <= MAX_WEIGHED_BLOCK;
        for (AuthorMention mention : block) {
            if (!mention.identified()) {
                Choice choice = weighed ? mostLikely(mention, clusters, distinctive) : null;
                if (choice == null) {
                    Cluster own = new Cluster();
                    clusters.add(own);
                    own.add(mention, Rule.OWN);
                } else {
                    choice.cluster().add(mention, choice.rule());
                }
            }
        }
        if (weighed) {
            joinNameOnlyClusters(clusters);
        }
        return clusters;
    }

    private static void joinByIdentifiers(AuthorMention mention, List<Cluster> clusters, Map<String, Cluster> byKey) {
        List<String> keys = keys(mention);
        Set<Cluster> found = new HashSet<>();
        keys.forEach(key -> {
            Cluster cluster = byKey.get(key);
            if (cluster != null) {
                found.add(cluster);
            }
        });
        Cluster target;
        if (found.isEmpty()) {
            target = new Cluster();
            clusters.add(target);
        } else {
            Set<String> orcids = new HashSet<>();
            found.forEach(cluster -> orcids.addAll(cluster.orcids));
            if (mention.orcid() != null) {
                orcids.add(mention.orcid());
            }
            if (orcids.size() <= 1) {
                Cluster survivor = found.stream().min(Comparator.comparingInt(clusters::indexOf)).orElseThrow();
                for (Cluster other : found) {
                    if (other != survivor) {
                        survivor.absorb(other, Rule.IDENTIFIER);
                        clusters.remove(other);
                        other.keys.forEach(key -> byKey.put(key, survivor));
                    }
                }
                target = survivor;
            } else {
                target = mention.orcid() != null ? byKey.get("orcid:" + mention.orcid()) : null;
                if (target == null) {
                    target = found.stream().min(Comparator.comparingInt(clusters::indexOf)).orElseThrow();
                }
            }
        }
        target.add(mention, found.isEmpty() ? Rule.OWN : Rule.IDENTIFIER);
        for (String key : keys) {
            byKey.putIfAbsent(key, target);
            target.keys.add(key);
        }
    }

    /**
     * Gives the owner of an ORCID record the name it says they go by: to the person of the block holding their iD
     * when that name agrees with the person's names, else to a person of no mentions yet, known by the iD and the
     * source ids published with it, whom name-only mentions may join as any identified person.
     */
    private static void meetOwner(OrcidName named, List<Cluster> clusters, Map<String, Cluster> byKey) {
        Cluster owner = byKey.get("orcid:" + named.orcid());
        if (owner == null) {
            owner = new Cluster();
            clusters.add(owner);
            owner.orcids.add(named.orcid());
            List<String> keys = new ArrayList<>(List.of("orcid:" + named.orcid()));
            named.sourceIds().stream().sorted().forEach(keys::add);
            for (String key : keys) {
                byKey.putIfAbsent(key, owner);
                owner.keys.add(key);
            }
            owner.addName(named.name());
        } else if (owner.compatibleWith(named.name())) {
            owner.addName(named.name());
        }
    }

    /** The person a name-only mention most likely is, or null for a person of its own. */
    private static Choice mostLikely(AuthorMention mention, List<Cluster> clusters, boolean distinctive) {
        List<Cluster> candidates = new ArrayList<>();
        List<Cluster> sameWrittenOut = new ArrayList<>();
        for (Cluster cluster : clusters) {
            if (cluster.compatibleWith(mention.name()) && !cluster.works.contains(mention.workId())) {
                candidates.add(cluster);
                if (cluster.writesOutAs(mention.name())) {
                    sameWrittenOut.add(cluster);
                }
            }
        }
        Cluster best = clearlyBest(candidates, candidate -> true, candidate -> evidence(mention, candidate));
        if (best != null) {
            return new Choice(best, Rule.EVIDENCE);
        }
        if (sameWrittenOut.size() == 1 && (sameWrittenOut.get(0).identified() || distinctive)
                && evidence(mention, sameWrittenOut.get(0)) >= 0) {
            return new Choice(sameWrittenOut.get(0),
                    sameWrittenOut.get(0).identified() ? Rule.SAME_NAME_IDENTIFIED : Rule.DISTINCTIVE_NAME);
        }
        return null;
    }

    private record Choice(Cluster cluster, Rule rule) {
    }

    /**
     * The eligible candidate with most evidence, when that reaches {@link #JOIN_AT} and leads by {@link #JOIN_MARGIN}
     * every rival that cannot be the same person as it (rivals that could be are the same person found twice, not a
     * doubt); else null.
     */
    private static Cluster clearlyBest(List<Cluster> candidates, Predicate<Cluster> eligible,
            ToIntFunction<Cluster> evidence) {
        Map<Cluster, Integer> scores = new HashMap<>();
        Cluster best = null;
        for (Cluster candidate : candidates) {
            scores.put(candidate, evidence.applyAsInt(candidate));
            if (eligible.test(candidate) && (best == null || scores.get(candidate) > scores.get(best))) {
                best = candidate;
            }
        }
        if (best == null || scores.get(best) < JOIN_AT) {
            return null;
        }
        for (Cluster rival : candidates) {
            if (rival != best && !best.couldBe(rival)
                    && scores.get(best) - scores.get(rival) < JOIN_MARGIN) {
                return null;
            }
        }
        return best;
    }

    /**
     * Joins name-only people whose mentions together show they are one (or one identified person): the same
     * {@link #clearlyBest} choice as for a single authorship, among the identified people and those resolved before;
     * passes over the people in order until one joins nothing (a pass goes on after a join rather than starting again,
     * which kept a block of 2,000 "W. Wang"s from taking minutes).
     */
    private static void joinNameOnlyClusters(List<Cluster> clusters) {
        boolean joined = true;
        while (joined) {
            joined = false;
            for (int i = 0; i < clusters.size(); i++) {
                Cluster nameOnly = clusters.get(i);
                if (nameOnly.identified()) {
                    continue;
                }
                List<Cluster> candidates = clusters.stream().filter(other -> other != nameOnly
                        && other.compatibleWithAll(nameOnly) && Collections.disjoint(other.works, nameOnly.works))
                        .toList();
                Set<Cluster> earlier = new HashSet<>(clusters.subList(0, i));
                Cluster best = clearlyBest(candidates, other -> other.identified() || earlier.contains(other),
                        other -> evidence(nameOnly, other));
                if (best != null) {
                    best.absorb(nameOnly, Rule.JOINED_LATER);
                    clusters.remove(i--);
                    joined = true;
                }
            }
        }
    }

    /**
     * How strongly a mention's context points to a person: 3 per shared co-author (up to 2), 2 for a shared
     * institution, 1 for the same venue, 1 for a shared topic, 1 when the written-out name is one the person used;
     * minus 2 when the years lie more than 15 apart.
     */
    static int evidence(AuthorMention mention, Cluster cluster) {
        int score = 3 * Math.min(2, overlap(mention.coauthors(), cluster.coauthors))
                + (overlap(mention.institutions(), cluster.institutions) > 0 ? 2 : 0)
                + (mention.venue() != null && cluster.venues.contains(mention.venue()) ? 1 : 0)
                + (overlap(mention.topics(), cluster.topics) > 0 ? 1 : 0)
                + (cluster.writesOutAs(mention.name()) ? 1 : 0);
        if (mention.year() != null && cluster.yearGap(mention.year()) > 15) {
            score -= 2;
        }
        return score;
    }

    private static int evidence(Cluster nameOnly, Cluster other) {
        return nameOnly.mentions.stream().mapToInt(mention -> evidence(mention, other)).max().orElse(0);
    }

    private static int overlap(Set<String> mine, Set<String> theirs) {
        int shared = 0;
        for (String item : mine) {
            if (theirs.contains(item)) {
                shared++;
            }
        }
        return shared;
    }

    private static List<String> keys(AuthorMention mention) {
        List<String> keys = new ArrayList<>();
        if (mention.orcid() != null) {
            keys.add("orcid:" + mention.orcid());
        }
        mention.sourceIds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(id -> keys.add(id.getKey() + ":" + id.getValue()));
        return keys;
    }

    /** A person being assembled: their mentions and what those say about them. */
    static final class Cluster {

        private final List<AuthorMention> mentions = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<PersonName> names = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();
        private final Set<String> works = new HashSet<>();
        private final Set<String> orcids = new HashSet<>();
        private final Set<String> coauthors = new HashSet<>();
        private final Set<String> institutions = new HashSet<>();
        private final Set<String> venues = new HashSet<>();
        private final Set<String> topics = new HashSet<>();
        private int firstYear = Integer.MAX_VALUE;
        private int lastYear = Integer.MIN_VALUE;

        void add(AuthorMention mention, Rule rule) {
            mentions.add(mention);
            rules.add(rule);
            works.add(mention.workId());
            addName(mention.name());
            if (mention.orcid() != null) {
                orcids.add(mention.orcid());
            }
            coauthors.addAll(mention.coauthors());
            institutions.addAll(mention.institutions());
            if (mention.venue() != null) {
                venues.add(mention.venue());
            }
            topics.addAll(mention.topics());
            if (mention.year() != null) {
                firstYear = Math.min(firstYear, mention.year());
                lastYear = Math.max(lastYear, mention.year());
            }
        }

        void addName(PersonName name) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }

        /** Takes {@code other}'s mentions; its first one is brought by {@code rule}, the others as they came. */
        void absorb(Cluster other, Rule rule) {
            for (int i = 0; i < other.mentions.size(); i++) {
                add(other.mentions.get(i), i == 0 ? rule : other.rules.get(i));
            }
            keys.addAll(other.keys);
        }

        boolean identified() {
            return !keys.isEmpty();
        }

        /** Whether both could be one person: compatible names and ORCID iDs, no work in common. */
        boolean couldBe(Cluster other) {
            return (compatibleWithAll(other) || other.compatibleWithAll(this))
                    && Collections.disjoint(works, other.works);
        }

        /** Whether {@code name} agrees with one of the person's names and with every written-out one. */
        boolean compatibleWith(PersonName name) {
            return names.stream().anyMatch(known -> known.compatible(name))
                    && names.stream().filter(PersonName::full).allMatch(known -> known.compatible(name));
        }

        boolean compatibleWithAll(Cluster other) {
            return other.names.stream().allMatch(this::compatibleWith)
                    && (orcids.isEmpty() || other.orcids.isEmpty() || orcids.equals(other.orcids));
        }

        boolean writesOutAs(PersonName name) {
            return name.full() && names.stream().anyMatch(known -> known.sameWrittenOut(name));
        }

        int yearGap(int year) {
            if (firstYear == Integer.MAX_VALUE) {
                return 0;
            }
            return year < firstYear ? firstYear - year : year > lastYear ? year - lastYear : 0;
        }

        Person person() {
            Set<Key> identifiers = new HashSet<>();
            keys.forEach(key -> identifiers.add(new Key(key.substring(0, key.indexOf(':')),
                    key.substring(key.indexOf(':') + 1))));
            return new Person(List.copyOf(mentions), List.copyOf(rules), identifiers);
        }

        @Override
        public String toString() {
            return Objects.toString(names) + " x" + mentions.size();
        }
    }
}
