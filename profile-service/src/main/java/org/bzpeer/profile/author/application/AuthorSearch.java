package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.profile.author.store.AuthorSearchStore;
import org.bzpeer.profile.author.store.AuthorSearchStore.AuthorHit;
import org.bzpeer.profile.author.store.AuthorSearchStore.SearchPosition;
import org.bzpeer.profile.author.store.AuthorSearchStore.Suggestion;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Finding authors by name: a ranked, filtered and paged search, and suggestions while a name is typed. Both fold the
 * query as the projection folds names ({@link NameQuery}), so accents, case, dashes, initials and word order do not
 * matter.
 */
@Service
public class AuthorSearch {

    private final AuthorSearchStore store;

    public AuthorSearch(AuthorSearchStore store) {
        this.store = store;
    }

    /**
     * Authors matching {@code query}: exact names first, then names matching every word (initials included) in any
     * order, then names some word only begins; ties by works, then id. {@code limit + 1} are asked for, so a caller
     * can tell whether a page follows.
     *
     * @param orcid       only the author with this ORCID iD, or null
     * @param institution only authors whose affiliation has this id or a name containing it, or null
     * @param after       the position of the last hit of the previous page, or null
     */
    public Mono<List<AuthorHit>> search(NameQuery query, String orcid, String institution, SearchPosition after,
            int limit) {
        return store.search(query.tokens(), orcid, institution, after, limit);
    }

    /** Up to {@code limit} authors with a name word beginning with each word of {@code query}, most works first. */
    public Mono<List<Suggestion>> suggest(NameQuery query, int limit) {
        return store.suggest(query.tokens(), limit);
    }
}
