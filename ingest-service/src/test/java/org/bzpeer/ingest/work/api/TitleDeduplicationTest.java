package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A work first seen without identifiers and a copy that has them become one work, through the real endpoint on a
 * real broker and database: in either order, in one batch or two, with the year one off; the copy without
 * identifiers never changes the identified work's content, the retired id is published once with {@code mergedInto}
 * and kept as an alias, and a re-import publishes nothing. A year two off, another first author, a generic title, or
 * two identified works with the title keep works apart; a namesake arriving after the merge undoes it, and two
 * namesakes found to be one work by their identifiers take the copy in. A copy's authorships are mentions for author
 * resolution only while it is a work of its own.
 */
@ServiceTest
class TitleDeduplicationTest {

    private static final Random RANDOM = new Random();

    private static final MediaType NDJSON = MediaType.parseMediaType(WorkImportController.NDJSON);

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    private final DatabaseCoordinates database = TestInfrastructure.database("ingest");
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String title = "Sparse spectral estimators for " + run + " lattices";
    private final String doi = "10.5555/title-" + run;

    @Test
    void aCopyWithoutIdentifiersFirstIsMergedIntoTheIdentifiedWorkThatFollows() {
        submit(work(null, "SPARSE spectral estimators for " + run + " lattices.", 2021, "Grace Hopper", null))
                .expectBody().jsonPath("$.created").isEqualTo(1);
        WorkImported copy = awaitEvent(null);

        submit(work(doi, title, 2020, "Hopper, G.", "What the estimators do.")).expectBody()
                .jsonPath("$.created").isEqualTo(1);

        WorkImported article = awaitEvent(doi);
        assertThat(article.getAbstractText()).isEqualTo("What the estimators do.");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(versionsOf(copy.getWorkId()))
                .extracting(WorkImported::getMergedInto).containsExactly(null, article.getWorkId()));
        assertThat(aliasOf(copy.getWorkId())).isEqualTo(article.getWorkId());

