package org.bzpeer.profile.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.bzpeer.profile.author.application.ProfileProjection;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

import tools.jackson.databind.JsonNode;

/**
 * Author search and autocomplete on a real broker and database: works in through the consumer, names found through
 * the API however the query spells them. Every test uses a surname of its own, so tests sharing the database never
 * see each other's authors.
 */
@ServiceTest
class AuthorSearchTest {

    @Autowired
    WebTestClient http;

    @Autowired
    ProfileProjection projection;

    @Autowired
    DatabaseClient database;

    private String surname;
    private String orcid;
    private String fullName;
    private String initials;
    private String prefixOnly;
    private String otherFirstName;

    /**
     * Four authors: "Carole-Jean Wu…" (2 works, ORCID, a university), "C. J. Wu…" (1 work, initials only),
     * "Carolena Jeanne Wu…" (5 works: only begins with the query's words) and "Carole Wu…" (no Jean: never a hit
     * for Carole Jean).
     */
    @BeforeEach
    void fourAuthors() {
        surname = "Wu" + uniqueId("").substring(0, 8);
        orcid = randomOrcid();
        fullName = uniqueId("a_");
        initials = uniqueId("a_");
        prefixOnly = uniqueId("a_");
        otherFirstName = uniqueId("a_");
        publish(fullName, "Carole-Jean " + surname, 2, "Université de Test " + surname);
        publish(initials, "C. J. " + surname, 1, "Other Institute");
        publish(prefixOnly, "Carolena Jeanne " + surname, 5, "Other Institute");
        publish(otherFirstName, "Carole " + surname, 1, "Other Institute");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> worksFound(search("q", "C " + surname)) == 9);
    }

    @Test
    void accentsCaseDashesCommasAndWordOrderFindTheExactNameFirst() {
        for (String spelling : List.of("Carole-Jean " + surname, "carole jean " + surname.toLowerCase(),
                "Carolé Jean " + surname, surname + ", Carole-Jean", "CAROLE\u2013JEAN " + surname.toUpperCase(),
                "  carole\u00A0jean\u00AD " + surname + "  ")) {
            assertThat(ids(search("q", spelling))).as(spelling).containsExactly(fullName, initials, prefixOnly);
        }
    }

    @Test
    void initialsMatchFullFirstNamesBothWays() {
        assertThat(ids(search("q", "C.-J. " + surname))).containsExactly(initials, prefixOnly, fullName);
        assertThat(ids(search("q", "jean carole " + surname))).containsExactly(fullName, initials, prefixOnly);
        assertThat(ids(search("q", "C " + surname))).startsWith(prefixOnly, fullName)
                .containsExactlyInAnyOrder(prefixOnly, fullName, initials, otherFirstName);
    }

    @Test
    void hitsCarryWhatAResultListShows() {
        JsonNode first = search("q", "Carole-Jean " + surname).get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo(fullName);
        assertThat(first.get("name").asString()).isEqualTo("Carole-Jean " + surname);
        assertThat(first.get("orcid").asString()).isEqualTo(orcid);
        assertThat(first.get("affiliation").get("name").asString()).isEqualTo("Université de Test " + surname);
        assertThat(first.get("works").asInt()).isEqualTo(2);
    }

    @Test
    void filtersByOrcidAndInstitution() {
        assertThat(ids(search("q", "carole " + surname, "orcid", "https://orcid.org/" + orcid)))
                .containsExactly(fullName);
        assertThat(ids(search("q", "carole " + surname, "institution", "université de test")))
                .containsExactly(fullName);
        assertThat(ids(search("q", "carole " + surname, "institution", "openalex:I" + surname)))
                .containsExactly(fullName);
        assertThat(ids(search("q", "carole " + surname, "institution", "Other Institute")))
                .containsExactly(otherFirstName, initials, prefixOnly);
        assertThat(ids(search("q", "carole " + surname, "orcid", randomOrcid()))).isEmpty();
    }

    @Test
    void pagesFollowTheRankingWithCursorsAndLimitsAreChecked() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = cursor == null ? search("q", "carole jean " + surname, "limit", "1")
                    : search("q", "carole jean " + surname, "limit", "1", "cursor", cursor);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactly(fullName, initials, prefixOnly);

        assertProblem("limit", "/api/v1/authors", "q", "wu", "limit", "101");
        assertProblem("limit", "/api/v1/authors", "q", "wu", "limit", "0");
        assertProblem("cursor", "/api/v1/authors", "q", "wu", "cursor", "bm9wZQ");
        assertProblem("q", "/api/v1/authors", "q", " \u00AD ");
        assertProblem("q", "/api/v1/authors");
        assertProblem("q", "/api/v1/authors", "q", "C.");
        assertProblem("q", "/api/v1/authors", "q", "a b c d e f g h i j k l m");
        assertProblem("q", "/api/v1/authors/autocomplete", "q", "-");
        assertProblem("limit", "/api/v1/authors/autocomplete", "q", "wu", "limit", "21");
    }

    @Test
    void autocompleteSuggestsNamesWithAWordBeginningWithEachTypedWordMostWorksFirst() {
        String typed = "Caro " + surname.substring(0, surname.length() - 2);
        JsonNode suggestions = http.get().uri(uri("/api/v1/authors/autocomplete", "q", typed)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ids(suggestions)).containsExactly(prefixOnly, fullName, otherFirstName);
        assertThat(suggestions.get("items").get(0).propertyNames()).containsExactlyInAnyOrder("id", "name", "works");
        assertThat(suggestions.get("items").get(0).get("works").asInt()).isEqualTo(5);

        JsonNode limited = http.get().uri(uri("/api/v1/authors/autocomplete", "q", "carol\u00E9 " + surname,
                "limit", "2")).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
        assertThat(ids(limited)).containsExactly(prefixOnly, fullName);
    }

    /** One typed word takes the prefix index's ranking, cut before any author row is read; it follows new works. */
    @Test
    void autocompleteOfOneWordRanksByTheWorkCountOfNowAndNamesAnAuthorOnce() {
        String twice = uniqueId("a_");
        publish(twice, surname + " " + surname + "son", 3, "Other Institute");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(suggest(surname)).contains(twice));
        List<String> tied = new ArrayList<>(List.of(initials, otherFirstName));
        tied.sort(null);
        assertThat(ids(suggest(surname))).containsExactly(prefixOnly, twice, fullName, tied.get(0), tied.get(1));
        assertThat(ids(suggest(surname.substring(0, 2) + " " + surname))).startsWith(prefixOnly, twice, fullName);

        publish(otherFirstName, "Carole " + surname, 5, "Other Institute");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(suggest(surname)).get(0).equals(otherFirstName));
        assertThat(suggest(surname).get("items").get(0).get("works").asInt()).isEqualTo(6);
        assertThat(ids(suggest(surname.toLowerCase() + "so"))).containsExactly(twice);
    }

    /**
     * The prefix index is kept by triggers on the author row: a renamed author is suggested by the new name only, a
     * removed one no more, and afterwards the index holds exactly every prefix of every author's tokens with the
     * author's work count.
     */
    @Test
    void autocompleteFollowsRenamesAndRemovalsAndItsIndexMatchesTheAuthorRows() {
        WorkImported renaming = work(uniqueId("w_"), 1, 2030, "Renamed", List.of(otherFirstName));
        renaming.getAuthorships().get(0).setDisplayName("Carla Jeannot " + surname);
        TestEvents.publish(Topics.WORK_IMPORTED, renaming.getWorkId(), renaming);
        String leaving = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported listed = work(workId, 1, 2021, "Listed", List.of(leaving));
        listed.getAuthorships().get(0).setDisplayName("Zoltan " + surname);
        TestEvents.publish(Topics.WORK_IMPORTED, workId, listed);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(suggest("carla " + surname)).equals(List.of(otherFirstName))
                        && ids(suggest("zolt " + surname)).equals(List.of(leaving)));
        assertThat(ids(suggest("caro " + surname))).containsExactly(prefixOnly, fullName);

        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 2, 2021, "Listed", List.of(uniqueId("a_"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(suggest("zolt " + surname)).isEmpty());
        assertThat(prefixRowsOutOfStep()).isZero();
    }

    /** Rows of author_name_prefix that the author rows do not imply, and rows they imply that it lacks. */
    private long prefixRowsOutOfStep() {
        String implied = """
                SELECT p.prefix, a.work_count, a.author_id
                FROM author a CROSS JOIN LATERAL unnest(name_prefixes(a.name_tokens)) AS p(prefix)""";
        String stored = "SELECT prefix, work_count, author_id FROM author_name_prefix";
        return database.sql("SELECT count(*) AS rows FROM ((" + implied + " EXCEPT ALL " + stored + ") UNION ALL ("
                        + stored + " EXCEPT ALL " + implied + ")) AS difference")
                .map((row, meta) -> row.get("rows", Long.class)).one().block();
    }

    private JsonNode suggest(String typed) {
        return http.get().uri(uri("/api/v1/authors/autocomplete", "q", typed)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void aRenamedAuthorIsFoundByTheNewNameOnly() {
        WorkImported newer = work(uniqueId("w_"), 1, 2030, "Renamed", List.of(otherFirstName));
        newer.getAuthorships().get(0).setDisplayName("Carla Jeannot " + surname);
        TestEvents.publish(Topics.WORK_IMPORTED, newer.getWorkId(), newer);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(search("q", "carla " + surname)).contains(otherFirstName));
        assertThat(ids(search("q", "Carla Jeannot " + surname))).containsExactly(otherFirstName, initials);
        assertThat(ids(search("q", "carole " + surname))).doesNotContain(otherFirstName);
    }

    @Test
    void authorsStoredBeforeSearchExistedAreFoldedWhenTheServiceStarts() {
        database.sql("UPDATE author SET name_tokens = '{}', name_tokens_of = NULL WHERE author_id = :id")
                .bind("id", fullName).fetch().rowsUpdated().block();
        assertThat(ids(search("q", "carole jean " + surname))).doesNotContain(fullName);

        projection.refreshStaleNameTokens();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids(search("q", "carole jean " + surname)).equals(
                        List.of(fullName, initials, prefixOnly)));
    }

    private void publish(String authorId, String name, int works, String institution) {
        for (int i = 0; i < works; i++) {
            String workId = uniqueId("w_");
            WorkImported event = work(workId, 1, 2020 + i, "Work " + i, List.of(authorId));
            Authorship authorship = event.getAuthorships().get(0);
            authorship.setDisplayName(name);
            authorship.setExternalIds(Map.of());
            authorship.setInstitutions(List.of(Institution.newBuilder()
                    .setId(institution.startsWith("Other") ? "openalex:I1" : "openalex:I" + surname)
                    .setName(institution).setCountryCode("FR").build()));
            if (authorId.equals(fullName)) {
                authorship.setOrcid(orcid);
            }
            TestEvents.publish(Topics.WORK_IMPORTED, workId, event);
        }
    }

    private JsonNode search(String... parameters) {
        return http.get().uri(uri("/api/v1/authors", parameters)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void assertProblem(String field, String path, String... parameters) {
        http.get().uri(uri(path, parameters)).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/invalid-request")
                .jsonPath("$.field").isEqualTo(field);
    }

    /** {@code path} with the query {@code parameters} (name, value, name, value...), values encoded in full. */
    private static Function<UriBuilder, URI> uri(String path, String... parameters) {
        return builder -> {
            builder.path(path);
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < parameters.length; i += 2) {
                builder.queryParam(parameters[i], "{p" + i + "}");
                values.put("p" + i, parameters[i + 1]);
            }
            return builder.build(values);
        };
    }

    /** An ORCID iD of this test alone (ISO 7064 11,2 check digit), so no other test's author shares it. */
    private static String randomOrcid() {
        String digits = "0009" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        int total = 0;
        for (char digit : digits.toCharArray()) {
            total = (total + digit - '0') * 2;
        }
        int check = (12 - total % 11) % 11;
        String all = digits + (check == 10 ? "X" : String.valueOf(check));
        return all.substring(0, 4) + "-" + all.substring(4, 8) + "-" + all.substring(8, 12) + "-" + all.substring(12);
    }

    private static int worksFound(JsonNode page) {
        int works = 0;
        for (JsonNode item : page.get("items")) {
            works += item.get("works").asInt();
        }
        return works;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
