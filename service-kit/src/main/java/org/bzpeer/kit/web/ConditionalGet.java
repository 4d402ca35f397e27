package org.bzpeer.kit.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

import tools.jackson.databind.json.JsonMapper;

/**
 * Conditional GET for read endpoints: the entity tag is a hash of the body as it will be written, so it changes
 * exactly when what the client would see changes; a request whose {@code If-None-Match} names it gets 304 without a
 * body. Responses vary by {@code Authorization}, since a signed-in reader may see more.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    /** {@code body} with its entity tag, or 304 when the client already has it. */
    public static <T> ResponseEntity<T> respond(ServerWebExchange exchange, T body, JsonMapper json) {
        String etag = "\"" + digest(json.writeValueAsBytes(body)) + "\"";
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

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