        afterAnotherWork();
        int events = published.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(20));
        submit(work(null, "SPARSE spectral estimators for " + run + " lattices.", 2021, "Grace Hopper", null) + "\n"
                + work(doi, title, 2020, "Hopper, G.", "What the estimators do."))
                .expectBody().jsonPath("$.unchanged").isEqualTo(2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> published.records().size() == events);
    }

    @Test
    void aCopyWithoutIdentifiersAfterTheIdentifiedWorkChangesNothing() {
        submit(work(doi, title, 2020, "Grace Hopper", "What the estimators do.")).expectBody()
                .jsonPath("$.created").isEqualTo(1);
        WorkImported article = awaitEvent(doi);

        submit(work(null, title, 2019, "G. Hopper", null)).expectBody()
                .jsonPath("$.created").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(1);

        assertThat(afterAnotherWork()).filteredOn(work -> article.getWorkId().equals(work.getMergedInto()))
                .as("the copy's own id, merged at once").singleElement()
                .satisfies(copy -> assertThat(aliasOf(copy.getWorkId())).isEqualTo(article.getWorkId()));
        assertThat(titled()).singleElement().satisfies(only -> {
            assertThat(only.getWorkId()).isEqualTo(article.getWorkId());
            assertThat(only.getIdentifiers().getDoi()).isEqualTo(doi);
            assertThat(only.getAbstractText()).isEqualTo("What the estimators do.");
        });
    }

    @Test
    void aCopyMadeAmbiguousByALaterNamesakeIsAWorkOfItsOwnAgain() {
        submit(work(doi, title, 2020, "Grace Hopper", null) + "\n" + work(null, title, 2020, "Grace Hopper", null))
                .expectBody().jsonPath("$.created").isEqualTo(1).jsonPath("$.unchanged").isEqualTo(1);
        String articleId = awaitEvent(doi).getWorkId();
        String copyId = afterAnotherWork().stream().filter(work -> articleId.equals(work.getMergedInto()))
                .findFirst().orElseThrow().getWorkId();

        submit(work(doi + "-erratum", title, 2021, "Grace Hopper", null)).expectBody()
                .jsonPath("$.created").isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(versionsOf(copyId))
                .as("then perhaps again once resolution settled its authors")
                .extracting(WorkImported::getVersion, WorkImported::getMergedInto, WorkImported::getTitle)
                .startsWith(tuple(1L, articleId, null), tuple(2L, null, title)));
        assertThat(aliasOf(copyId)).isNull();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(titled()).as("the erratum too")
                .hasSize(3).extracting(WorkImported::getMergedInto).containsOnlyNulls());
    }

    @Test
    void bothCopiesInOneBatchAreOneWorkWhicheverComesFirst() {
        submit(work(null, title, 2020, "Grace Hopper", null) + "\n" + work(doi, title, 2021, "Grace Hopper", "Text."))
                .expectBody().jsonPath("$.created").isEqualTo(1).jsonPath("$.unchanged").isEqualTo(1);
        String otherDoi = doi + "-b";
        String otherTitle = "Dense " + title;
        submit(work(otherDoi, otherTitle, 2021, "Grace Hopper", "Text.") + "\n"
                + work(null, otherTitle, 2020, "Grace Hopper", null))
                .expectBody().jsonPath("$.created").isEqualTo(1).jsonPath("$.unchanged").isEqualTo(1);

        assertThat(afterAnotherWork()).filteredOn(work -> work.getTitle() != null && work.getTitle().contains(run))
                .as("works published with the title, some again once resolution settled their authors")
                .extracting(work -> work.getIdentifiers().getDoi())
                .containsOnly(doi, otherDoi, doi + "-marker");
    }

    @Test
    void aYearTwoOffAnotherFirstAuthorOrAGenericTitleKeepWorksApart() {
        submit(work(doi, title, 2020, "Grace Hopper", null) + "\n"
                + work(null, title, 2022, "Grace Hopper", null) + "\n"
                + work(null, title, 2020, "Ada Hopkins", null))
                .expectBody().jsonPath("$.created").isEqualTo(3);
        String generic = "Editorial";
        submit(work(doi + "-e", generic, 2020, "Grace Hopper" + run, null) + "\n"
                + work(null, generic, 2020, "Grace Hopper" + run, null))
                .expectBody().jsonPath("$.created").isEqualTo(2);

        afterAnotherWork();
        assertThat(titled()).hasSize(3).extracting(WorkImported::getWorkId).doesNotHaveDuplicates();
        assertThat(published.events(WorkImported.class)).filteredOn(work -> generic.equals(work.getTitle())
                && work.getAuthorships().get(0).getDisplayName().endsWith(run)).hasSize(2);
    }

    @Test
    void twoIdentifiedWorksWithOneTitleStayApartAndACopyOfEitherIsAmbiguous() {
        submit(work(doi, title, 2020, "Grace Hopper", null) + "\n"
                + work(doi + "-erratum", title, 2021, "Grace Hopper", null))
                .expectBody().jsonPath("$.created").isEqualTo(2);
        submit(work(null, title, 2020, "Grace Hopper", null)).expectBody().jsonPath("$.created").isEqualTo(1);

        afterAnotherWork();
        assertThat(titled()).hasSize(3).extracting(WorkImported::getWorkId).doesNotHaveDuplicates();
        assertThat(titled()).extracting(WorkImported::getMergedInto).containsOnlyNulls();
    }

    @Test
    void aCopyOfTwoWorksFoundToBeOneJoinsThemWhateverTheirTitleNow() {
        String arxiv = "2304." + (Math.floorMod(run.hashCode(), 90_000) + 10_000);
        submit(work(null, title, 2020, "Grace Hopper", null) + "\n"
                + record("{\"arxiv\": \"" + arxiv + "\"}", title, 2019, named("Grace Hopper"), null) + "\n"
                + work(doi, title, 2020, "Grace Hopper", null))
                .expectBody().jsonPath("$.created").isEqualTo(3);
        String copyId = afterAnotherWork().stream().filter(work -> title.equals(work.getTitle())
                && work.getIdentifiers().getArxivId() == null && work.getIdentifiers().getDoi() == null)
                .findFirst().orElseThrow().getWorkId();

        submit(record("{\"doi\": \"" + doi + "\", \"arxiv\": \"" + arxiv + "\"}", "Retitled: " + title, 2020,
                named("Grace Hopper"), null)).expectBody().jsonPath("$.updated").isEqualTo(1);

        String articleId = awaitEvent(doi).getWorkId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(versionsOf(copyId))
                .extracting(WorkImported::getMergedInto).containsExactly(null, articleId));
    }

    @Test
    void aCopysAuthorshipsAreResolvedOnlyWhileItIsAWorkOfItsOwn() {
        String surname = surname();
        String coauthor = named("Joana " + surname());
        List<String> byline = List.of("{\"name\": \"Wei " + surname + "\", \"ids\": {\"openalex\": \"A"
                + (5_000_000_000L + RANDOM.nextInt(1_000_000)) + "\"}}", coauthor);
        submit(record(null, title, 2020, List.of(named("W. " + surname), coauthor), null)).expectBody()
                .jsonPath("$.created").isEqualTo(1);
        WorkImported copy = awaitEvent(null);
        String ownId = copy.getAuthorships().get(0).getAuthorId();
        assertThat(mentionsOf(copy.getWorkId())).extracting(mention -> mention.get(0))
                .containsExactly("W. " + surname, copy.getAuthorships().get(1).getDisplayName());

        submit(record("{\"doi\": \"" + doi + "\"}", title, 2020, byline, null)).expectBody()
                .jsonPath("$.created").isEqualTo(1);
        WorkImported article = awaitEvent(doi);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(versionsOf(copy.getWorkId()))
                .extracting(WorkImported::getMergedInto).containsExactly(null, article.getWorkId()));
        assertThat(mentionsOf(copy.getWorkId())).as("a merged copy's authorships are the work's").isEmpty();

        submit(record("{\"doi\": \"" + doi + "-erratum\"}", title, 2021, byline, null)).expectBody()
                .jsonPath("$.created").isEqualTo(1);

        String personId = article.getAuthorships().get(0).getAuthorId();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(versionsOf(copy.getWorkId()))
                .as("own content again, then its initials resolved to the person by the shared co-author")
                .extracting(WorkImported::getMergedInto, TitleDeduplicationTest::firstAuthorId)
                .containsExactly(tuple(null, ownId), tuple(article.getWorkId(), null), tuple(null, ownId),
                        tuple(null, personId)));
        assertThat(mentionsOf(copy.getWorkId())).hasSize(2).first()
                .isEqualTo(List.of("W. " + surname, personId));
    }

    /**
     * Imports an unrelated work and waits for its event, so every event of the requests before it has arrived: held
     * for author resolution like theirs (its author's block is theirs), it is published when they are.
     */
    private List<WorkImported> afterAnotherWork() {
        String marker = doi + "-marker";
        submit(work(marker, "Marker " + run, 2020, "Grace Hopper", null)).expectStatus().isOk();
        awaitEvent(marker);
        return published.events(WorkImported.class);
    }

    /** The latest version of every work published with this test's title, merged ones included. */
    private List<WorkImported> titled() {
        List<WorkImported> latest = new ArrayList<>();
        for (WorkImported event : published.events(WorkImported.class)) {
            latest.removeIf(earlier -> earlier.getWorkId().equals(event.getWorkId()));
            if (title.equals(event.getTitle()) || event.getMergedInto() != null
                    && versionsOf(event.getWorkId()).stream().anyMatch(v -> title.equals(v.getTitle()))) {
                latest.add(event);
            }
        }
        return latest;
    }

    private List<WorkImported> versionsOf(String workId) {
        return published.events(WorkImported.class).stream().filter(w -> w.getWorkId().equals(workId)).toList();
    }

    /** The first event of the work with {@code doi}, or of one without DOI carrying this test's run in its title. */
    private WorkImported awaitEvent(String withDoi) {
        await().atMost(Duration.ofSeconds(20)).until(() -> published.events(WorkImported.class).stream()
                .anyMatch(work -> matches(work, withDoi)));
        return published.events(WorkImported.class).stream().filter(work -> matches(work, withDoi))
                .findFirst().orElseThrow();
    }

    private boolean matches(WorkImported work, String withDoi) {
        return withDoi == null ? work.getIdentifiers().getDoi() == null && work.getTitle() != null
                && work.getTitle().contains(run) : withDoi.equals(work.getIdentifiers().getDoi());
    }

    private String aliasOf(String retiredId) {
        return rows("SELECT surviving_id FROM work_alias WHERE retired_id = ?", retiredId).stream()
                .map(row -> row.get(0)).findFirst().orElse(null);
    }

    /** The printed name and author id of each author mention of {@code workId}, in byline order. */
    private List<List<String>> mentionsOf(String workId) {
        return rows("SELECT printed, author_id FROM author_mention WHERE work_id = ? ORDER BY position", workId);
    }

    /** The rows {@code sql} selects with {@code parameter}, each as its columns' text. */
    private List<List<String>> rows(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        columns.add(row.getString(column));
                    }
                    rows.add(columns);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstAuthorId(WorkImported work) {
        return work.getAuthorships().stream().findFirst().map(Authorship::getAuthorId).orElse(null);
    }

    /** A surname no other test uses: letters only, as names are matched on letters. */
    private static String surname() {
        StringBuilder surname = new StringBuilder().append((char) ('A' + RANDOM.nextInt(26)));
        for (int i = 0; i < 9; i++) {
            surname.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return surname.toString();
    }

    private WebTestClient.ResponseSpec submit(String ndjson) {
        return http.post().uri("/api/v1/works?format=bzpeer")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(NDJSON)
                .bodyValue(ndjson.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isOk();
    }

    private static String work(String doi, String title, int year, String firstAuthor, String abstractText) {
        return record(doi == null ? null : "{\"doi\": \"" + doi + "\"}", title, year, named(firstAuthor),
                abstractText);
    }

    private static String record(String identifiers, String title, int year, String firstAuthorship,
            String abstractText) {
        return record(identifiers, title, year, List.of(firstAuthorship, named("Second Author")), abstractText);
    }

    /** A record of {@code byline} (JSON authorships). */
    private static String record(String identifiers, String title, int year, List<String> byline,
            String abstractText) {
        return "{" + (identifiers == null ? "" : "\"identifiers\": " + identifiers + ", ")
                + "\"type\": \"article\", \"publicationYear\": " + year + ", \"title\": \"" + title + "\", "
                + (abstractText == null ? "" : "\"abstract\": \"" + abstractText + "\", ")
                + "\"authorships\": [" + String.join(", ", byline) + "]}";
    }

    /** An authorship known by its name only. */
    private static String named(String name) {
        return "{\"name\": \"" + name + "\"}";
    }
}
