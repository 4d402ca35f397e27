package org.bzpeer.profile.author.api;

import java.util.List;

import org.bzpeer.profile.author.store.AuthorSearchStore.Suggestion;

/** Names for a search box, most works first: only what a list of suggestions shows. */
record AuthorSuggestions(List<Item> items) {

    record Item(String id, String name, int works) {
    }

    static AuthorSuggestions from(List<Suggestion> suggestions) {
        return new AuthorSuggestions(suggestions.stream()
                .map(suggestion -> new Item(suggestion.authorId(), suggestion.displayName(), suggestion.workCount()))
                .toList());
    }
}
