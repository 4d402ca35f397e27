package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.profile.author.store.NameTokens;

/**
 * A name as a client typed it, folded into the tokens names are stored by. "Last, First" is read as "First Last"
 * (one comma): "Wu, Carole-Jean" gives {@code [carole, jean, wu]}.
 */
public record NameQuery(List<String> tokens) {

    /** Fewer letters and digits than this, in all tokens together, is too short a query. */
    public static final int MIN_CHARACTERS = 2;
    /** More tokens than this is not a name. */
    public static final int MAX_TOKENS = 12;

    public static NameQuery parse(String typed) {
        String text = typed == null ? "" : typed;
        int comma = text.indexOf(',');
        if (comma >= 0 && comma == text.lastIndexOf(',')) {
            text = text.substring(comma + 1) + " " + text.substring(0, comma);
        }
        return new NameQuery(NameTokens.of(text));
    }

    /** Why the query cannot be run, or null when it can. */
    public String problem() {
        int characters = tokens.stream().mapToInt(token -> token.codePointCount(0, token.length())).sum();
        if (characters < MIN_CHARACTERS) {
            return "must hold at least " + MIN_CHARACTERS + " letters or digits";
        }
        if (tokens.size() > MAX_TOKENS) {
            return "must hold at most " + MAX_TOKENS + " words";
        }
        return null;
    }
}
