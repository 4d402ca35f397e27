package org.bzpeer.testkit;

import static org.awaitility.Awaitility.await;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real OpenAlex sample of the shared data ({@code openalex/kfupm/works.jsonl.gz}) as {@code work.imported}
 * events, resolved the way ingest-service resolves OpenAlex records, so consumer tests can run on real data without
 * ingest-service: work id and author id are the OpenAlex ids; authorships without an author id are skipped; an author
 * id repeated within a work is kept once. Skips the calling test, saying why, when the data is absent.
 */
public final class OpenAlexSampleEvents {

    /** The sample's path below the shared data directory. */
    public static final String WORKS = "openalex/kfupm/works.jsonl.gz";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        EventCodec.instance();
    }

    private OpenAlexSampleEvents() {
    }

    /** Every work of the sample as version 1 of its {@code WorkImported}, in file order. */
    public static List<WorkImported> works() {
        List<WorkImported> works = new ArrayList<>();
        SharedData.forEachLine(SharedData.require(WORKS), (line, number) -> works.add(event(JSON.readTree(line))));
        return works;
    }

    /** Figures derived independently from the sample ({@code expected.json}) for one top or focal author. */
    public record ExpectedAuthor(String id, int worksInSample, int distinctCoauthors, String orcid) {
    }

    /** The sample's {@code expected.json}. */
    public static JsonNode expected() {
        return JSON.readTree(SharedData.require("openalex/kfupm/expected.json").toFile());
    }

    /** The top-5 and the focal authors of {@code expected.json}, with bare OpenAlex ids and ORCID iDs. */
    public static List<ExpectedAuthor> expectedAuthors() {
        JsonNode expected = expected();
        List<ExpectedAuthor> authors = new ArrayList<>();
        expected.get("top5").forEach(author -> authors.add(new ExpectedAuthor(shortId(author.get("author").asString()),
                author.get("works_in_sample").asInt(), author.get("distinct_coauthors").asInt(), null)));
        expected.get("focal_authors").forEach(author -> authors.add(new ExpectedAuthor(
                shortId(author.get("id").asString()), author.get("works_in_sample").asInt(),
                author.get("distinct_coauthors_in_sample").asInt(),
                author.path("orcid").isString() ? shortId(author.get("orcid").asString()) : null)));
        return authors;
    }

    /**
     * How many works of the sample carry an authorship without an author id whose name could be that of
     * {@code authorId}: the same surname and first initial as a name the author is printed with (accents,
     * case and punctuation folded). Author resolution may rightly join such authorships to the author, so the author's
     * works in BZPEER lie between OpenAlex's count and that count plus this bound.
     */
    public static int nameOnlyWorksAlike(String authorId) {
        Set<String> blocks = new HashSet<>();
        List<Set<String>> nameOnlyBlocksByWork = new ArrayList<>();
        SharedData.forEachLine(SharedData.require(WORKS), (line, number) -> {
            Set<String> nameOnly = new HashSet<>();
            for (JsonNode authorship : JSON.readTree(line).get("authorships")) {
                JsonNode author = authorship.path("author");
                String printed = authorship.path("raw_author_name").asString(author.path("display_name").asString(""));
                if (!author.path("id").isString() || author.get("id").asString().isBlank()) {
                    nameOnly.add(block(printed));
                } else if (shortId(author.get("id").asString()).equals(authorId)) {
                    blocks.add(block(printed));
                    blocks.add(block(author.path("display_name").asString("")));
                }
            }
            nameOnlyBlocksByWork.add(nameOnly);
        });
        return (int) nameOnlyBlocksByWork.stream().filter(work -> !Collections.disjoint(work, blocks)).count();
    }

    /** Surname and first initial of a printed name ("Given Surname" or "Surname, Given"), folded. */
    private static String block(String printed) {
        String folded = Normalizer.normalize(printed, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}, ]", " ").replaceAll("\\s+", " ").strip();
        int comma = folded.indexOf(',');
        String surname = comma >= 0 ? folded.substring(0, comma) : folded.substring(folded.lastIndexOf(' ') + 1);
        String given = comma >= 0 ? folded.substring(comma + 1).strip() : folded.substring(0, Math.max(0,
                folded.lastIndexOf(' '))).strip();
        return surname.replaceAll("[^\\p{L}]", "") + " " + (given.isEmpty() ? "" : given.substring(0, 1));
    }

    /**
     * Publishes {@code works} at once and waits until {@code service} has applied them all ({@code appliedWorks}
     * reaches their number) and derived and published everything it owed ({@code unsettledRows}, outbox rows plus
     * pending derivations, reaches 0); prints the rates.
     */
    public static void publishAndAwaitConsumed(String service, List<WorkImported> works, LongSupplier appliedWorks,
            LongSupplier unsettledRows, Duration limit) {
        long start = System.nanoTime();
        TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
        double published = secondsSince(start);
        await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> appliedWorks.getAsLong() == works.size());
        double applied = secondsSince(start);
        await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> unsettledRows.getAsLong() == 0);
        System.out.printf(Locale.ROOT, "%s real-data run: %d works (%d authorships) published in %.1f s, applied after "
                        + "%.1f s (%.0f works/s), settled (outbox and derivations) after %.1f s%n", service, works.size(),
                works.stream().mapToInt(work -> work.getAuthorships().size()).sum(), published, applied,
                works.size() / applied, secondsSince(start));
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The bare id at the end of an OpenAlex or ORCID URL. */
    public static String shortId(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static WorkImported event(JsonNode record) {
        String workId = shortId(record.get("id").asString());
        List<Authorship> authorships = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode authorship : record.get("authorships")) {
            JsonNode author = authorship.path("author");
            if (!author.path("id").isString() || author.get("id").asString().isBlank()) {
                continue;
            }
            String authorId = shortId(author.get("id").asString());
            if (!seen.add(authorId)) {
                continue;
            }
            String name = author.path("display_name").isString() ? author.get("display_name").asString()
                    : authorship.path("raw_author_name").asString("");
            authorships.add(Authorship.newBuilder()
                    .setPosition(authorships.size())
                    .setAuthorId(authorId)
                    .setDisplayName(name)
                    .setOrcid(author.path("orcid").isString() ? shortId(author.get("orcid").asString()) : null)
                    .setExternalIds(Map.of("openalex", authorId))
                    .setInstitutions(institutions(authorship))
                    .build());
        }
        JsonNode year = record.path("publication_year");
        return WorkImported.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setWorkId(workId)
                .setVersion(1)
                .setSource("openalex")
                .setIdentifiers(WorkIdentifiers.newBuilder()
                        .setOpenalexId(workId)
                        .setDoi(record.path("doi").isString() ? record.get("doi").asString()
                                .replaceFirst("^https?://(dx\\.)?doi\\.org/", "").toLowerCase(Locale.ROOT) : null)
                        .setPmid(record.path("ids").path("pmid").isString()
                                ? shortId(record.get("ids").get("pmid").asString()) : null)
                        .build())
                .setType(record.path("type").asString("article"))
                .setPublicationYear(year.isNumber() ? year.asInt() : null)
                .setTitle(record.path("display_name").isString() ? record.get("display_name").asString() : null)
                .setRetracted(record.path("is_retracted").asBoolean(false))
                .setAuthorships(authorships)
                .setTopics(topics(record))
                .build();
    }

    private static List<Institution> institutions(JsonNode authorship) {
        List<Institution> institutions = new ArrayList<>();
        for (JsonNode institution : authorship.path("institutions")) {
            String id = institution.path("id").isString() ? "openalex:" + shortId(institution.get("id").asString())
                    : null;
            String name = institution.path("display_name").isString() ? institution.get("display_name").asString()
                    : id;
            if (name != null) {
                institutions.add(Institution.newBuilder().setId(id).setName(name).build());
            }
        }
        return institutions;
    }

    private static List<Topic> topics(JsonNode record) {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode topic : record.path("topics")) {
            topics.add(Topic.newBuilder()
                    .setId("openalex:" + shortId(topic.get("id").asString()))
                    .setName(topic.get("display_name").asString())
                    .setScore(topic.path("score").isNumber() ? topic.get("score").asDouble() : null)
                    .build());
        }
        return topics;
    }
}
