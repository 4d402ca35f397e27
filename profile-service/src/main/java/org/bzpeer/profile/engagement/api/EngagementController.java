package org.bzpeer.profile.engagement.api;

import org.bzpeer.profile.engagement.application.Claims;
import org.bzpeer.profile.engagement.application.Follows;
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

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * Signed-in users' writes on author records (token scope {@code profile:write}; the user is the token's subject).
 * Claim ({@code POST /{id}/claim}): 201 when the user claims it now (or takes over an unverified claim by proving
 * the record's ORCID iD), 200 when it is already theirs (also when they prove its ORCID iD now), otherwise a problem
 * saying why ({@code orcid-required}, {@code orcid-issuer-not-trusted}, {@code orcid-mismatch}: 403;
 * {@code claimed-by-another-user}: 409). The ORCID iD travels in the token's {@code orcid} claim and counts only
 * from a trusted issuer. Release ({@code DELETE /{id}/claim}): 204, idempotent. Follow ({@code PUT /{id}/followers/me})
 * and unfollow ({@code DELETE /{id}/followers/me}): 204, idempotent.
 */
@RestController
@RequestMapping("/api/v1/authors/{id}")
@PreAuthorize("hasAuthority('SCOPE_profile:write')")
class EngagementController {

    private final Claims claims;
    private final Follows follows;

    EngagementController(Claims claims, Follows follows) {
        this.claims = claims;
        this.follows = follows;
    }

    @ApiResponse(responseCode = "201", description = "Claimed now")
    @ApiResponse(responseCode = "200", description = "The user's claim already")
    @PostMapping("/claim")
    Mono<ResponseEntity<Void>> claim(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return claims.claim(id, user.getSubject(), user.getClaimAsString("orcid"), user.getClaimAsString("iss"))
                .map(result -> ResponseEntity.status(result == Claims.ClaimResult.CLAIMED ? HttpStatus.CREATED
                        : HttpStatus.OK).build());
    }

    @ApiResponse(responseCode = "204", description = "Released, or not the user's claim to begin with")
    @DeleteMapping("/claim")
    Mono<ResponseEntity<Void>> release(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return claims.release(id, user.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }

    @ApiResponse(responseCode = "204", description = "The user follows the author")
    @PutMapping("/followers/me")
    Mono<ResponseEntity<Void>> follow(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return follows.follow(id, user.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }

    @ApiResponse(responseCode = "204", description = "The user does not follow the author")
    @DeleteMapping("/followers/me")
    Mono<ResponseEntity<Void>> unfollow(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        return follows.unfollow(id, user.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }
}
