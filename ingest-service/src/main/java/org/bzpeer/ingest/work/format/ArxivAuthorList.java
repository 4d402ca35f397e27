package org.bzpeer.ingest.work.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the one-string author list of arXiv's {@code arXivRaw} records ("A. Author, B. Author and C. Author") into
 * names, in order. Names are separated by commas and by the word "and" outside parentheses; a part that is only a
 * generational suffix ("Jr.", "III") belongs to the name before it; text in parentheses after a name is that author's
 * affiliation ("A. Author (MIT)"), except numbered footnote keys ("(1)", "(1,2)") and a trailing list of numbered
 * affiliations ("((1) MIT, (2) CERN)"), which cannot be attributed without guessing and are dropped.
 */
final class ArxivAuthorList {

    /** One author: the name as written (TeX not yet decoded) and its affiliations. */
    record Author(String name, List<String> affiliations) {
    }

    private static final Pattern SUFFIX = Pattern.compile("(?:Jr|Sr)\\.?|I{2,3}|IV", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOOTNOTE_KEYS = Pattern.compile("[\\d\\s,;*]+");
    private static final Pattern AND = Pattern.compile("\\s+and\\s+|\\s*,\\s*and\\s+");

    private ArxivAuthorList() {
    }

    static List<Author> split(String authors) {
        List<Author> out = new ArrayList<>();
        for (String part : topLevelParts(Normalize.text(authors) == null ? "" : Normalize.text(authors))) {
            StringBuilder name = new StringBuilder();
            List<String> affiliations = new ArrayList<>();
            int depth = 0;
            int groupStart = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '(' && depth++ == 0) {
                    groupStart = i + 1;
                } else if (c == ')' && depth > 0 && --depth == 0) {
                    String group = part.substring(groupStart, i).strip();
                    if (!group.startsWith("(") && !FOOTNOTE_KEYS.matcher(group).matches() && !group.isEmpty()) {
                        affiliations.add(group);
                    }
                } else if (depth == 0) {
                    name.append(c);
                }
            }
            String cleaned = name.toString().strip();
            if (SUFFIX.matcher(cleaned).matches() && !out.isEmpty()) {
                Author previous = out.remove(out.size() - 1);
                List<String> all = new ArrayList<>(previous.affiliations());
                all.addAll(affiliations);
                out.add(new Author(previous.name() + " " + cleaned, all));
            } else if (!cleaned.isEmpty()) {
                out.add(new Author(cleaned, affiliations));
            }
        }
        return out;
    }

    /** The list cut at commas and "and" outside parentheses and braces. */
    private static List<String> topLevelParts(String authors) {
        String separated = separateAnds(authors);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < separated.length(); i++) {
            char c = separated.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(separated.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(separated.substring(start));
        return parts;
    }

    /** Every " and " outside parentheses and braces replaced by a comma. */
    private static String separateAnds(String authors) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < authors.length()) {
            char c = authors.charAt(i);
            var and = AND.matcher(authors).region(i, authors.length());
            if (depth == 0 && and.lookingAt()) {
                out.append(',');
                i = and.end();
                continue;
            }
            depth += c == '(' || c == '{' ? 1 : (c == ')' || c == '}') && depth > 0 ? -1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
