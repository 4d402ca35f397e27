package org.bzpeer.profile.author.api;

import java.net.URI;
import java.util.List;

import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.profile.author.store.WorkListPosition;
import org.bzpeer.profile.author.store.WorkRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Public read API of researcher profiles: a profile, its works (cursor-paged), and look-up by external id. */
@RestController
@RequestMapping("/api/v1/authors")
class AuthorController {

    private final ProfileStore store;
    private final JsonMapper json;

    AuthorController(ProfileStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping("/{id}")
    Mono<AuthorProfile> author(@PathVariable String id) {
        return store.findAuthor(id)
                .map(AuthorProfile::from)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", id)));
    }

    @GetMapping("/{id}/works")
    Mono<WorkPage> works(@PathVariable String id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int pageSize = Cursor.pageSize(limit);
        WorkListPosition after = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 3);
            after = new WorkListPosition((int) Cursor.longPart(parts, 0), parts.get(1), parts.get(2));
        }
        return store.findAuthor(id)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", id)))
                .then(store.findWorks(id, after, pageSize + 1))
                .map(rows -> page(rows, pageSize));
    }

    @GetMapping("/by-external-id/{scheme}/{*value}")
    Mono<ResponseEntity<Void>> byExternalId(@PathVariable String scheme, @PathVariable String value) {
        String normalized = ExternalIds.normalize(scheme, value.startsWith("/") ? value.substring(1) : value);
        return store.findAuthorIdByExternalId(scheme.toLowerCase(), normalized)
                .map(authorId -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/api/v1/authors/" + authorId)).<Void>build())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", scheme + ":" + normalized)));
    }

    private WorkPage page(List<WorkRecord> rows, int pageSize) {
        boolean more = rows.size() > pageSize;
        List<WorkRecord> items = more ? rows.subList(0, pageSize) : rows;
        WorkRecord last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = more ? Cursor.encode(last.position().sortYear(), last.position().sortTitle(),
                last.position().workId()) : null;
        return new WorkPage(items.stream().map(row -> WorkItem.from(row, json)).toList(), next);
    }
}
