package org.bzpeer.trust;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * trust-service: computes an explainable trust score and verification level per author from the works
 * ({@code work.imported}), research graph ({@code author.graph.updated}) and claims ({@code author.claimed}), keeps
 * follower counts ({@code follow.created}, {@code follow.deleted}), publishes {@code trust.updated} and serves it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrustApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrustApplication.class, args);
    }
}
