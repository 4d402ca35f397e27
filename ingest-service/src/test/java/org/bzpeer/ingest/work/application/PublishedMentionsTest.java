package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.author.application.AuthorMentions;
import org.bzpeer.ingest.author.application.BylineAuthors;
import org.bzpeer.ingest.work.format.CrossrefWorkFormat;
import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.RejectedRecordException;
import org.bzpeer.ingest.work.format.WorkFormat;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Golden, without Spring: a copy published again from its stored content gets its author mentions from that content
 * ({@link AuthorMentions#ofPublished}), and they must be those its record was given when it was imported. Every real
 * OpenAlex and Crossref record of the shared data is planned as a new work alone; the mentions read back from the
 * version it publishes equal the mentions of the record, but for works whose byline names one person twice (the
 * published version keeps the first, so the later positions move up).
 */
class PublishedMentionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void realOpenAlexWorksGiveTheSameMentionsPublishedAsSubmitted() {
        Comparison openAlex = compare(SharedData.dir().resolve("openalex/kfupm/works.jsonl.gz"),
                new OpenAlexWorkFormat(RecordLimits.defaults()));
        System.out.printf("OpenAlex: %d works, %d mentions; %d works name one author twice%n", openAlex.works,
                openAlex.mentions, openAlex.repeatedAuthors);
        assertThat(openAlex.works).isEqualTo(3684);
        assertThat(openAlex.mentions).isGreaterThan(10_000);
        assertThat(openAlex.differing).isEmpty();
    }

    @Test
    void realCrossrefWorksGiveTheSameMentionsPublishedAsSubmitted() {
        Comparison crossref = compare(SharedData.dir().resolve("crossref/habanero-works.jsonl.gz"),
                new CrossrefWorkFormat(RecordLimits.defaults()));
        assertThat(crossref.works).isGreaterThan(400);
        assertThat(crossref.mentions).isGreaterThan(crossref.works);
        assertThat(crossref.differing).isEmpty();
    }

    /** What comparing the mentions of a sample's records found. */
    private static final class Comparison {
        int works;
        int mentions;
        int repeatedAuthors;
        final List<String> differing = new ArrayList<>();
    }

    private static Comparison compare(Path sample, WorkFormat format) {
        assumeTrue(Files.isRegularFile(sample), () -> SharedData.missing(sample));
        Comparison comparison = new Comparison();
        SharedData.forEachLine(sample, (line, number) -> {
            SubmittedWork work;
            try {
                work = format.parse(JSON.readTree(line));
            } catch (RejectedRecordException rejected) {
                return;
            }
            BatchPlan plan = planAlone(work);
            WorkImported published = plan.events().get(0).value();
            List<?> submitted = plan.mentions().get(published.getWorkId());
            comparison.works++;
            comparison.mentions += submitted.size();
            if (published.getAuthorships().size() < work.authorships().size()) {
                comparison.repeatedAuthors++;
            } else if (!AuthorMentions.ofPublished(published).equals(submitted)) {
                comparison.differing.add("line " + number + ": " + work.title());
            }
        });
        return comparison;
    }

    /** {@code work} planned as a new work alone, with authors decided by its byline only. */
    static BatchPlan planAlone(SubmittedWork work) {
        WorkComponents components = new WorkComponents(Map.of());
        components.sameWork(BatchPlan.workKeys(work));
        BatchPlan plan = new BatchPlan(components, new HashMap<>(), Map.of(),
                new BylineAuthors(Map.of(), Map.of()));
        plan.apply(new IndexedSubmission(0, work));
        return plan;
    }
}
