package org.bzpeer.ingest.author.application;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.ingest.work.application.BzpeerIds;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.kit.text.Names;

/**
 * The id of a person, a function of the mentions that are theirs (and of the ORCID record that named them), never of
 * the order they arrived in. A person with identifiers is known by the best of them all ({@link #SCHEME_PRIORITY}: the
 * OpenAlex author id, a disambiguated person, then the ORCID iD, then other schemes by name and value), so the same
 * identifier always names the same id.
 * A person known only by name is known by their first published mention ({@link #FIRST_PUBLISHED}: year, date, then
 * work id and byline position): the work and the printed name, with the position too when an earlier authorship of
 * that work prints the same name. A person of one mention thus keeps the id the mention had before resolution
 * existed, and works arriving in publication order (a feed, a snapshot sorted by date) never rename a person's earlier
 * works; only a work older than all the person's known ones moves the id.
 */
public final class AuthorIds {

    /** Author identifier schemes, best first; other schemes follow by name. */
    public static final List<String> SCHEME_PRIORITY = List.of("openalex", "orcid");

    /** Mentions by publication: year, then date (unknown ones last), then work id and byline position. */
    static final Comparator<AuthorMention> FIRST_PUBLISHED = Comparator
            .comparing(AuthorMention::year, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AuthorMention::date, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AuthorMention::workId)
            .thenComparingInt(AuthorMention::position);

    private static final Comparator<Key> BEST_FIRST = Comparator.comparingInt((Key key) -> {
        int rank = SCHEME_PRIORITY.indexOf(key.scheme());
        return rank < 0 ? SCHEME_PRIORITY.size() : rank;
    }).thenComparing(Key::scheme).thenComparing(Key::value);

    private AuthorIds() {
    }

    /** The id of the best of {@code ids} (by scheme, ORCID under "orcid"), or null when there is none. */
    public static String identified(Map<String, String> ids) {
        return ids.entrySet().stream().map(id -> new Key(id.getKey(), id.getValue())).min(BEST_FIRST)
                .map(BzpeerIds::authorId).orElse(null);
    }

    /**
     * The id of a person known only by the authorship at {@code position} of work {@code workId}, printed
     * {@code printed}; {@code repeated} when an earlier authorship of the work prints the same name.
     */
    public static String unidentified(String workId, int position, String printed, boolean repeated) {
        String seed = workId + "|" + Names.matchKey(printed);
        return BzpeerIds.unidentifiedAuthorId(repeated ? seed + "|" + position : seed);
    }

    /**
     * The id of the person known by {@code identifiers} (those of their mentions, and any an ORCID record gave them)
     * whose mentions are {@code mentions}; {@code repeated} tells a mention whose work prints the same name at an
     * earlier position.
     */
    static String ofPerson(Collection<Key> identifiers, Collection<PublishedMention> mentions,
            Predicate<PublishedMention> repeated) {
        if (!identifiers.isEmpty()) {
            return BzpeerIds.authorId(identifiers.stream().min(BEST_FIRST).orElseThrow());
        }
        PublishedMention first = mentions.stream()
                .min(Comparator.comparing(PublishedMention::mention, FIRST_PUBLISHED))
                .orElseThrow();
        return unidentified(first.mention().workId(), first.mention().position(), first.printed(),
                repeated.test(first));
    }

    /** The positions of {@code printedNames} (one byline, in order) whose name an earlier position prints too. */
    public static Set<Integer> repeatedNames(List<String> printedNames) {
        Set<String> seen = new HashSet<>();
        Set<Integer> repeated = new HashSet<>();
        for (int position = 0; position < printedNames.size(); position++) {
            if (!seen.add(Names.matchKey(printedNames.get(position)))) {
                repeated.add(position);
            }
        }
        return repeated;
    }
}
