package org.bzpeer.ingest.author.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bzpeer.ingest.work.application.BzpeerIds;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Author resolution behind real imports (HTTP, PostgreSQL, Kafka): authorships known only by name are settled into
 * people after the import, the works are published again naming them, and each retired id is announced with
 * {@code author.merged}; namesakes and different ORCID iDs stay apart; an unchanged re-import publishes nothing.
 * Every test uses surnames of its own, so the shared database's other authors never meet them.
 */
@ServiceTest
@TestPropertySource(properties = "bzpeer.ingest.resolution.linger=200ms")
class AuthorResolutionTest {

    private static final Random RANDOM = new Random();

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @RegisterExtension
    final RecordedTopic works = new RecordedTopic(Topics.WORK_IMPORTED.name());

    @RegisterExtension
    final RecordedTopic merges = new RecordedTopic(Topics.AUTHOR_MERGED.name());

    @Test
    void nameOnlyAuthorshipsOfOnePersonArePublishedOnceAsOneAuthor() {
        String surname = surname();
        String coauthor = "Joana " + surname();
        List<String> dois = List.of(doi(), doi(), doi());
        submit(work(dois.get(0), 2019, "Wei " + surname, coauthor));
        submit(work(dois.get(1), 2020, "W. " + surname, coauthor));
        submit(work(dois.get(2), 2021, "Wei " + surname, "J. " + coauthor.substring(6)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(dois.stream()
                .map(doi -> authorNamed(latest(doi), surname)).distinct()).hasSize(1));
        assertThat(dois.stream().map(doi -> authorNamed(latest(doi), coauthor.substring(6))).distinct())
                .as("the co-author, printed with an initial once").hasSize(1);
        String person = authorNamed(latest(dois.get(0)), surname);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dois).as("each work published once, never with an id of its own first")
                    .allSatisfy(doi -> assertThat(versions(doi)).hasSize(1));
            assertThat(merges.events(AuthorMerged.class)).as("no id readers never saw is announced retired")
                    .noneMatch(merge -> merge.getMergedInto().equals(person));
        });
    }

    @Test
    void aNameOnlyPersonKeepsTheIdOfTheirFirstPublishedWorkWhileLaterOnesArrive() {
        String surname = surname();
        String coauthor = "Joana " + surname();
        // later works get smaller work ids, so an id taken from the smallest work id would move with every arrival
        List<String> dois = Stream.generate(AuthorResolutionTest::doi).limit(3)
                .sorted(Comparator.comparing(AuthorResolutionTest::workId).reversed()).toList();
        for (int i = 0; i < dois.size(); i++) {
            submit(work(dois.get(i), 2019 + i, (i == 1 ? "W. " : "Wei ") + surname, coauthor));
            List<String> arrived = dois.subList(0, i + 1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(arrived.stream()
                    .map(doi -> authorNamed(latest(doi), surname)).distinct()).hasSize(1));
        }
        String person = authorNamed(latest(dois.get(0)), surname);
        assertThat(dois.subList(0, 2)).as("published once each, the first never again")
                .allSatisfy(doi -> assertThat(versions(doi)).hasSize(1));
        awaitSettled(dois.toArray(String[]::new));
        assertThat(dois.stream().map(doi -> authorNamed(latest(doi), surname))).containsOnly(person);

        String older = doi();
        submit(work(older, 2012, "Wei " + surname, coauthor));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Stream.concat(Stream.of(older), dois.stream()).map(doi -> authorNamed(latest(doi), surname)))
                .as("an older work moves the id to itself").containsOnly(authorNamed(latest(older), surname)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(merges.events(AuthorMerged.class))
                .filteredOn(merge -> merge.getAuthorId().equals(person)).extracting(AuthorMerged::getMergedInto)
                .containsOnly(authorNamed(latest(older), surname)).isNotEmpty());
    }

    @Test
    void namesakesWithNothingInCommonStayApart() {
        String surname = surname();
        String early = doi();
        String late = doi();
        submit(work(early, 1985, "Wei " + surname, "Ana " + surname()));
        submit(work(late, 2023, "Wei " + surname, "Bruno " + surname()));
        submit(work(doi(), 2022, "Wen " + surname, "Carla " + surname()));

        awaitSettled(early, late);
        assertThat(authorNamed(latest(early), surname)).isNotEqualTo(authorNamed(latest(late), surname));
    }

    @Test
    void differentOrcidsAreNeverOnePersonAndOneOrcidJoinsItsSourceIds() {
        String surname = surname();
        String coauthor = "Joana " + surname();
        String first = doi();
        String second = doi();
        String third = doi();
        submit(workBy(first, 2020, author("Maria " + surname, Map.of("orcid", "0000-0002-1825-0097",
                "openalex", "A" + (5_000_000_000L + RANDOM.nextInt(1_000_000)))), author(coauthor, Map.of())));
        submit(workBy(second, 2021, author("M. " + surname, Map.of("orcid", "0000-0002-1825-0097")),
                author(coauthor, Map.of())));
        submit(workBy(third, 2021, author("Maria " + surname, Map.of("orcid", "0000-0001-5109-3700")),
                author(coauthor, Map.of())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(authorNamed(latest(second), surname))
                .isEqualTo(authorNamed(latest(first), surname)));
        awaitSettled(third);
        assertThat(authorNamed(latest(third), surname)).isNotEqualTo(authorNamed(latest(first), surname));
    }

    @Test
    void anUnchangedReimportOfResolvedWorksPublishesNothing() {
        String surname = surname();
        String coauthor = "Joana " + surname();
        String firstDoi = doi();
        String secondDoi = doi();
        String first = work(firstDoi, 2019, "Wei " + surname, coauthor);
        String second = work(secondDoi, 2020, "W. " + surname, coauthor);
        submit(first);
        submit(second);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(authorNamed(latest(secondDoi), surname))
                .isEqualTo(authorNamed(latest(firstDoi), surname)));
        int published = works.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(30));

        submit(first).jsonPath("$.unchanged").isEqualTo(1);
        submit(second).jsonPath("$.unchanged").isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> works.records().size() == published);
    }

    @Test
    void aWorkHeldLongerThanTheMaximumIsPublishedAsRecordedAnyway() {
        String stuck = doi();
        String young = doi();
        submit(work(stuck, 2020, "Wei " + surname(), "Joana " + surname()));
        submit(work(young, 2020, "Wei " + surname(), "Joana " + surname()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of(stuck, young))
                .allSatisfy(doi -> assertThat(versions(doi)).hasSize(1)));
        String stuckId = latest(stuck).getWorkId();
        String youngId = latest(young).getWorkId();
        // holds nothing will end (a block no import marked): one past the maximum hold, one just begun
        hold(stuckId, "now() - interval '1 hour'");
        hold(youngId, "now()");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(versions(stuck)).as("published again as recorded").hasSize(2)
                    .extracting(WorkImported::getVersion).containsOnly(latest(stuck).getVersion());
            assertThat(heldWorks()).doesNotContain(stuckId);
        });
        assertThat(heldWorks()).as("not yet past the maximum hold").contains(youngId);
        assertThat(versions(young)).hasSize(1);
        database.sql("DELETE FROM held_work WHERE work_id = :id").bind("id", youngId).then().block();
    }

    private void hold(String workId, String since) {
        database.sql("INSERT INTO held_work (work_id, blocks, held_at) VALUES (:id, ARRAY['never marked'], "
                + since + ")").bind("id", workId).then().block();
    }

    private List<String> heldWorks() {
        return database.sql("SELECT work_id FROM held_work").map(row -> row.get("work_id", String.class)).all()
                .collectList().block();
    }

    /** Waits until the works were published and resolution had time to act on their blocks. */
    private void awaitSettled(String... dois) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(dois).stream().allMatch(doi -> !versions(doi)
                .isEmpty()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> List.of(dois).stream().map(this::latest).toList(), latest -> true);
    }

    private String authorNamed(WorkImported work, String surname) {
        return work.getAuthorships().stream().filter(authorship -> authorship.getDisplayName().endsWith(surname))
                .map(Authorship::getAuthorId).findFirst().orElseThrow();
    }

    /** The latest version of the work published with {@code doi}; an assertion error until it is published. */
    private WorkImported latest(String doi) {
        List<WorkImported> published = versions(doi);
        assertThat(published).as("versions of %s published", doi).isNotEmpty();
        return published.stream().max(Comparator.comparingLong(WorkImported::getVersion)).orElseThrow();
    }

    private List<WorkImported> versions(String doi) {
        return works.events(WorkImported.class).stream()
                .filter(work -> doi.equals(work.getIdentifiers().getDoi())).toList();
    }

    private WebTestClient.BodyContentSpec submit(String body) {
        return http.post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    private static String work(String doi, int year, String author, String coauthor) {
        return workBy(doi, year, author(author, Map.of()), author(coauthor, Map.of()));
    }

    private static String workBy(String doi, int year, String... authorships) {
        return "{\"identifiers\": {\"doi\": \"" + doi + "\"}, \"type\": \"article\", \"publicationYear\": " + year
                + ", \"title\": \"Paper " + doi + "\", \"authorships\": [" + String.join(", ", authorships) + "]}";
    }

    private static String author(String name, Map<String, String> ids) {
        return "{\"name\": \"" + name + "\", \"ids\": {" + ids.entrySet().stream()
                .map(id -> "\"" + id.getKey() + "\": \"" + id.getValue() + "\"").collect(Collectors.joining(", "))
                + "}}";
    }

    private static String workId(String doi) {
        return BzpeerIds.workId(new Key("doi", doi));
    }

    private static String doi() {
        return "10.5555/resolution-" + UUID.randomUUID();
    }

    /** A surname no other test uses: letters only, as names are matched on letters. */
    private static String surname() {
        StringBuilder surname = new StringBuilder().append((char) ('A' + RANDOM.nextInt(26)));
        for (int i = 0; i < 9; i++) {
            surname.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return surname.toString();
    }
}
