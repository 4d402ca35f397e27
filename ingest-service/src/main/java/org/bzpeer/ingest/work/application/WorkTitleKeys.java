package org.bzpeer.ingest.work.application;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;
import org.bzpeer.kit.text.Names;

/**
 * The title key of a record, by which a work without identifiers is found to be a work that has them: its normalised
 * title ({@link Names#matchKey}, then every run of characters other than letters and digits made one space, so
 * punctuation, dashes and a trailing full stop do not count) and its first author's surname
 * ({@link PersonName#surname}), with its year and the identifier the record is known by.
 *
 * <p>Titles too generic to tell works apart get no key, so such records are never merged on their title: titles of
 * fewer than {@value #MIN_SIGNIFICANT_WORDS} significant words (words other than {@link #STOP_WORDS}: "BERT",
 * "Quantum chaos", "Letter to the editor"), and the standing titles of {@link #GENERIC_TITLES} however long
 * ("Response to reviewers' comments", "Cumulative author index"). A record without year or without a first author
 * with a surname gets no key either.
 */
final class WorkTitleKeys {

    static final int MIN_SIGNIFICANT_WORDS = 3;

    /** Words that do not make a title specific. */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "on", "in", "at", "to", "for", "from", "by",
            "with", "and", "or", "is", "are", "its", "as", "into", "via", "de", "la", "le", "et", "und", "der", "die",
            "das");

    /**
     * Normalised titles of three significant words or more that still name a kind of item rather than a work (the
     * single labels, "Introduction", "Editorial", "Preface", "Reply", "Erratum", "Book review", fall under the word
     * count already).
     */
    static final Set<String> GENERIC_TITLES = Set.of("response to reviewers comments", "reply to reviewers comments",
            "reply to the authors response", "abstracts of papers presented", "cumulative author index",
            "cumulative subject index", "editorial board and table of contents", "front matter and table of contents",
            "list of reviewers and acknowledgement", "call for papers and announcements");

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private WorkTitleKeys() {
    }

    /**
     * The title key of {@code work}, known by {@code keys} ({@link BatchPlan#workKeys}): the key's identifier is the
     * record's first identifier, else its title fingerprint. Null when the record has no key (above).
     */
    static TitleKey of(SubmittedWork work, List<Key> keys) {
        String title = normalisedTitle(work.title());
        if (work.publicationYear() == null || work.authorships().isEmpty() || generic(title)) {
            return null;
        }
        PersonName firstAuthor = PersonName.parse(work.authorships().get(0).name());
        if (firstAuthor == null) {
            return null;
        }
        Key knownBy = keys.stream()
                .filter(key -> !key.scheme().equals(WorkComponents.TITLE_FINGERPRINT))
                .findFirst().orElse(keys.get(0));
        return new TitleKey(title + "|" + firstAuthor.surname(), work.publicationYear(), knownBy);
    }

    /** {@code title} lower-case and folded, with single spaces between its letters and digits. */
    static String normalisedTitle(String title) {
        return NOT_LETTER_OR_DIGIT.matcher(Names.matchKey(title)).replaceAll(" ").strip();
    }

    private static boolean generic(String title) {
        long significant = Arrays.stream(title.split(" "))
                .filter(word -> !word.isEmpty() && !STOP_WORDS.contains(word))
                .count();
        return significant < MIN_SIGNIFICANT_WORDS || GENERIC_TITLES.contains(title);
    }
}
