package org.bzpeer.kit.security;

import java.util.List;

import org.bzpeer.kit.web.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The access rules of every BZPEER service, first match wins:
 * <ol>
 * <li>{@code /api/v1/admin/**}, any method: scope {@code ops:admin};</li>
 * <li>a separate management port ({@code management.server.port}), which only operators can reach: open;</li>
 * <li>{@code GET}/{@code HEAD /actuator/health} and its {@code liveness} and {@code readiness} groups: public, bare
 * status only (details and components need {@code ops:admin}, see {@code management.endpoint.health.roles});</li>
 * <li>every other actuator endpoint (metrics, prometheus, info, health components): scope {@code ops:admin};</li>
 * <li>reads ({@code GET}, {@code HEAD}, {@code OPTIONS}): public;</li>
 * <li>every other request (writes): an accepted bearer token ({@link BearerTokenDecoder}); handlers narrow writes
 * by scope with {@code @PreAuthorize("hasAuthority('SCOPE_works:write')")}.</li>
 * </ol>
 * Cross-origin calls are allowed only from {@code bzpeer.security.cors.allowed-origins}. Failures are problem details.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration {

    /** Scope of operators: admin endpoints, health details, metrics. */
    public static final String OPS_ADMIN_SCOPE = "ops:admin";
    /** The authority Spring Security derives from {@link #OPS_ADMIN_SCOPE}. */
    public static final String OPS_ADMIN_AUTHORITY = "SCOPE_" + OPS_ADMIN_SCOPE;

    static final String[] PUBLIC_HEALTH = {"/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness"};

    @Bean
    ReactiveJwtDecoder bzpeerJwtDecoder(SecuritySettings settings) {
        return BearerTokenDecoder.create(settings.jwt());
    }

    @Bean
    static ManagementServer bzpeerManagementServer() {
        return new ManagementServer();
    }

    @Bean
    CorsConfigurationSource bzpeerCors(SecuritySettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(settings.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    SecurityWebFilterChain bzpeerSecurity(ServerHttpSecurity http, JsonMapper json, ManagementServer management) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // stateless: every request carries its bearer token, so no session is made or looked up per request
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/v1/admin", "/api/v1/admin/**").hasAuthority(OPS_ADMIN_AUTHORITY)
                        .matchers(management).permitAll()
                        .pathMatchers(HttpMethod.GET, PUBLIC_HEALTH).permitAll()
                        .pathMatchers(HttpMethod.HEAD, PUBLIC_HEALTH).permitAll()
                        .pathMatchers("/actuator", "/actuator/**").hasAuthority(OPS_ADMIN_AUTHORITY)
                        .pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, ex) -> Problems.write(exchange, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                                        "A valid bearer token is required: " + ex.getMessage())))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, json, forbidden())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> Problems.write(exchange, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                                        "A valid bearer token is required")))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, json, forbidden())))
                .build();
    }

    private static ProblemDetail forbidden() {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "The token does not grant this operation");
    }
}
