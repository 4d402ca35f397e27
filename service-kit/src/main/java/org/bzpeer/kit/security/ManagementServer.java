package org.bzpeer.kit.security;

import java.net.InetSocketAddress;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Recognises requests that arrived on a separate management port ({@code management.server.port}), once that server
 * listens. Such a port carries only actuator endpoints and is meant to be reachable by operators and scrapers alone,
 * never published; when actuator shares the application's port, no request matches.
 */
final class ManagementServer implements ApplicationListener<WebServerInitializedEvent>, ServerWebExchangeMatcher {

    private static final String MANAGEMENT_NAMESPACE = "management";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return port > 0 && local != null && local.getPort() == port ? MatchResult.match() : MatchResult.notMatch();
    }
}
