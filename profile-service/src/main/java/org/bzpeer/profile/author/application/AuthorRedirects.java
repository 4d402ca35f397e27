package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.kit.authors.RetiredAuthors;
import org.bzpeer.profile.engagement.application.Claims;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Where a request for a merged author goes: to the survivor (through chains of merges), except for the owner of a
 * claim that stayed on the merged author (the merge rule kept it there), who keeps seeing and acting on it.
 */
@Service
public class AuthorRedirects {

    private final RetiredAuthors retired;
    private final Claims claims;

    public AuthorRedirects(DatabaseClient database, Claims claims) {
        this.retired = new RetiredAuthors(database, "retired_author");
        this.claims = claims;
    }

    /**
     * The author a request for {@code authorId} by {@code viewerId} (empty when anonymous) is sent to; empty when it
     * is served as asked.
     */
    public Mono<String> survivorFor(String authorId, Mono<String> viewerId) {
        return retired.survivors(List.of(authorId)).flatMap(survivors -> {
            String survivor = survivors.get(authorId);
            if (survivor == null) {
                return Mono.empty();
            }
            return Mono.zip(claims.owner(authorId).defaultIfEmpty(""), viewerId.defaultIfEmpty(""))
                    .filter(owner -> owner.getT1().isEmpty() || !owner.getT1().equals(owner.getT2()))
                    .map(notOwner -> survivor);
        });
    }
}
