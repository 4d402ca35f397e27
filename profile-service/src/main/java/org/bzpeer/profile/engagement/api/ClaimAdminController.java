package org.bzpeer.profile.engagement.api;

import org.bzpeer.profile.engagement.application.Claims;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * Operators' handling of claims (token scope {@code ops:admin}): {@code POST /api/v1/admin/authors/{id}/claim/revoke}
 * with an optional {@code {"reason": "..."}} unclaims the author (204) and publishes {@code author.claim.revoked};
 * an author without a claim is a 404 problem {@code not-claimed}.
 */
@RestController
@PreAuthorize("hasAuthority('SCOPE_ops:admin')")
class ClaimAdminController {

    /** Body of a revocation. */
    record Revocation(@Size(max = 1000) String reason) {
    }

    private final Claims claims;

    ClaimAdminController(Claims claims) {
        this.claims = claims;
    }

    @ApiResponse(responseCode = "204", description = "Revoked: the author is unclaimed")
    @PostMapping("/api/v1/admin/authors/{id}/claim/revoke")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id, @AuthenticationPrincipal Jwt operator,
            @RequestBody(required = false) @Valid Revocation body) {
        return claims.revoke(id, operator.getSubject(), body == null ? null : body.reason())
                .thenReturn(ResponseEntity.noContent().build());
    }
}
