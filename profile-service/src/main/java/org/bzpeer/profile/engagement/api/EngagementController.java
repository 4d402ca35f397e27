package org.bzpeer.profile.engagement.api;

import org.bzpeer.profile.engagement.application.Engagement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Signed-in users' writes on author records (token scope {@code profile:write}; the user is the token's subject):
 * claim an author ({@code POST /{id}/claim}: 201 when claimed now, 200 when already yours, 409 when another user's)
 * and follow ({@code PUT /{id}/followers/me}) or unfollow ({@code DELETE /{id}/followers/me}), both idempotent.
 * An ORCID iD the identity provider verified travels in the token's {@code orcid} claim.
 */
@RestController
@RequestMapping("/api/v1/authors/{id}")
@PreAuthorize("hasAuthority('SCOPE_profile:write')")
class EngagementController {

    private final Engagement engagement;

    EngagementController(Engagement engagement) {
        this.engagement = engagement;
    }

    @PostMapping("/claim")
    Mono<ResponseEntity<Void>> claim(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return engagement.claim(id, user.getSubject(), user.getClaimAsString("orcid"))
                .map(change -> ResponseEntity.status(change == Engagement.Change.CHANGED ? HttpStatus.CREATED
                        : HttpStatus.OK).build());
    }

    @PutMapping("/followers/me")
    Mono<ResponseEntity<Void>> follow(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return engagement.follow(id, user.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }

    @DeleteMapping("/followers/me")
    Mono<ResponseEntity<Void>> unfollow(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return engagement.unfollow(id, user.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }
}
