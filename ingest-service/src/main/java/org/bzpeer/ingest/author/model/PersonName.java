package org.bzpeer.ingest.author.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bzpeer.kit.text.Names;

/**
 * A printed person name taken apart for matching: the given names as folded tokens in order (an initial is a token of
 * one letter; "Carole-Jean" and "C.-J." give two tokens each) and the surname as one key without spaces, hyphens or
 * apostrophes ("Al-Shehri", "Al Shehri" and "Alshehri" are one surname; particles such as van, de, al, bin belong to
 * it). "Surname, Given" is read as such; a trailing DBLP disambiguation number ("Manish Singh 0001") is not part of
 * the name. Folding is {@link Names#matchKey}'s (accents, dashes, case), so matching never depends on how a source
 * printed those.
 *
 * @param given   given-name tokens, lower-case and folded; empty when only a surname was printed
 * @param surname the surname key; never blank
 */
public record PersonName(List<String> given, String surname) {

    /** Shorter names are told apart by their vowels (Yang, Yong). */
    private static final int SKELETON_MIN = 5;
    private static final Set<String> PARTICLES = Set.of("van", "von", "der", "den", "de", "da", "del", "della", "di",
            "du", "dos", "das", "la", "le", "al", "el", "bin", "ibn", "abu", "ter", "ten", "zu", "st", "mac", "mc");

    public PersonName {
        given = List.copyOf(given);
    }

    /** Takes {@code printed} apart; null when it holds no letters. */
    public static PersonName parse(String printed) {
        String key = withoutDblpNumber(Names.matchKey(printed));
        if (key.isBlank()) {
            return null;
        }
        List<String> givenWords;
        List<String> surnameWords;
        int comma = key.indexOf(',');
        if (comma >= 0) {
            surnameWords = words(key.substring(0, comma));
            givenWords = words(key.substring(comma + 1));
        } else {
            List<String> all = words(key);
            int start = all.size() - 1;
            while (start > 0 && PARTICLES.contains(all.get(start - 1)) && start - 1 > 0) {
                start--;
            }
            surnameWords = all.subList(Math.max(start, 0), all.size());
            givenWords = all.subList(0, Math.max(start, 0));
        }
        String surname = letters(String.join("", surnameWords));
        if (surname.isEmpty()) {
            return null;
        }
        List<String> given = new ArrayList<>();
        for (String word : givenWords) {
            for (String part : word.split("-")) {
                String letters = letters(part);
                if (!letters.isEmpty()) {
                    given.add(letters);
                }
            }
        }
        return new PersonName(given, surname);
    }

    /** Surname and first initial: names that may be one person's share it (the blocking key). */
    public String block() {
        return surname + (given.isEmpty() ? "" : " " + given.get(0).charAt(0));
    }

    /** Whether the first given name is written out, not just an initial. */
    public boolean full() {
        return !given.isEmpty() && given.get(0).length() > 1;
    }

    /** The name as one key: given tokens and surname. Equal keys are the same written-out name. */
    public String key() {
        return String.join(" ", given) + (given.isEmpty() ? "" : " ") + surname;
    }

    /**
     * Whether both can be one person's: the same surname, and given names that agree token by token as far as both
     * go, where an initial agrees with any name starting with it and two written-out names agree when equal or equal
     * in their {@link #skeleton} when both have five letters or more (Mohammed, Mohamed, Muhammad). "H. V. Poor",
     * "H. Vincent Poor" and "H. Poor" agree; "H. Victor Poor" and "H. Vincent Poor" do not.
     */
    public boolean compatible(PersonName other) {
        if (!surname.equals(other.surname)) {
            return false;
        }
        for (int i = 0; i < Math.min(given.size(), other.given.size()); i++) {
            if (!tokensAgree(given.get(i), other.given.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether both write out every given name the same way (up to {@link #skeleton}) and as many. */
    public boolean sameWrittenOut(PersonName other) {
        if (!surname.equals(other.surname) || given.size() != other.given.size() || !full() || !other.full()) {
            return false;
        }
        for (int i = 0; i < given.size(); i++) {
            String mine = given.get(i);
            String theirs = other.given.get(i);
            if (mine.length() > 1 != theirs.length() > 1 || !tokensAgree(mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokensAgree(String a, String b) {
        if (a.length() == 1 || b.length() == 1) {
            return a.charAt(0) == b.charAt(0);
        }
        return a.equals(b) || a.length() >= SKELETON_MIN && b.length() >= SKELETON_MIN
                && skeleton(a).equals(skeleton(b));
    }

    /**
     * A written-out name with doubled letters collapsed, its vowels after the first letter replaced by one mark per
     * run: romanisations of one name (Mohammed, Mohamed, Muhammad; Ahmed, Ahmad; Abdulazeez, Abdulaziz) share it,
     * different names with the same consonants (Mahmud, Muhammad) do not.
     */
    static String skeleton(String token) {
        StringBuilder out = new StringBuilder().append(token.charAt(0));
        for (int i = 1; i < token.length(); i++) {
            char c = "aeiouy".indexOf(token.charAt(i)) >= 0 ? '*' : token.charAt(i);
            if (c != out.charAt(out.length() - 1)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A match key without DBLP's homonym number ("manish singh 0001": four digits after a space, at the end). */
    private static String withoutDblpNumber(String key) {
        int length = key.length();
        if (length < 5 || key.charAt(length - 5) != ' ') {
            return key;
        }
        for (int i = length - 4; i < length; i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return key;
            }
        }
        return key.substring(0, length - 5).stripTrailing();
    }

    /** The letters of {@code text}, in order (every other character dropped). */
    private static String letters(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    /** The words of a match key, split at whitespace and full stops ("h.v. poor": h, v, poor). */
    private static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || Character.isWhitespace(key.charAt(i)) || key.charAt(i) == '.') {
                if (i > start) {
                    words.add(key.substring(start, i));
                }
                start = i + 1;
            }
        }
        return words;
    }
}
