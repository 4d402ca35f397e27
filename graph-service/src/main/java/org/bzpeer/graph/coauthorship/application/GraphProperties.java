package org.bzpeer.graph.coauthorship.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the co-authorship graph judges a neighbourhood.
 *
 * @param closeCollaboratorMinSharedWorks works two authors must share for each to count as the other's close
 *                                        collaborator (in summaries and in the {@code close} flag of collaborators)
 */
@Validated
@ConfigurationProperties("bzpeer.graph")
public record GraphProperties(
        @DefaultValue("2") @Min(1) @Max(1000) int closeCollaboratorMinSharedWorks) {
}
