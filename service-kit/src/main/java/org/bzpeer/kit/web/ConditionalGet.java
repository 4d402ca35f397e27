package org.bzpeer.kit.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.json.JsonMapper;

/**
 * Conditional GET for read endpoints: the entity tag is a hash of the body as it will be written, so it changes
 * exactly when what the client would see changes; a request whose {@code If-None-Match} names it gets 304 without a
 * body. Responses vary by {@code Authorization}, since a signed-in reader may see more.
 *
 * <p>A body equal to one tagged lately gets that tag without being serialised and hashed again (at most
 * {@value #TAGGED_BYTES} bytes of serialised bodies are remembered). Invariant this relies on: bodies are records (of
 * records, lists, strings, numbers, JSON trees), which are equal exactly when they serialise alike; a body type whose
 * {@code equals} is identity only misses the memory, it never gets a wrong tag.
 */
@AutoConfiguration
public class ConditionalGet {

    /** Serialised bytes of the bodies whose tags are remembered, at most. */
    static final long TAGGED_BYTES = 16L << 20;

    private final JsonMapper json;
    private final Cache<Object, Tag> tags = Caffeine.newBuilder()
            .maximumWeight(TAGGED_BYTES)
            .weigher((Object body, Tag tag) -> tag.bodyBytes())
            .build();

    /** An entity tag and the size of the body it was computed from. */
    private record Tag(String etag, int bodyBytes) {
    }

    public ConditionalGet(JsonMapper json) {
        this.json = json;
    }

    /** {@code body} with its entity tag, or 304 when the client already has it. */
    public <T> ResponseEntity<T> respond(ServerWebExchange exchange, T body) {
        String etag = tags.get(body, this::tag).etag();
        boolean signedIn = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        CacheControl cache = (signedIn ? CacheControl.noCache().cachePrivate() : CacheControl.noCache());
        boolean fresh = exchange.getRequest().getHeaders().getIfNoneMatch().stream()
                .anyMatch(tag -> tag.equals(etag) || tag.equals("W/" + etag) || tag.equals("*"));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(fresh ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(etag)
                .cacheControl(cache)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        return fresh ? response.build() : response.body(body);
    }

    /** The tag of {@code body}: the first 128 bits of the SHA-256 of its JSON, quoted. */
    private Tag tag(Object body) {
        byte[] bytes = json.writeValueAsBytes(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Tag("\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"", bytes.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
