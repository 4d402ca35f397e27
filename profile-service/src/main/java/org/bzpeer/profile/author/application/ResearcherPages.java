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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import reactor.core.publisher.Mono;

/**
 * Reads a researcher page: the author with description and viewer relation, their works, look-up by external id.
 *
 * <p>A page read again costs one look-up of the author's page revision, together with whether the author was merged:
 * each instance keeps the pages it built (at most {@value #PAGES_KEPT}, each for {@link #SUMMARY_KEPT}) with the
 * revision they were built at, and serves one only while the stored revision is still that one. Invariant: the revision
 * changes in the same transaction as anything the page shows (database triggers, migration V8), and it is read afresh
 * on every request, after any write that request's caller saw acknowledged, whichever instance took the write; so a
 * follow, claim, edit, trust or graph update, or a work added or disowned shows on the next read from any instance,
 * never a page from before it. The one exception is the summary a generated description is written from (main topics,
 * venues, years: an aggregate over every work of the author), kept per author and work count: a work added or disowned
 * changes the count and so the summary at once, a changed topic of a work already listed shows within {@link
 * #SUMMARY_KEPT}.
 *
 * <p>Works lists are kept the same way, per author, filter, position and length (at most about {@value
 * #WORKS_KEPT_BYTES} bytes of them): the page revision also changes with any work of the author, added, changed,
 * removed or disowned, so a kept list is served only while it is still the list.
 */
@Service
public class ResearcherPages {

    static final Duration SUMMARY_KEPT = Duration.ofMinutes(5);
    private static final int SUMMARIES_KEPT = 100_000;
    static final int PAGES_KEPT = 50_000;
    static final long WORKS_KEPT_BYTES = 64L << 20;

    private final ProfileStore profiles;
    private final PageStore pages;
    private final Claims claims;
    private final AuthorRedirects redirects;
    private final AsyncCache<SummaryKey, MadeSummary> summaries = Caffeine.newBuilder()
            .expireAfterWrite(SUMMARY_KEPT).maximumSize(SUMMARIES_KEPT).buildAsync();
    /** A page goes when the summary it was written from does, so a description is never older than that. */
    private final Cache<String, BuiltPage> built = Caffeine.newBuilder()
            .expireAfter(Expiry.writing((String authorId, BuiltPage page) -> page.summary().timeLeft()))
            .maximumSize(PAGES_KEPT).build();

    private final Cache<WorksKey, KeptWorks> keptWorks = Caffeine.newBuilder()
            .maximumWeight(WORKS_KEPT_BYTES).weigher((WorksKey key, KeptWorks kept) -> kept.approximateBytes())
            .build();

    /** Which list: whose works, filtered how, after which position, how many. */
    private record WorksKey(String authorId, WorkFilter filter, WorkListPosition after, int limit) {
    }

    /** A works list read at or after page revision {@code revision}. */
    private record KeptWorks(long revision, List<WorkRecord> works) {

        int approximateBytes() {
            return works.stream().mapToInt(WorkRecord::approximateBytes).sum();
        }
    }

    /** Whose summary, at which number of works. */
    private record SummaryKey(String authorId, long workCount) {
    }

    /** A summary and when it was made ({@link System#nanoTime()}). */
    private record MadeSummary(RecordSummary summary, long madeAt) {

