package org.bzpeer.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkImported;

/**
 * Generators for convergence properties: corpora of works with several versions each, and random histories that
 * deliver them the way Kafka may (every version of a work in any order, repeated, in batches of any size,
 * interleaved with other works), always including each work's highest version. Whatever the history, a read model
 * must end as it would from each work's highest version alone. Deterministic for a given {@link Random}.
 */
public final class WorkHistories {

    private WorkHistories() {
    }

    /** The versions of each work of a corpus, oldest first; the last is the final state. */
    public record Corpus(List<List<WorkImported>> versionsByWork) {

        /** Each work's highest version. */
        public List<WorkImported> finalVersions() {
            return versionsByWork.stream().map(versions -> versions.get(versions.size() - 1)).toList();
        }
    }

    /**
     * A small corpus of 3 to 8 works, 1 to 4 versions each, over a pool of 4 to 10 authors: each version has its own
     * byline (authors added, dropped, reordered, renamed, given or stripped of an ORCID), year, topics, institutions
     * and retraction flag, so that versions differ in everything a read model derives. About one work in six ends
     * retired (merged into another work, as ingest publishes it), which must leave no trace.
     */
    public static Corpus synthetic(Random random) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> pool = new ArrayList<>();
        for (int i = 0, size = 4 + random.nextInt(7); i < size; i++) {
            pool.add("a_" + run + "_" + i);
        }
        List<List<WorkImported>> corpus = new ArrayList<>();
        for (int w = 0, works = 3 + random.nextInt(6); w < works; w++) {
            String workId = "w_" + run + "_" + w;
            List<WorkImported> versions = new ArrayList<>();
            for (int v = 1, count = 1 + random.nextInt(4); v <= count; v++) {
                List<String> byline = new ArrayList<>(pool);
                Collections.shuffle(byline, random);
                byline = byline.subList(0, 1 + random.nextInt(Math.min(5, pool.size())));
                WorkImported version = SampleEvents.work(workId, v, 2015 + random.nextInt(10), "Work " + w + "." + v,
                        byline);
                vary(version, random);
                versions.add(version);
            }
            if (random.nextInt(6) == 0) {
                versions.add(retired(versions.get(versions.size() - 1), "w_" + run + "_survivor"));
            }
            corpus.add(versions);
        }
        return new Corpus(corpus);
    }

    /**
     * Versions of real works as re-imports produce them: each of {@code works} becomes version 1, and may get later
     * versions that drop an authorship, add one (a new author without identifiers), or add an identifier (an ORCID on
     * an authorship).
     */
    public static Corpus alteredRealWorks(List<WorkImported> works, Random random) {
        List<List<WorkImported>> corpus = new ArrayList<>();
        for (WorkImported original : works) {
            List<WorkImported> versions = new ArrayList<>();
            WorkImported current = copy(original);
            current.setVersion(1);
            versions.add(current);
            for (int v = 2, count = 1 + random.nextInt(4); v <= count; v++) {
                WorkImported next = copy(current);
                next.setVersion(v);
                List<Authorship> authorships = new ArrayList<>(next.getAuthorships());
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (authorships.size() > 1) {
                            authorships.remove(random.nextInt(authorships.size()));
                        }
                    }
                    case 1 -> authorships.add(random.nextInt(authorships.size() + 1), Authorship.newBuilder()
                            .setPosition(0)
                            .setAuthorId("a_added_" + original.getWorkId() + "_" + v)
                            .setDisplayName("Added Author " + v)
                            .build());
                    default -> authorships.get(random.nextInt(authorships.size()))
                            .setOrcid(String.format("0000-0002-%04d-%04d", random.nextInt(10000),
                                    random.nextInt(10000)));
                }
                for (int i = 0; i < authorships.size(); i++) {
                    authorships.get(i).setPosition(i);
                }
                next.setAuthorships(authorships);
                versions.add(next);
                current = next;
            }
            corpus.add(versions);
        }
        return new Corpus(corpus);
    }

    /**
     * A random delivery of {@code corpus}: every version of every work zero or more times (the highest at least
     * once), in any order, in batches of 1 to 12 events.
     */
    public static List<List<WorkImported>> randomHistory(Corpus corpus, Random random) {
        List<WorkImported> deliveries = new ArrayList<>();
        for (List<WorkImported> versions : corpus.versionsByWork()) {
            deliveries.add(versions.get(versions.size() - 1));
            for (WorkImported version : versions) {
                for (int times = random.nextInt(3); times > 0; times--) {
                    deliveries.add(version);
                }
            }
        }
        Collections.shuffle(deliveries, random);
        List<List<WorkImported>> batches = new ArrayList<>();
        for (int start = 0; start < deliveries.size(); ) {
            int end = Math.min(deliveries.size(), start + 1 + random.nextInt(12));
            batches.add(deliveries.subList(start, end).stream().map(WorkHistories::copy).toList());
            start = end;
        }
        return batches;
    }

    /** The simplest history of {@code corpus}: each work's highest version once, all in one batch. */
    public static List<List<WorkImported>> finalVersionsOnly(Corpus corpus) {
        return List.of(corpus.finalVersions().stream().map(WorkHistories::copy).toList());
    }

    private static void vary(WorkImported version, Random random) {
        List<String> names = List.of("Ada Lovelace", "A. Lovelace", "Lovelace, Ada", "Ada King");
        for (Authorship authorship : version.getAuthorships()) {
            if (random.nextInt(3) == 0) {
                authorship.setDisplayName(names.get(random.nextInt(names.size())) + " " + authorship.getAuthorId());
            }
            if (random.nextInt(3) == 0) {
                // as ingest resolves authors, an identifier only ever belongs to one author
                authorship.setOrcid(String.format("0000-0001-%04d-%04d", Math.floorMod(
                        authorship.getAuthorId().hashCode(), 10000), authorship.getAuthorId().length()));
            }
            int institution = random.nextInt(4);
            authorship.setInstitutions(institution == 0 ? List.of() : List.of(Institution.newBuilder()
                    .setId("openalex:I" + institution).setName("Institute " + institution).build()));
        }
        List<Topic> topics = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            int topic = random.nextInt(4);
            topics.add(Topic.newBuilder().setId("openalex:T" + topic).setName("Topic " + topic).setScore(0.5).build());
        }
        version.setTopics(topics);
        version.setRetracted(random.nextInt(6) == 0);
    }

    /** The version after {@code last} that retires its work id: merged into {@code survivor}, nothing else left. */
    private static WorkImported retired(WorkImported last, String survivor) {
        WorkImported retired = copy(last);
        retired.setVersion(last.getVersion() + 1);
        retired.setMergedInto(survivor);
        retired.setAuthorships(List.of());
        retired.setTopics(List.of());
        retired.setTitle(null);
        retired.setAbstractText(null);
        return retired;
    }

    /** A deep copy, so that no two deliveries share an object a consumer might change. */
    private static WorkImported copy(WorkImported work) {
        WorkImported copy = EventCodec.instance().decode(EventCodec.instance().encode(work), WorkImported.class);
        return copy;
    }
}
