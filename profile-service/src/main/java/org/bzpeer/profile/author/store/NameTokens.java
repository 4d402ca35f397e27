package org.bzpeer.profile.author.store;

import java.util.ArrayList;
import java.util.List;

import org.bzpeer.kit.text.Names;

/**
 * The tokens a name is searched by: its {@link Names#matchKey match key} (lower case, accents and dashes folded)
 * without apostrophes, split into runs of letters and digits. "Carolé-Jean Wu" gives {@code [carole, jean, wu]},
 * "C.-J. Wu" {@code [c, j, wu]}, "O’Brien" {@code [obrien]}. Stored per author, and applied to queries, so both
 * sides fold alike.
 */
public final class NameTokens {

    private NameTokens() {
    }

    public static List<String> of(String name) {
        String key = Names.matchKey(name).replace("'", "");
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < key.length(); ) {
            int codePoint = key.codePointAt(i);
            boolean inToken = Character.isLetterOrDigit(codePoint);
            if (inToken && start < 0) {
                start = i;
            } else if (!inToken && start >= 0) {
                tokens.add(key.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(key.substring(start));
        }
        return tokens;
    }
}
