package org.bzpeer.graph.coauthorship.api;

import org.bzpeer.graph.coauthorship.application.AuthorExplorer;
import org.bzpeer.graph.coauthorship.application.CollaborationPaths;
import org.bzpeer.graph.coauthorship.application.UnknownAuthorException;
import org.bzpeer.graph.coauthorship.model.CollaborationPath;
import org.bzpeer.graph.coauthorship.model.Neighbourhood;
import org.bzpeer.graph.coauthorship.model.RankedEntries;
import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

/**
 * Public read API of the research-graph explorer: an author's ranked topics and institutions, a bounded
 * neighbourhood, and the collaboration distance between two authors. Limits outside their range are 400 problems
 * naming the parameter; an unknown author is a 404 problem.
 */
@RestController
@RequestMapping("/api/v1")
class ExplorerController {

    static final int DEFAULT_NEIGHBOURHOOD_LIMIT = 25;
    static final int MAX_NEIGHBOURHOOD_LIMIT = 100;

    private final AuthorExplorer explorer;
    private final CollaborationPaths paths;

    ExplorerController(AuthorExplorer explorer, CollaborationPaths paths) {
        this.explorer = explorer;
        this.paths = paths;
    }

    @Operation(summary = "An author's topics, most of their works first",
            description = "Each topic with the author's works listing it and the first and last year among them; "
                    + "ties go to the most recent, then the topic id. `total` counts all the author's topics.")
    @GetMapping("/authors/{id}/topics")
    Mono<RankedEntries> topics(@PathVariable String id,
            @Parameter(description = "How many topics, 1-100 (default 20)") @RequestParam(required = false)
            String limit) {
        return known(explorer.topics(id, Cursor.pageSize(number("limit", limit))));
    }

    @Operation(summary = "An author's institutions, most of their works first",
            description = "Institutions of the author's own authorships, ranked and counted as topics are.")
    @GetMapping("/authors/{id}/institutions")
    Mono<RankedEntries> institutions(@PathVariable String id,
            @Parameter(description = "How many institutions, 1-100 (default 20)") @RequestParam(required = false)
            String limit) {
        return known(explorer.institutions(id, Cursor.pageSize(number("limit", limit))));
    }

    @Operation(summary = "A bounded neighbourhood of an author, for an explorer",
            description = "Nodes (author, work, topic, institution; label, weight) and edges (coauthor, authored, "
                    + "topic, affiliation; weight), the most significant first, at most `limit` nodes of each kind "
                    + "and 4 x `limit` links among co-authors; `omitted` says how many of each kind were left out. "
                    + "Depth 2 adds the co-authors' strongest co-authors; `omittedIsExact` is false when only the "
                    + "strongest co-authors of some co-author were read.")
    @GetMapping("/authors/{id}/graph")
    Mono<Neighbourhood> graph(@PathVariable String id,
            @Parameter(description = "1: the author's own neighbourhood; 2: with co-authors' co-authors (default 1)")
            @RequestParam(required = false) String depth,
            @Parameter(description = "Most nodes of each kind, 1-100 (default 25)") @RequestParam(required = false)
            String limit) {
        Integer requestedDepth = number("depth", depth);
        int hops = requestedDepth == null ? 1 : requestedDepth;
        if (hops != 1 && hops != 2) {
            throw ProblemException.invalid("depth", "must be 1 or 2");
        }
        Integer requestedLimit = number("limit", limit);
        int size = requestedLimit == null ? DEFAULT_NEIGHBOURHOOD_LIMIT : requestedLimit;
        if (size < 1 || size > MAX_NEIGHBOURHOOD_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_NEIGHBOURHOOD_LIMIT);
        }
        return known(explorer.neighbourhood(id, hops, size));
    }

    @Operation(summary = "The collaboration distance between two authors",
            description = "A shortest chain of co-authorships from `from` to `to` of at most `maxHops` steps, each "
                    + "with the works its two authors share (the most recent first). When there is none, a 200 "
                    + "with `connected: false`; `searchComplete` is false if the search stopped at its frontier "
                    + "limit first.")
    @GetMapping("/graph/path")
    Mono<CollaborationPath> path(
            @Parameter(description = "Author id where the chain starts", required = true)
            @RequestParam(required = false) String from,
            @Parameter(description = "Author id where the chain ends", required = true)
            @RequestParam(required = false) String to,
            @Parameter(description = "Longest chain looked for, 1-6 (default 6)") @RequestParam(required = false)
            String maxHops) {
        required("from", from);
        required("to", to);
        Integer requestedHops = number("maxHops", maxHops);
        int hops = requestedHops == null ? CollaborationPaths.MAX_HOPS : requestedHops;
        if (hops < 1 || hops > CollaborationPaths.MAX_HOPS) {
            throw ProblemException.invalid("maxHops", "must be between 1 and " + CollaborationPaths.MAX_HOPS);
        }
        return known(paths.find(from, to, hops));
    }

    /** The whole number {@code value} of parameter {@code field}, or null when absent. */
    private static Integer number(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
    }

    private static <T> Mono<T> known(Mono<T> answer) {
        return answer.onErrorMap(UnknownAuthorException.class,
                unknown -> ProblemException.notFound("Author", unknown.authorId()));
    }
}
