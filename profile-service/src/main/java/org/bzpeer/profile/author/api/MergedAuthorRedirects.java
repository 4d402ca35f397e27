package org.bzpeer.profile.author.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bzpeer.kit.web.Problems;
import org.bzpeer.profile.author.application.AuthorRedirects;
import org.bzpeer.profile.author.application.ResearcherPages;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests for a merged author ({@code author.merged}), on {@code /api/v1/authors/{id}} and every path under it:
 * reads ({@code GET}, {@code HEAD}) answer 308 Permanent Redirect with {@code Location} the same path and query under
 * the surviving author; changes answer the 409 problem {@code author-merged} naming the survivor ({@code mergedInto},
 * also in {@code Location}), since a claim, follow, edit or collaboration request meant for one author must not
 * silently land on another. Runs after authentication (the default filter order), so the owner of a claim that stayed
 * on the merged author is served as usual ({@link AuthorRedirects}). The page and its works, read most, find a merge
 * in the look-up they make anyway ({@link ResearcherPages}), and their controller answers the same redirect.
 */
@Component
class MergedAuthorRedirects implements WebFilter {

    private static final Pattern AUTHOR_PATH = Pattern.compile("^/api/v1/authors/([^/]+)(/.*)?$");
    /** Paths under {@code /api/v1/authors/} that name no author. */
    private static final Set<String> NOT_AUTHOR_IDS = Set.of("autocomplete", "by-external-id");
    /** Paths after {@code /api/v1/authors/{id}} whose reads find a merge themselves. */
    private static final Set<String> READS_CHECKED_BY_HANDLER = Set.of("", "/works");

    private final AuthorRedirects redirects;
    private final JsonMapper json;

    MergedAuthorRedirects(AuthorRedirects redirects, JsonMapper json) {
        this.redirects = redirects;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Matcher matcher = AUTHOR_PATH.matcher(request.getPath().pathWithinApplication().value());
        if (!matcher.matches() || NOT_AUTHOR_IDS.contains(matcher.group(1))) {
            return chain.filter(exchange);
        }
        String rest = matcher.group(2) == null ? "" : matcher.group(2);
        if (isRead(request.getMethod()) && READS_CHECKED_BY_HANDLER.contains(rest)) {
            return chain.filter(exchange);
        }
        String authorId = UriUtils.decode(matcher.group(1), StandardCharsets.UTF_8);
        return redirects.survivorFor(authorId, exchange.getPrincipal().map(Principal::getName))
                .flatMap(survivor -> answer(exchange, authorId, survivor, survivorLocation(request, survivor))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(false)))
                .then();
    }

    /** The path and query of {@code request}, an author path, under {@code survivor} instead of the author it names. */
    static URI survivorLocation(ServerHttpRequest request, String survivor) {
        Matcher matcher = AUTHOR_PATH.matcher(request.getPath().pathWithinApplication().value());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an author path: " + request.getPath());
        }
        String query = request.getURI().getRawQuery();
        return URI.create("/api/v1/authors/" + UriUtils.encodePathSegment(survivor, StandardCharsets.UTF_8)
                + (matcher.group(2) == null ? "" : matcher.group(2)) + (query == null ? "" : "?" + query));
    }

    private static boolean isRead(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    private Mono<Void> answer(ServerWebExchange exchange, String authorId, String survivor, URI location) {
        exchange.getResponse().getHeaders().setLocation(location);
        if (isRead(exchange.getRequest().getMethod())) {
            exchange.getResponse().setStatusCode(HttpStatus.PERMANENT_REDIRECT);
            return exchange.getResponse().setComplete();
        }
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "author-merged", "Author merged",
                "Author '" + authorId + "' was merged into author '" + survivor + "': send the request for '"
                        + survivor + "' instead");
        problem.setProperty("mergedInto", survivor);
        return Problems.write(exchange, json, problem);
    }
}
