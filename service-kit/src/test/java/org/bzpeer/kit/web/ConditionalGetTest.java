package org.bzpeer.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import tools.jackson.databind.json.JsonMapper;

class ConditionalGetTest {

    record Page(String name, List<String> works) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ConditionalGet conditionalGet = new ConditionalGet(json);

    @Test
    void tagIsTheHashOfTheBodyAsWritten() throws Exception {
        Page page = new Page("Ada Lovelace", List.of("w1", "w2"));

        ResponseEntity<Page> response = conditionalGet.respond(get(), page);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(page));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isSameAs(page);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        assertThat(response.getHeaders().getVary()).containsExactly(HttpHeaders.AUTHORIZATION);
    }

    @Test
    void anEqualBodyGetsTheSameTagAndAChangedOneANewTag() {
        String first = conditionalGet.respond(get(), new Page("Ada Lovelace", List.of("w1"))).getHeaders().getETag();
        String again = conditionalGet.respond(get(), new Page(new String("Ada Lovelace"), List.of("w1")))
                .getHeaders().getETag();
        String changed = conditionalGet.respond(get(), new Page("Ada Lovelace", List.of("w1", "w2")))
                .getHeaders().getETag();

        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
    }

    @Test
    void aMatchingIfNoneMatchIsAnsweredNotModifiedWithoutBody() {
        Page page = new Page("Ada Lovelace", List.of("w1"));
        String etag = conditionalGet.respond(get(), page).getHeaders().getETag();

        ResponseEntity<Page> weak = conditionalGet.respond(MockServerWebExchange.from(MockServerHttpRequest
                .get("/page").header(HttpHeaders.IF_NONE_MATCH, "W/" + etag)), page);
        ResponseEntity<Page> other = conditionalGet.respond(MockServerWebExchange.from(MockServerHttpRequest
                .get("/page").header(HttpHeaders.IF_NONE_MATCH, "\"0123\"")), page);

        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(weak.getBody()).isNull();
        assertThat(weak.getHeaders().getETag()).isEqualTo(etag);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSignedInReadersAnswerIsPrivate() {
        ResponseEntity<Page> response = conditionalGet.respond(MockServerWebExchange.from(MockServerHttpRequest
                .get("/page").header(HttpHeaders.AUTHORIZATION, "Bearer token")), new Page("Ada", List.of()));

        assertThat(response.getHeaders().getCacheControl()).contains("private").contains("no-cache");
    }

    private static MockServerWebExchange get() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/page"));
    }
}
