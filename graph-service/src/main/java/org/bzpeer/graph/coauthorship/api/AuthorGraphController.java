package org.bzpeer.graph.coauthorship.api;

import java.util.List;

import org.bzpeer.graph.coauthorship.api.CollaboratorPage.AuthorRef;
import org.bzpeer.graph.coauthorship.api.CollaboratorPage.Collaborator;
import org.bzpeer.graph.coauthorship.application.GraphProperties;
import org.bzpeer.graph.coauthorship.store.AuthorSummaryRecord;
import org.bzpeer.graph.coauthorship.store.CollaboratorRecord;
import org.bzpeer.graph.coauthorship.store.GraphStore;
import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Public read API of the co-authorship graph: an author's collaborators (keyset-paged by shared works, then author
 * id) and their neighbourhood summary. An author is known once any work lists them; an unknown one is a 404 problem.
 */
@RestController
@RequestMapping("/api/v1/authors")
class AuthorGraphController {

    private final GraphStore store;
    private final GraphProperties properties;

    AuthorGraphController(GraphStore store, GraphProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @GetMapping("/{id}/collaborators")
    Mono<CollaboratorPage> collaborators(@PathVariable String id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int pageSize = Cursor.pageSize(limit);
        Long afterShared = null;
        String afterAuthor = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 2);
            afterShared = Cursor.longPart(parts, 0);
            afterAuthor = parts.get(1);
        }
        Long shared = afterShared;
        String author = afterAuthor;
        return known(id).flatMap(summary -> store.findCollaborators(id, shared, author, pageSize + 1)
                .map(rows -> page(rows, pageSize, summary.coauthorCount())));
    }

    @GetMapping("/{id}/graph-summary")
    Mono<GraphSummary> graphSummary(@PathVariable String id) {
        return known(id).map(GraphSummary::from);
    }

    private Mono<AuthorSummaryRecord> known(String id) {
        return store.findAuthor(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", id)));
    }

    private CollaboratorPage page(List<CollaboratorRecord> rows, int pageSize, long total) {
        boolean more = rows.size() > pageSize;
        List<CollaboratorRecord> items = more ? rows.subList(0, pageSize) : rows;
        CollaboratorRecord last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = more ? Cursor.encode(last.sharedWorks(), last.authorId()) : null;
        int closeFrom = properties.closeCollaboratorMinSharedWorks();
        return new CollaboratorPage(items.stream()
                .map(row -> new Collaborator(new AuthorRef(row.authorId(), row.name()), row.sharedWorks(),
                        row.firstSharedYear(), row.lastSharedYear(), row.sharedWorks() >= closeFrom))
                .toList(), next, total);
    }
}
