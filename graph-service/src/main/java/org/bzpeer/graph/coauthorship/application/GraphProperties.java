package org.bzpeer.graph.coauthorship.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the co-authorship graph judges a neighbourhood, how it batches its summaries and how far its explorer reads.
 *
 * @param closeCollaboratorMinSharedWorks works two authors must share for each to count as the other's close
 *                                        collaborator (in summaries and in the {@code close} flag of collaborators)
 * @param maxCoauthorshipAuthors          works with more authors than this (collaboration papers) count for their
 *                                        authors' works, topics and institutions but make nobody a co-author: such a
 *                                        byline says nothing about who works with whom, and pairing 3,000 authors
 *                                        would mean 9 million edges; changing it needs a rebuild of the read model
 * @param summaryBatchSize                most authors whose summaries are recomputed in one transaction
 * @param summaryLinger                   how long a touched author waits before the recomputation, so that works
 *                                        arriving close together change a summary (and publish it) once
 * @param neighbourhoodScanPerAuthor      most co-authors of each first-degree co-author a depth-2 neighbourhood
 *                                        reads (the strongest), which bounds its time whatever their degree
 * @param pathFrontierLimit               most authors a path search expands at one hop; a larger frontier ends the
 *                                        search, reported as incomplete
 * @param pathWorksPerStep                linking works listed for each step of a path (the most recent)
 */
@Validated
@ConfigurationProperties("bzpeer.graph")
public record GraphProperties(
        @DefaultValue("2") @Min(1) @Max(1000) int closeCollaboratorMinSharedWorks,
        @DefaultValue("200") @Min(2) @Max(10000) int maxCoauthorshipAuthors,
        @DefaultValue("2000") @Min(1) @Max(100000) int summaryBatchSize,
        @DefaultValue("500ms") Duration summaryLinger,
        @DefaultValue("200") @Min(1) @Max(10000) int neighbourhoodScanPerAuthor,
        @DefaultValue("20000") @Min(1) @Max(1000000) int pathFrontierLimit,
        @DefaultValue("3") @Min(1) @Max(20) int pathWorksPerStep) {
}