        Duration timeLeft() {
            Duration left = SUMMARY_KEPT.minusNanos(System.nanoTime() - madeAt);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** An author's page as anyone sees it, built at {@code author.pageRevision()} from {@code summary}. */
    private record BuiltPage(AuthorRecord author, Description description, MadeSummary summary) {
    }

    public ResearcherPages(ProfileStore profiles, PageStore pages, Claims claims, AuthorRedirects redirects) {
        this.profiles = profiles;
        this.pages = pages;
        this.claims = claims;
        this.redirects = redirects;
    }

    /** What a signed-in viewer is to the author. */
    public record Viewer(boolean following, boolean owner) {
    }

    /** A researcher page; {@code viewer} is null for anonymous readers. */
    public record Page(AuthorRecord author, Description description, Viewer viewer) {
    }

    /**
     * The page of {@code authorId} as {@code viewerId} (null when anonymous) sees it; a 404 problem if unknown, a
     * {@link MergedAuthorException} if merged into another author (unless the merge left it to this viewer).
     */
    public Mono<Page> page(String authorId, String viewerId) {
        return current(authorId, viewerId).flatMap(page -> {
            if (viewerId == null) {
                return Mono.just(new Page(page.author(), page.description(), null));
            }
            return Mono.zip(pages.follows(authorId, viewerId), owner(authorId))
                    .map(relation -> new Page(page.author(), page.description(), new Viewer(relation.getT1(),
                            viewerId.equals(relation.getT2()))));
        });
    }

    /** The page this instance built, while the stored revision is still the one it was built at; else built now. */
    private Mono<BuiltPage> current(String authorId, String viewerId) {
        return readableRevision(authorId, viewerId)
                .flatMap(revision -> {
                    BuiltPage kept = built.getIfPresent(authorId);
                    if (kept != null && kept.author().pageRevision() == revision) {
                        return Mono.just(kept);
                    }
                    return build(authorId);
                });
    }

    private Mono<BuiltPage> build(String authorId) {
        return profiles.findAuthor(authorId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                .flatMap(author -> summary(author).map(summary -> new BuiltPage(author,
                        Description.of(author.description(), summary.summary()), summary)))
                .doOnNext(page -> built.asMap().merge(authorId, page, ResearcherPages::newer));
    }

    /** Of two pages built by concurrent reads, the one built at the later revision. */
    private static BuiltPage newer(BuiltPage kept, BuiltPage fresh) {
        return fresh.author().pageRevision() >= kept.author().pageRevision() ? fresh : kept;
    }

    private Mono<MadeSummary> summary(AuthorRecord author) {
        return Mono.fromFuture(summaries.get(new SummaryKey(author.authorId(), author.workCount()),
                (key, executor) -> pages.summarize(key.authorId())
                        .map(summary -> new MadeSummary(summary, System.nanoTime())).toFuture()));
    }

    /**
     * Up to {@code limit} works of {@code authorId} that {@code filter} admits, after {@code after}; errors as
     * {@link #page}.
     */
    public Mono<List<WorkRecord>> works(String authorId, String viewerId, WorkFilter filter, WorkListPosition after,
            int limit) {
        WorksKey key = new WorksKey(authorId, filter, after, limit);
        return readableRevision(authorId, viewerId).flatMap(revision -> {
            KeptWorks kept = keptWorks.getIfPresent(key);
            if (kept != null && kept.revision() == revision) {
                return Mono.just(kept.works());
            }
            return profiles.findWorks(authorId, filter, after, limit)
                    .doOnNext(works -> keptWorks.asMap().merge(key, new KeptWorks(revision, works),
                            (older, fresh) -> fresh.revision() >= older.revision() ? fresh : older));
        });
    }

    /**
     * The page revision of {@code authorId} if {@code viewerId} may read it there: a {@link MergedAuthorException}
     * when it was merged (unless the merge left it to this viewer), else a 404 problem when unknown. One round trip
     * unless the author was merged.
     */
    private Mono<Long> readableRevision(String authorId, String viewerId) {
        return profiles.findPageState(authorId).flatMap(state -> {
            Mono<Long> revision = Mono.justOrEmpty(state.pageRevision())
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)));
            if (!state.retired()) {
                return revision;
            }
            return redirects.survivorFor(authorId, Mono.justOrEmpty(viewerId))
                    .flatMap(survivor -> Mono.<Long>error(new MergedAuthorException(authorId, survivor)))
                    .switchIfEmpty(revision);
        });
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
