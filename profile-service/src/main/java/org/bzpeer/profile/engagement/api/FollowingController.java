package org.bzpeer.profile.engagement.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.engagement.application.Follows;
import org.bzpeer.profile.engagement.store.EngagementStore.FollowedAuthor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/me/following?cursor=&limit=}: the authors the signed-in user (token scope {@code profile:write})
 * follows, most recently followed first, cursor-paged; {@code nextCursor} is null on the last page.
 */
@RestController
@PreAuthorize("hasAuthority('SCOPE_profile:write')")
class FollowingController {

    /** One followed author. */
    record FollowedItem(String authorId, String name, Instant followedAt) {
    }

    /** A page of followed authors. */
    record FollowingResponse(List<FollowedItem> items, String nextCursor) {
    }

    private final Follows follows;

    FollowingController(Follows follows) {
        this.follows = follows;
    }

    @GetMapping("/api/v1/me/following")
    Mono<FollowingResponse> following(@AuthenticationPrincipal Jwt user, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int pageSize = Cursor.pageSize(limit);
        Instant afterAt = null;
        String afterAuthor = null;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 2);
            afterAt = instant(parts.get(0));
            afterAuthor = parts.get(1);
        }
        return follows.following(user.getSubject(), afterAt, afterAuthor, pageSize).map(page -> {
            List<FollowedItem> items = page.items().stream()
                    .map(row -> new FollowedItem(row.authorId(), row.name(), row.followedAt())).toList();
            FollowedAuthor last = page.more() ? page.items().get(page.items().size() - 1) : null;
            String next = last == null ? null : Cursor.encode(last.followedAt(), last.authorId());
            return new FollowingResponse(items, next);
        });
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
        }
    }
}
