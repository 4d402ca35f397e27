package org.bzpeer.kit.security;

import java.nio.charset.StandardCharsets;

import org.bzpeer.kit.web.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access rule of every BZPEER API: reads (GET, HEAD, OPTIONS) and actuator endpoints are public; every write
 * needs a bearer JWT signed RS256 by the configured key ({@code bzpeer.jwt.public-key}). Handlers narrow writes
 * further by scope with {@code @PreAuthorize("hasAuthority('SCOPE_works:write')")}. Failures are problem details.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain bzpeerSecurity(ServerHttpSecurity http, JsonMapper json) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, ex) -> writeProblem(exchange, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                                        "A valid bearer token is required: " + ex.getMessage())))
                        .accessDeniedHandler((exchange, ex) -> writeProblem(exchange, json,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                                        "The token does not grant this operation"))))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> writeProblem(exchange, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                                        "A valid bearer token is required")))
                        .accessDeniedHandler((exchange, ex) -> writeProblem(exchange, json,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                                        "The token does not grant this operation"))))
                .build();
    }

    private static Mono<Void> writeProblem(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
