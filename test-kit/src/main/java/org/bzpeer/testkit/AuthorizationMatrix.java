package org.bzpeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves on a running service that nobody gets in who should not. The endpoints come from the service's own request
 * mappings, so a write or admin endpoint added later is checked without anyone remembering to: every write
 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) must be declared with the scope it needs
 * ({@link #requires}), else {@link #verifyEndpoints()} fails naming it; every {@code /api/v1/admin/**} endpoint needs
 * {@code ops:admin}. Each is called without a token and with every {@link TestTokens#rejectedTokens rejected token}
 * (401 problem), with a token holding every other scope (403 {@code forbidden} problem), and with its scope (neither:
 * the handler answers, if only with its own 403 such as "not the owner"). Also checks the actuator rules
 * ({@link #verifyActuator()}) and CORS ({@link #verifyCors()}).
 */
public final class AuthorizationMatrix {

    /** Browser origins services under test allow ({@code bzpeer.security.cors.allowed-origins}). */
    public static final List<String> ALLOWED_ORIGINS = List.of("https://app.bzpeer.test", "http://localhost:[*]");

    static final String ADMIN_PATH = "/api/v1/admin";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final List<HttpMethod> ANY_METHOD = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?(\\w+)(:[^}]*)?}");
    private static final String SUBJECT = "matrix-user";
    /** The problem type of a token refused for its scopes (a handler may still answer 403 for its own reasons). */
    private static final String SCOPE_REFUSED = "https://bzpeer.org/problems/forbidden";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** A mapped endpoint: a method and a path pattern. */
    public record Endpoint(HttpMethod method, String pattern) implements Comparable<Endpoint> {

        private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::pattern)
                .thenComparing(endpoint -> endpoint.method().name());

        @Override
        public int compareTo(Endpoint other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    private final ApplicationContext context;
    private final WebTestClient http;
    private final Map<Endpoint, String> declaredScopes = new LinkedHashMap<>();
    private final Map<String, String> pathVariables = new LinkedHashMap<>();

    private AuthorizationMatrix(ApplicationContext context, WebTestClient http) {
        this.context = context;
        this.http = http.mutate().responseTimeout(CALL_TIMEOUT).build();
    }

    /** A matrix over the service running in {@code context}, called through {@code http}. */
    public static AuthorizationMatrix of(ApplicationContext context, WebTestClient http) {
        return new AuthorizationMatrix(context, http);
    }

    /** Declares that {@code method pattern}, as mapped, needs {@code scope}. */
    public AuthorizationMatrix requires(HttpMethod method, String pattern, String scope) {
        declaredScopes.put(new Endpoint(method, pattern), scope);
        return this;
    }

    /** The value put in place of path variable {@code name} (default {@code matrix-<name>}). */
    public AuthorizationMatrix pathVariable(String name, String value) {
        pathVariables.put(name, value);
        return this;
    }

    /** Every endpoint the service maps, from its request mappings (controllers and actuator alike). */
    public Set<Endpoint> mappedEndpoints() {
        Set<Endpoint> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<HttpMethod> httpMethods = methods.isEmpty() ? ANY_METHOD
                        : methods.stream().map(RequestMethod::asHttpMethod).toList();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    httpMethods.forEach(method -> endpoints.add(new Endpoint(method, pattern.getPatternString())));
                }
            }
        }
        return endpoints;
    }

    /**
     * The mapped writes and admin endpoints with the scope each needs. Fails when a write is not declared or a
     * declaration matches no mapped endpoint.
     */
    public Map<Endpoint, String> protectedEndpoints() {
        Map<Endpoint, String> scopes = new TreeMap<>();
        List<Endpoint> undeclared = new ArrayList<>();
        for (Endpoint endpoint : mappedEndpoints()) {
            if (endpoint.pattern().equals(ADMIN_PATH) || endpoint.pattern().startsWith(ADMIN_PATH + "/")) {
                scopes.put(endpoint, TestTokens.OPS_ADMIN);
            } else if (WRITES.contains(endpoint.method())) {
                String scope = declaredScopes.get(endpoint);
                if (scope == null) {
                    undeclared.add(endpoint);
                } else {
                    scopes.put(endpoint, scope);
                }
            }
        }
        assertThat(undeclared).as("writes the authorization matrix does not cover: declare the scope each needs")
                .isEmpty();
        assertThat(scopes.keySet()).as("declared endpoints the service must map")
                .containsAll(declaredScopes.keySet());
        return scopes;
    }

    /** Calls every protected endpoint with every kind of credential and checks the answers (see the class). */
    public void verifyEndpoints() {
        SoftAssertions softly = new SoftAssertions();
        protectedEndpoints().forEach((endpoint, scope) -> {
            String uri = concreteUri(endpoint.pattern());
            refusedUnauthenticated(softly, endpoint.method(), uri, scope);
            refusedWithoutScope(softly, endpoint.method(), uri, scope);
            EntityExchangeResult<byte[]> granted = call(endpoint.method(), uri, TestTokens.token(SUBJECT, scope));
            softly.assertThat(granted.getStatus().value()).as(endpoint + " with scope " + scope).isNotEqualTo(401);
            softly.assertThat(json(granted).path("type").asString(""))
                    .as(endpoint + " with scope " + scope + ": not refused for its scope").isNotEqualTo(SCOPE_REFUSED);
        });
        softly.assertAll();
    }

    /**
     * The actuator rules: the bare health status (and the liveness and readiness groups) is public, without
     * components or details; the details, health components, metrics and every other actuator endpoint, and any
     * path under {@code /api/v1/admin}, mapped or not, need {@code ops:admin}.
     */
    public void verifyActuator() {
        SoftAssertions softly = new SoftAssertions();
        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            EntityExchangeResult<byte[]> bare = call(HttpMethod.GET, health, null);
            softly.assertThat(bare.getStatus().value()).as("GET " + health + " without a token").isIn(200, 503);
            JsonNode body = json(bare);
            softly.assertThat(body.has("status")).as(health + " shows its status").isTrue();
            softly.assertThat(body.has("components") || body.has("details"))
                    .as(health + " without a token shows no components or details: " + body).isFalse();
        }
        JsonNode detailed = json(call(HttpMethod.GET, "/actuator/health", TestTokens.opsToken()));
        softly.assertThat(detailed.path("components").has("ping")).as("health components for ops:admin").isTrue();

        for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health/ping", "/actuator")) {
            refusedUnauthenticated(softly, HttpMethod.GET, path, TestTokens.OPS_ADMIN);
            refusedWithoutScope(softly, HttpMethod.GET, path, TestTokens.OPS_ADMIN);
            softly.assertThat(call(HttpMethod.GET, path, TestTokens.opsToken()).getStatus().value())
                    .as("GET " + path + " with ops:admin").isEqualTo(200);
        }
        softly.assertThat(new String(call(HttpMethod.GET, "/actuator/prometheus", TestTokens.opsToken())
                .getResponseBodyContent())).as("metrics for ops:admin").contains("jvm_memory_used_bytes");

        String unmappedAdminPath = ADMIN_PATH + "/matrix-probe";
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
            refusedUnauthenticated(softly, method, unmappedAdminPath, TestTokens.OPS_ADMIN);
            refusedWithoutScope(softly, method, unmappedAdminPath, TestTokens.OPS_ADMIN);
        }
        softly.assertAll();
    }

    /**
     * CORS: a preflight from an allowed origin (a configured one, or a local development origin matching
     * {@code http://localhost:[*]}) is answered with the allowed method and headers; one from any other origin, or
     * asking for a header not allowed, is refused (403, no {@code Access-Control-Allow-Origin}); answers to allowed
     * origins expose {@code Location} and {@code Retry-After}.
     */
    public void verifyCors() {
        SoftAssertions softly = new SoftAssertions();
        String path = "/api/v1/cors-probe";
        for (String origin : List.of("https://app.bzpeer.test", "http://localhost:5173")) {
            EntityExchangeResult<byte[]> preflight = preflight(path, origin, "authorization, content-type");
            HttpHeaders headers = preflight.getResponseHeaders();
            softly.assertThat(preflight.getStatus().value()).as("preflight from " + origin).isEqualTo(200);
            softly.assertThat(headers.getAccessControlAllowOrigin()).as("allowed origin " + origin).isEqualTo(origin);
            softly.assertThat(headers.getAccessControlAllowMethods()).as("methods for " + origin)
                    .contains(HttpMethod.POST);
            softly.assertThat(headers.getAccessControlAllowHeaders().stream().map(String::toLowerCase).toList())
                    .as("headers for " + origin).contains("authorization", "content-type");
        }
        for (EntityExchangeResult<byte[]> refused : List.of(
                preflight(path, "https://elsewhere.example", "authorization"),
                preflight(path, "http://localhost.elsewhere.example", "authorization"),
                preflight(path, "https://app.bzpeer.test", "x-not-allowed"))) {
            softly.assertThat(refused.getStatus().value()).as("refused preflight " + refused.getRequestHeaders())
                    .isEqualTo(403);
            softly.assertThat(refused.getResponseHeaders().getAccessControlAllowOrigin())
                    .as("no allowed origin for " + refused.getRequestHeaders()).isNull();
        }
        HttpHeaders answer = http.get().uri("/actuator/health/liveness").header(HttpHeaders.ORIGIN,
                "https://app.bzpeer.test").exchange().expectBody().returnResult().getResponseHeaders();
        softly.assertThat(answer.getAccessControlAllowOrigin()).isEqualTo("https://app.bzpeer.test");
        softly.assertThat(answer.getAccessControlExposeHeaders()).containsExactlyInAnyOrder(HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER);
        softly.assertThat(http.get().uri("/actuator/health/liveness").header(HttpHeaders.ORIGIN,
                "https://elsewhere.example").exchange().expectBody().returnResult().getStatus().value())
                .as("a simple request from a refused origin").isEqualTo(403);
        softly.assertAll();
    }

    private void refusedUnauthenticated(SoftAssertions softly, HttpMethod method, String uri, String scope) {
        expectProblem(softly, call(method, uri, null), 401, method + " " + uri + " without a token");
        for (TestTokens.RejectedToken rejected : TestTokens.rejectedTokens(SUBJECT, scope)) {
            expectProblem(softly, call(method, uri, rejected.token()), 401,
                    method + " " + uri + " with a token: " + rejected.defect());
        }
    }

    private void refusedWithoutScope(SoftAssertions softly, HttpMethod method, String uri, String scope) {
        String otherScopes = TestTokens.ALL_SCOPES.stream().filter(other -> !other.equals(scope))
                .collect(Collectors.joining(" "));
        String description = method + " " + uri + " with scopes '" + otherScopes + "' but not " + scope;
        EntityExchangeResult<byte[]> refused = call(method, uri, TestTokens.token(SUBJECT, otherScopes));
        expectProblem(softly, refused, 403, description);
        softly.assertThat(json(refused).path("type").asString("")).as(description + ": type").isEqualTo(SCOPE_REFUSED);
    }

    private static void expectProblem(SoftAssertions softly, EntityExchangeResult<byte[]> result, int status,
            String description) {
        softly.assertThat(result.getStatus().value()).as(description).isEqualTo(status);
        softly.assertThat(result.getResponseHeaders().getContentType()).as(description + ": content type")
                .matches(type -> type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                        "is " + MediaType.APPLICATION_PROBLEM_JSON);
        if (status == 401) {
            softly.assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .as(description + ": WWW-Authenticate").startsWith("Bearer");
        }
    }

    /**
     * One call; a call left unanswered for {@link #CALL_TIMEOUT} is made once more, with a line on standard error
     * naming it (a lone stall of the test client must not hide which call it was, nor fail the matrix), and fails the
     * matrix naming it when the second one is left unanswered too.
     */
    private EntityExchangeResult<byte[]> call(HttpMethod method, String uri, String token) {
        String description = method + " " + uri + (token == null ? " without a token" : " with a token");
        try {
            return callOnce(method, uri, token);
        } catch (IllegalStateException unanswered) {
            System.err.println("AuthorizationMatrix: " + description + " unanswered within " + CALL_TIMEOUT
                    + " (" + unanswered.getMessage() + "); calling again");
            try {
                return callOnce(method, uri, token);
            } catch (IllegalStateException again) {
                throw new AssertionError(description + ": unanswered twice within " + CALL_TIMEOUT, again);
            }
        }
    }

    private EntityExchangeResult<byte[]> callOnce(HttpMethod method, String uri, String token) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(uri);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return request.exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> preflight(String path, String origin, String requestedHeaders) {
        return http.options().uri(path)
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, requestedHeaders)
                .exchange().expectBody().returnResult();
    }

    private String concreteUri(String pattern) {
        Matcher variables = PATH_VARIABLE.matcher(pattern);
        StringBuilder uri = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            variables.appendReplacement(uri, Matcher.quoteReplacement(
                    pathVariables.getOrDefault(name, "matrix-" + name)));
        }
        variables.appendTail(uri);
        return uri.toString().replace("**", "matrix").replace("*", "matrix");
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
