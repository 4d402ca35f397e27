package org.bzpeer.profile.author.api;

import java.util.List;

import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.application.AuthorSearch;
import org.bzpeer.profile.author.application.NameQuery;
import org.bzpeer.profile.author.store.AuthorSearchStore.AuthorHit;
import org.bzpeer.profile.author.store.AuthorSearchStore.SearchPosition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Public author search: {@code GET /api/v1/authors?q=} ranked, filtered by ORCID iD and institution, cursor-paged
 * (limit 1 to 100, default 20); {@code GET /api/v1/authors/autocomplete?q=} a few names for a search box (limit 1 to
 * {@value #MAX_SUGGESTIONS}, default {@value #DEFAULT_SUGGESTIONS}). A query needs at least two letters or digits.
 */
@RestController
@RequestMapping("/api/v1/authors")
class AuthorSearchController {

    static final int DEFAULT_SUGGESTIONS = 8;
    static final int MAX_SUGGESTIONS = 20;

    private final AuthorSearch search;

    AuthorSearchController(AuthorSearch search) {
        this.search = search;
    }

    @GetMapping
    Mono<AuthorSearchPage> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String orcid, @RequestParam(required = false) String institution,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        NameQuery query = query(q);
        int pageSize = Cursor.pageSize(limit);
        SearchPosition after = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 3);
            after = new SearchPosition((int) Cursor.longPart(parts, 0), (int) Cursor.longPart(parts, 1),
                    parts.get(2));
        }
        String orcidFilter = blankToNull(orcid) == null ? null : ExternalIds.normalize("orcid", orcid);
        return search.search(query, orcidFilter, blankToNull(institution), after, pageSize + 1)
                .map(hits -> page(hits, pageSize));
    }

    @GetMapping("/autocomplete")
    Mono<AuthorSuggestions> autocomplete(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit) {
        NameQuery query = query(q);
        int size = limit == null ? DEFAULT_SUGGESTIONS : limit;
        if (size < 1 || size > MAX_SUGGESTIONS) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_SUGGESTIONS);
        }
        return search.suggest(query, size).map(AuthorSuggestions::from);
    }

    private static NameQuery query(String q) {
        NameQuery query = NameQuery.parse(q);
        String problem = query.problem();
        if (problem != null) {
            throw ProblemException.invalid("q", problem);
        }
        return query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static AuthorSearchPage page(List<AuthorHit> hits, int pageSize) {
        boolean more = hits.size() > pageSize;
        List<AuthorHit> items = more ? hits.subList(0, pageSize) : hits;
        SearchPosition last = items.isEmpty() ? null : items.get(items.size() - 1).position();
        String next = more ? Cursor.encode(last.tier(), last.workCount(), last.authorId()) : null;
        return new AuthorSearchPage(items.stream().map(AuthorSearchPage.Hit::from).toList(), next);
    }
}
