package org.bzpeer.trust.assessment.api;

import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.trust.assessment.application.TrustService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Public read API of trust: an author's current score, band, verification level and the components explaining it. */
@RestController
@RequestMapping("/api/v1/authors")
class TrustController {

    private final TrustService trust;

    TrustController(TrustService trust) {
        this.trust = trust;
    }

    @GetMapping("/{id}/trust")
    Mono<AuthorTrust> trust(@PathVariable String id) {
        return trust.current(id)
                .map(AuthorTrust::from)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", id)));
    }
}
