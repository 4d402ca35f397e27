package org.bzpeer.profile.author.application;

import java.time.Duration;
import java.util.List;

import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.store.AuthorRecord;
import org.bzpeer.profile.author.store.PageStore;
import org.bzpeer.profile.author.store.PageStore.RecordSummary;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.profile.author.store.WorkFilter;
import org.bzpeer.profile.author.store.WorkListPosition;
import org.bzpeer.profile.author.store.WorkRecord;
import org.bzpeer.profile.engagement.application.Claims;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;

/**
 * Reads a researcher page: the author with description and viewer relation, their works, look-up by external id. The
 * summary a generated description is written from (main topics, venues, years: an aggregate over every work of the
 * author) is kept for {@link #SUMMARY_KEPT} per author and work count, so a page read again costs one look-up of the
 * author row; a work added or disowned changes the count and so the summary at once, a changed topic of a work already
 * listed shows within that time.
 */
@Service
public class ResearcherPages {

    static final Duration SUMMARY_KEPT = Duration.ofMinutes(5);
    private static final int SUMMARIES_KEPT = 100_000;

    private final ProfileStore profiles;
    private final PageStore pages;
    private final Claims claims;
    private final AsyncCache<SummaryKey, RecordSummary> summaries = Caffeine.newBuilder()
            .expireAfterWrite(SUMMARY_KEPT).maximumSize(SUMMARIES_KEPT).buildAsync();

    /** Whose summary, at which number of works. */
    private record SummaryKey(String authorId, long workCount) {
    }

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
                .flatMap(author -> summary(author).flatMap(summary -> {
                    Description description = Description.of(author.description(), summary);
                    if (viewerId == null) {
                        return Mono.just(new Page(author, description, null));
                    }
                    return Mono.zip(pages.follows(authorId, viewerId), owner(authorId))
                            .map(relation -> new Page(author, description, new Viewer(relation.getT1(),
                                    viewerId.equals(relation.getT2()))));
                }));
    }

    private Mono<RecordSummary> summary(AuthorRecord author) {
        return Mono.fromFuture(summaries.get(new SummaryKey(author.authorId(), author.workCount()),
                (key, executor) -> pages.summarize(key.authorId()).toFuture()));
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
