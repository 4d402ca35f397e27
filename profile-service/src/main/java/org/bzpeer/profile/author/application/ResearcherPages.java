package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.store.AuthorRecord;
import org.bzpeer.profile.author.store.PageStore;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.profile.author.store.WorkFilter;
import org.bzpeer.profile.author.store.WorkListPosition;
import org.bzpeer.profile.author.store.WorkRecord;
import org.bzpeer.profile.engagement.application.Claims;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Reads a researcher page: the author with description and viewer relation, their works, look-up by external id. */
@Service
public class ResearcherPages {

    private final ProfileStore profiles;
    private final PageStore pages;
    private final Claims claims;

    public ResearcherPages(ProfileStore profiles, PageStore pages, Claims claims) {
        this.profiles = profiles;
        this.pages = pages;
        this.claims = claims;
    }

    /** What a signed-in viewer is to the author. */
    public record Viewer(boolean following, boolean owner) {
    }

    /** A researcher page; {@code viewer} is null for anonymous readers. */
    public record Page(AuthorRecord author, Description description, Viewer viewer) {
    }

    /** The page of {@code authorId} as {@code viewerId} (null when anonymous) sees it; a 404 problem if unknown. */
    public Mono<Page> page(String authorId, String viewerId) {
        return profiles.findAuthor(authorId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                .flatMap(author -> pages.summarize(authorId).flatMap(summary -> {
                    Description description = Description.of(author.description(), summary);
                    if (viewerId == null) {
                        return Mono.just(new Page(author, description, null));
                    }
                    return Mono.zip(pages.follows(authorId, viewerId), owner(authorId))
                            .map(relation -> new Page(author, description, new Viewer(relation.getT1(),
                                    viewerId.equals(relation.getT2()))));
                }));
    }

    /** Up to {@code limit} works of {@code authorId} that {@code filter} admits, after {@code after}. */
    public Mono<List<WorkRecord>> works(String authorId, WorkFilter filter, WorkListPosition after, int limit) {
        return profiles.findAuthor(authorId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                .then(profiles.findWorks(authorId, filter, after, limit));
    }

    /** The author known by external id {@code scheme}/{@code value}, if any. */
    public Mono<String> authorIdByExternalId(String scheme, String value) {
        return profiles.findAuthorIdByExternalId(scheme, value);
    }

    /** The user who owns {@code authorId} (its claimant), or "" when nobody does. */
    Mono<String> owner(String authorId) {
        return claims.owner(authorId).defaultIfEmpty("");
    }
}
