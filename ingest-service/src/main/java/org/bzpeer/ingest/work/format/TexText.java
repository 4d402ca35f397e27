package org.bzpeer.ingest.work.format;

import java.text.Normalizer;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the TeX that arXiv's metadata carries in names and titles into Unicode (NFC), for every format that needs
 * it. Outside math: accents, as TeX writes them ({@code \'e}, {@code \"{o}}, {@code {\"o}}, {@code \c{c}},
 * {@code \v s}) and as arXiv's submitters write them without a separator ({@code \vskovi} is š + "kovi",
 * {@code \Horincz} is ő + "rincz", {@code \cColak} is Ç + "olak"); letters {@code \ss \o \O \ae \AE \oe \OE \aa \AA
 * \l \L \i \j} (also glued to the word that follows: {@code \Oyvind} is "Øyvind"); an accent on {@code \i} or
 * {@code \j} puts it on i or j; {@code --} and {@code ---} become en and em dashes; {@code ~} and {@code \ } a space;
 * {@code \& \% \_ \# \$ \{ \}} their character; LaTeX's author separator {@code \and} is dropped; grouping braces
 * are removed. Math ({@code $...$}) is kept exactly as written, and so is any other command with its braced argument
 * ({@code \emph{x}}, {@code \LaTeX}), since guessing its meaning could only lose information.
 */
public final class TexText {

    /** Accent commands and the combining mark each puts on the letter after it. */
    private static final Map<Character, Character> ACCENTS = Map.ofEntries(
            Map.entry('\'', '\u0301'), Map.entry('`', '\u0300'), Map.entry('^', '\u0302'), Map.entry('"', '\u0308'),
            Map.entry('~', '\u0303'), Map.entry('=', '\u0304'), Map.entry('.', '\u0307'), Map.entry('c', '\u0327'),
            Map.entry('v', '\u030C'), Map.entry('u', '\u0306'), Map.entry('H', '\u030B'), Map.entry('k', '\u0328'),
            Map.entry('r', '\u030A'), Map.entry('d', '\u0323'), Map.entry('b', '\u0331'));

    /** Letter commands, longest first where one begins another. */
    private static final Map<String, String> LETTERS = Map.ofEntries(
            Map.entry("ss", "ß"), Map.entry("ae", "æ"), Map.entry("AE", "Æ"), Map.entry("oe", "œ"),
            Map.entry("OE", "Œ"), Map.entry("aa", "å"), Map.entry("AA", "Å"), Map.entry("o", "ø"), Map.entry("O", "Ø"),
            Map.entry("l", "ł"), Map.entry("L", "Ł"), Map.entry("i", "ı"), Map.entry("j", "ȷ"));

    /**
     * Common commands that begin like an accent or a letter command ({@code \beta}, {@code \lambda}): never read as
     * a glued accent or letter, but kept as written.
     */
    private static final Set<String> KEPT_COMMANDS = Set.of(
            "beta", "delta", "Delta", "kappa", "chi", "rho", "varrho", "upsilon", "Upsilon", "cite", "cdot", "cdots",
            "circ", "cup", "cap", "check", "char", "copyright", "dots", "ddots", "dot", "ddot", "dagger", "ddagger",
            "bar", "breve", "bf", "bfseries", "big", "bigl", "bigr", "bullet", "boldsymbol", "bmod", "rm", "right",
            "rightarrow", "ref", "raise", "url", "underline", "vec", "vee", "varepsilon", "varphi", "vartheta",
            "ldots", "lambda", "Lambda", "langle", "le", "leq", "left", "leftarrow", "Leftarrow", "log", "lim",
            "label", "large", "Large", "it", "in", "infty", "int", "iota", "otimes", "oplus", "omega", "Omega",
            "over", "overline", "odot", "jmath", "kern", "ker", "LaTeX", "hat", "hbar", "hfill", "hspace", "Huge");

    private static final String ESCAPED_SYMBOLS = "&%_#${}";

    private final String tex;
    private final StringBuilder out;
    private int position;

    private TexText(String tex) {
        this.tex = tex;
        this.out = new StringBuilder(tex.length());
    }

    /** {@code tex} decoded to Unicode in NFC; null stays null. */
    public static String decode(String tex) {
        if (tex == null) {
            return null;
        }
        if (tex.indexOf('\\') < 0 && tex.indexOf('{') < 0 && tex.indexOf('~') < 0 && !tex.contains("--")) {
            return Normalizer.normalize(tex, Normalizer.Form.NFC);
        }
        TexText decoder = new TexText(tex);
        decoder.decodeAll();
        return Normalizer.normalize(decoder.out, Normalizer.Form.NFC);
    }

    private void decodeAll() {
        while (position < tex.length()) {
            char c = tex.charAt(position);
            if (c == '$') {
                copyMath();
            } else if (c == '\\') {
                command();
            } else if (c == '{' || c == '}') {
                position++;
            } else if (c == '~') {
                out.append(' ');
                position++;
            } else if (tex.startsWith("---", position)) {
                out.append('—');
                position += 3;
            } else if (tex.startsWith("--", position)) {
                out.append('–');
                position += 2;
            } else {
                out.append(c);
                position++;
            }
        }
    }

    /** Copies {@code $...$} (or {@code $$...$$}) as it is; an unclosed {@code $} copies the rest. */
    private void copyMath() {
        int start = position;
        int end = position + 1;
        while (end < tex.length() && tex.charAt(end) != '$') {
            end += tex.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(tex.length(), end + 1);
        if (tex.startsWith("$$", start) && end < tex.length() && tex.charAt(end) == '$') {
            end++;
        }
        out.append(tex, start, end);
        position = end;
    }

    private void command() {
        position++;
        if (position >= tex.length()) {
            out.append('\\');
            return;
        }
        char first = tex.charAt(position);
        if (!Character.isLetter(first)) {
            position++;
            if (ACCENTS.containsKey(first)) {
                accent(ACCENTS.get(first));
            } else if (ESCAPED_SYMBOLS.indexOf(first) >= 0) {
                out.append(first);
            } else if (first == ' ' || first == '\\') {
                out.append(' ');
            } else {
                out.append('\\').append(first);
            }
            return;
        }
        int end = position;
        while (end < tex.length() && Character.isLetter(tex.charAt(end)) && tex.charAt(end) < 128) {
            end++;
        }
        String word = tex.substring(position, end);
        if (word.equals("and")) {
            position = end;
            skipSpaces();
        } else if (LETTERS.containsKey(word)) {
            out.append(LETTERS.get(word));
            position = end;
            skipSpaces();
        } else if (!KEPT_COMMANDS.contains(word) && ACCENTS.containsKey(first)) {
            position++;
            accent(ACCENTS.get(first));
        } else if (!KEPT_COMMANDS.contains(word) && gluedLetter(word) != null) {
            String letter = gluedLetter(word);
            out.append(LETTERS.get(letter));
            position += letter.length();
        } else {
            out.append('\\').append(word);
            position = end;
            copyGroup();
        }
    }

    /** The letter command a glued word such as {@code Oyvind} starts with, or null. */
    private static String gluedLetter(String word) {
        for (String letter : new String[] {"ss", "ae", "AE", "oe", "OE", "aa", "AA", "o", "O", "l", "L", "i", "j"}) {
            if (word.startsWith(letter)) {
                return letter;
            }
        }
        return null;
    }

    /** Puts {@code mark} on the next letter: {@code {x}}, {@code \i}, or a character after optional spaces. */
    private void accent(char mark) {
        skipSpaces();
        if (position >= tex.length()) {
            return;
        }
        String letter;
        char c = tex.charAt(position);
        if (c == '{') {
            int close = tex.indexOf('}', position);
            String group = close < 0 ? tex.substring(position + 1) : tex.substring(position + 1, close);
            position = close < 0 ? tex.length() : close + 1;
            letter = dotless(group.strip());
        } else if (c == '\\' && position + 1 < tex.length() && "ij".indexOf(tex.charAt(position + 1)) >= 0) {
            letter = String.valueOf(tex.charAt(position + 1));
            position += 2;
        } else {
            letter = String.valueOf(c);
            position++;
        }
        if (letter.isEmpty()) {
            out.append(mark);
        } else {
            out.append(letter, 0, 1).append(mark).append(letter, 1, letter.length());
        }
    }

    /** {@code \i} and {@code \j} under an accent are i and j. */
    private static String dotless(String group) {
        return group.equals("\\i") ? "i" : group.equals("\\j") ? "j" : group;
    }

    /** After an unknown command: copies its braced argument, braces included, as it is. */
    private void copyGroup() {
        if (position >= tex.length() || tex.charAt(position) != '{') {
            return;
        }
        int depth = 0;
        int start = position;
        do {
            char c = tex.charAt(position++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        } while (depth > 0 && position < tex.length());
        out.append(tex, start, position);
    }

    private void skipSpaces() {
        while (position < tex.length() && tex.charAt(position) == ' ') {
            position++;
        }
    }
}
