package org.bzpeer.profile.author.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.bzpeer.kit.web.ConditionalGet;
import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.application.MergedAuthorException;
import org.bzpeer.profile.author.application.OwnerEdits;
import org.bzpeer.profile.author.application.ResearcherPages;
import org.bzpeer.profile.author.store.WorkFilter;
import org.bzpeer.profile.author.store.WorkListPosition;
import org.bzpeer.profile.author.store.WorkRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The researcher page API: a profile (as a signed-in reader sees it when a token is sent), its works (filtered,
 * cursor-paged), look-up by external id, and the owner's edits ({@code PATCH}, a JSON merge patch). Reads carry an
 * entity tag and answer 304 to a matching {@code If-None-Match}.
 */
@RestController
@RequestMapping("/api/v1/authors")
class AuthorController {

    /** Earliest and latest publication year a works filter accepts. */
    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 2100;

    private final ResearcherPages pages;
    private final OwnerEdits edits;
    private final ConditionalGet conditionalGet;

    AuthorController(ResearcherPages pages, OwnerEdits edits, ConditionalGet conditionalGet) {
        this.pages = pages;
        this.edits = edits;
        this.conditionalGet = conditionalGet;
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<AuthorProfile>> author(@PathVariable String id, @AuthenticationPrincipal Jwt viewer,
            ServerWebExchange exchange) {
        return pages.page(id, viewer == null ? null : viewer.getSubject())
                .map(page -> conditionalGet.respond(exchange, AuthorProfile.from(page)));
    }

    @GetMapping("/{id}/works")
    Mono<ResponseEntity<WorkPage>> works(@PathVariable String id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo, @RequestParam(required = false) List<String> type,
            @AuthenticationPrincipal Jwt viewer, ServerWebExchange exchange) {
        int pageSize = Cursor.pageSize(limit);
        checkYear("yearFrom", yearFrom);
        checkYear("yearTo", yearTo);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw ProblemException.invalid("yearFrom", "must not be after yearTo");
        }
        WorkListPosition after = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 3);
            after = new WorkListPosition((int) Cursor.longPart(parts, 0), parts.get(1), parts.get(2));
        }
        WorkFilter filter = new WorkFilter(yearFrom, yearTo, type == null ? List.of() : type);
        return pages.works(id, viewer == null ? null : viewer.getSubject(), filter, after, pageSize + 1)
                .map(rows -> conditionalGet.respond(exchange, page(rows, pageSize)));
    }

    /** A read of a merged author: 308 to the same path and query under the survivor (see MergedAuthorRedirects). */
    @ExceptionHandler(MergedAuthorException.class)
    ResponseEntity<Void> merged(MergedAuthorException merged, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                .location(MergedAuthorRedirects.survivorLocation(exchange.getRequest(), merged.survivorId()))
                .build();
    }

    /**
     * The owner's edit as the API document describes it: the fields a merge patch may hold. The handler reads the
     * patch as JSON itself, to tell a field set to null from one left out.
     */
    record AuthorEdit(String description, Boolean openToCollaborate, List<String> notMyWork) {
    }

    /**
     * The owner's edit, a JSON merge patch: {@code description} (text, or null for the generated one),
     * {@code openToCollaborate} (boolean), {@code notMyWork} (work ids listed for the author). Answers the page.
     */
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @PreAuthorize("hasAuthority('SCOPE_profile:write')")
    Mono<AuthorProfile> edit(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "A JSON merge patch; fields left out "
                    + "stay as they are, a null description goes back to the generated one",
                    content = @Content(schema = @Schema(implementation = AuthorEdit.class)))
            @RequestBody JsonNode patch, @AuthenticationPrincipal Jwt user) {
        OwnerEdits.Edit edit = parseEdit(patch);
        return edits.edit(id, user.getSubject(), edit)
                .then(pages.page(id, user.getSubject()))
                .map(page -> AuthorProfile.from(page));
    }

    @ApiResponse(responseCode = "303", description = "Location names the author")
    @GetMapping("/by-external-id/{scheme}/{*value}")
    Mono<ResponseEntity<Void>> byExternalId(@PathVariable String scheme, @PathVariable String value) {
        String normalized = ExternalIds.normalize(scheme, value.startsWith("/") ? value.substring(1) : value);
        return pages.authorIdByExternalId(scheme.toLowerCase(), normalized)
                .map(authorId -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/api/v1/authors/" + authorId)).<Void>build())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", scheme + ":" + normalized)));
    }

    private static OwnerEdits.Edit parseEdit(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("$", "a JSON object (merge patch) is required");
        }
        for (String field : patch.propertyNames()) {
            if (!List.of("description", "openToCollaborate", "notMyWork").contains(field)) {
                throw ProblemException.invalid(field, "not an editable field (description, openToCollaborate, "
                        + "notMyWork)");
            }
        }
        JsonNode description = patch.get("description");
        if (description != null && !description.isNull() && !description.isString()) {
            throw ProblemException.invalid("description", "must be a string or null");
        }
        JsonNode open = patch.get("openToCollaborate");
        if (open != null && !open.isBoolean()) {
            throw ProblemException.invalid("openToCollaborate", "must be true or false");
        }
        List<String> notMyWork = new ArrayList<>();
        JsonNode works = patch.get("notMyWork");
        if (works != null) {
            if (!works.isArray()) {
                throw ProblemException.invalid("notMyWork", "must be an array of work ids");
            }
            for (int i = 0; i < works.size(); i++) {
                if (!works.get(i).isString()) {
                    throw ProblemException.invalid("notMyWork[" + i + "]", "must be a work id");
                }
                notMyWork.add(works.get(i).asString());
            }
        }
        return new OwnerEdits.Edit(description != null,
                description == null || description.isNull() ? null : description.asString(),
                open == null ? null : open.asBoolean(), notMyWork);
    }

    private static void checkYear(String field, Integer year) {
        if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
            throw ProblemException.invalid(field, "must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    private WorkPage page(List<WorkRecord> rows, int pageSize) {
        boolean more = rows.size() > pageSize;
        List<WorkRecord> items = more ? rows.subList(0, pageSize) : rows;
        WorkRecord last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = more ? Cursor.encode(last.position().sortYear(), last.position().sortTitle(),
                last.position().workId()) : null;
        return new WorkPage(items.stream().map(WorkItem::from).toList(), next);
    }
}
