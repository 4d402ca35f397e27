package org.bzpeer.graph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * graph-service: keeps the co-authorship graph from {@code work.imported}, serves each author's collaborators and
 * publishes each author's neighbourhood summary as {@code author.graph.updated} whenever it changes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(GraphApplication.class, args);
    }
}
