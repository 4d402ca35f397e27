package org.bzpeer.graph.coauthorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The explorer API on a real broker and database: pair counts and years kept through replaced versions, ranked
 * topics and institutions, neighbourhood bounds for a prolific author, collaboration paths found and not found.
 */
@ServiceTest
class ExplorerApiTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @Autowired
    WebTestClient http;

    @Test
    void pairsKeepTheirSharedWorksAndFirstAndLastYearThroughReplacedVersions() {
        String me = uniqueId("a_");
        String other = uniqueId("a_");
        String early = uniqueId("w_");
        String middle = uniqueId("w_");
        String late = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, early, work(early, 1, 2015, "Early", List.of(me, other)));
        TestEvents.publish(Topics.WORK_IMPORTED, middle, work(middle, 1, 2018, "Middle", List.of(other, me)));
        TestEvents.publish(Topics.WORK_IMPORTED, late, work(late, 1, 2021, "Late", List.of(me, other)));
        awaitSummary(me, summary -> summary.get("workCount").asInt() == 3);

        JsonNode pair = collaborators(me).get("items").get(0);
        assertThat(pair.get("sharedWorks").asInt()).isEqualTo(3);
        assertThat(pair.get("firstSharedYear").asInt()).isEqualTo(2015);
        assertThat(pair.get("lastSharedYear").asInt()).isEqualTo(2021);
        assertThat(collaborators(other).get("items").get(0).get("lastSharedYear").asInt()).isEqualTo(2021);

        TestEvents.publish(Topics.WORK_IMPORTED, late, work(late, 2, 2021, "Late, alone", List.of(me)));
        TestEvents.publish(Topics.WORK_IMPORTED, early, work(early, 2, 2016, "Early, corrected", List.of(me, other)));
        await().atMost(EVENTUALLY).until(() -> collaborators(me).get("items").get(0).get("sharedWorks").asInt() == 2
                && collaborators(me).get("items").get(0).get("firstSharedYear").asInt() == 2016);
        JsonNode shrunk = collaborators(me).get("items").get(0);
        assertThat(shrunk.get("lastSharedYear").asInt()).as("the 2021 work no longer links them").isEqualTo(2018);
        assertThat(collaborators(other).get("items").get(0).get("lastSharedYear").asInt()).isEqualTo(2018);

        TestEvents.publish(Topics.WORK_IMPORTED, early, work(early, 3, 2016, "Early, alone", List.of(me)));
        TestEvents.publish(Topics.WORK_IMPORTED, middle, work(middle, 2, 2018, "Middle, alone", List.of(other)));
        await().atMost(EVENTUALLY).until(() -> collaborators(me).get("total").asInt() == 0
                && collaborators(other).get("total").asInt() == 0);
    }

    @Test
    void topicsAndInstitutionsAreRankedWithTheirCountsAndYears() {
        String me = uniqueId("a_");
        String often = uniqueId("T");
        String recent = uniqueId("T");
        String once = uniqueId("T");
        List<WorkImported> works = List.of(
                withTopics(work(uniqueId("w_"), 1, 2010, "One", List.of(me)), often, once),
                withTopics(work(uniqueId("w_"), 1, 2012, "Two", List.of(me)), often, recent),
                withTopics(work(uniqueId("w_"), 1, 2020, "Three", List.of(me)), often, recent));
        works.get(2).getAuthorships().get(0).setInstitutions(List.of(institution("I_new", "New Institute")));
        TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
        awaitSummary(me, summary -> summary.get("workCount").asInt() == 3);

        JsonNode topics = await().atMost(EVENTUALLY).until(() -> get("/api/v1/authors/" + me + "/topics"),
                page -> page.get("total").asInt() == 3);
        assertThat(topics.get("items")).extracting(item -> item.get("id").asString())
                .containsExactly(often, recent, once);
        JsonNode first = topics.get("items").get(0);
        assertThat(first.get("name").asString()).isEqualTo("Topic " + often);
        assertThat(first.get("works").asInt()).isEqualTo(3);
        assertThat(first.get("firstYear").asInt()).isEqualTo(2010);
        assertThat(first.get("lastYear").asInt()).isEqualTo(2020);
        assertThat(topics.get("items").get(1).get("works").asInt()).isEqualTo(2);
        assertThat(topics.get("items").get(2).get("lastYear").asInt()).isEqualTo(2010);
        JsonNode limited = get("/api/v1/authors/" + me + "/topics?limit=1");
        assertThat(limited.get("items")).hasSize(1);
        assertThat(limited.get("total").asInt()).isEqualTo(3);

        JsonNode institutions = get("/api/v1/authors/" + me + "/institutions");
        assertThat(institutions.get("items")).extracting(item -> item.get("name").asString())
                .containsExactly("Institute 0", "New Institute");
        assertThat(institutions.get("items").get(0).get("works").asInt()).isEqualTo(2);
        assertThat(institutions.get("items").get(0).get("lastYear").asInt()).isEqualTo(2012);
        assertThat(institutions.get("items").get(1).get("firstYear").asInt()).isEqualTo(2020);

        http.get().uri("/api/v1/authors/{id}/topics?limit=0", me).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.field").isEqualTo("limit");
        for (String path : List.of("topics", "institutions", "graph")) {
            http.get().uri("/api/v1/authors/a_doesnotexist/" + path).exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.detail").isEqualTo("No author with id 'a_doesnotexist'");
        }
    }

    @Test
    void theNeighbourhoodOfAnAuthorWithAThousandWorksAndTwoThousandCoauthorsStaysBounded() {
        String centre = uniqueId("a_");
        List<String> coauthors = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            coauthors.add(uniqueId("a_"));
        }
        List<WorkImported> works = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // every co-author once, the first ten on a tenth of the works each
            List<String> byline = List.of(centre, coauthors.get(2 * i), coauthors.get(2 * i + 1),
                    coauthors.get(i % 10));
            WorkImported work = work(uniqueId("w_"), 1, 1990 + i % 30, "Work " + i,
                    new ArrayList<>(new LinkedHashSet<>(byline)));
            works.add(withTopics(work, "T_" + centre + "_" + i % 40));
        }
        for (int j = 0; j < 300; j++) {
            // co-authors of the strongest co-authors whom the centre never wrote with
            works.add(work(uniqueId("w_"), 1, 2024, "Elsewhere " + j,
                    List.of(coauthors.get(j % 10), uniqueId("a_out"))));
        }
        TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
        awaitSummary(centre, summary -> summary.get("workCount").asInt() == 1000
                && summary.get("coauthorCount").asInt() == 2000);
        await().atMost(EVENTUALLY).until(() -> get("/api/v1/authors/" + centre + "/topics").get("total").asInt()
                == 40);

        JsonNode near = get("/api/v1/authors/" + centre + "/graph?limit=25");
        assertThat(near.get("depth").asInt()).isEqualTo(1);
        assertThat(count(near, "author")).isEqualTo(26);
        assertThat(count(near, "work")).isEqualTo(25);
        assertThat(count(near, "topic")).isEqualTo(25);
        assertThat(count(near, "institution")).isEqualTo(1);
        assertThat(near.get("nodes").get(0).get("id").asString()).isEqualTo("author:" + centre);
        assertThat(near.get("nodes").get(0).get("weight").asInt()).isEqualTo(1000);
        assertThat(near.get("nodes").get(1).get("weight").asInt()).as("the strongest co-author first")
                .isGreaterThanOrEqualTo(100);
        assertThat(near.get("omitted").get("coauthors").asInt()).isEqualTo(1975);
        assertThat(near.get("omitted").get("works").asInt()).isEqualTo(975);
        assertThat(near.get("omitted").get("topics").asInt()).isEqualTo(15);
        assertThat(near.get("omitted").get("institutions").asInt()).isZero();
        assertThat(near.get("omittedIsExact").asBoolean()).isTrue();
        assertThat(near.get("edges")).hasSize(25 + 25 + 25 + 1);
        assertEdgesJoinNodes(near);

        JsonNode far = get("/api/v1/authors/" + centre + "/graph?depth=2&limit=100");
        assertThat(far.get("nodes").size()).isLessThanOrEqualTo(1 + 5 * 100);
        assertThat(count(far, "author")).isEqualTo(1 + 100 + 100);
        int links = 0;
        for (JsonNode edge : far.get("edges")) {
            if (edge.get("type").asString().equals("coauthor")
                    && !edge.get("source").asString().equals("author:" + centre)) {
                links++;
            }
        }
        assertThat(links).isPositive().isLessThanOrEqualTo(4 * 100);
        assertThat(far.get("omitted").get("secondDegreeAuthors").asInt()).isPositive();
        assertThat(far.get("omittedIsExact").asBoolean())
                .as("the strongest co-authors have more co-authors than a depth-2 scan reads").isFalse();
        assertEdgesJoinNodes(far);

        http.get().uri("/api/v1/authors/{id}/graph?depth=3", centre).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("depth");
        http.get().uri("/api/v1/authors/{id}/graph?limit=101", centre).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("limit");
        http.get().uri("/api/v1/authors/{id}/graph?limit=many", centre).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("limit");
    }

    @Test
    void aShortestChainOfCoauthorsIsFoundWithItsLinkingWorksUpToSixHops() {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            chain.add(uniqueId("a_"));
        }
        List<WorkImported> works = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            works.add(work(uniqueId("w_"), 1, 2000 + i, "Link " + i, List.of(chain.get(i), chain.get(i + 1))));
        }
        works.add(work(uniqueId("w_"), 1, 2020, "Link 1 again", List.of(chain.get(2), chain.get(1))));
        // a shortcut from 0 to 6: shorter than the chain to 6, 7 and 8, longer than the chain to 3
        String shortcut = uniqueId("a_");
        works.add(work(uniqueId("w_"), 1, 2010, "Shortcut", List.of(chain.get(0), shortcut, chain.get(6))));
        String stranger = uniqueId("a_");
        works.add(work(uniqueId("w_"), 1, 2010, "Alone", List.of(stranger)));
        TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
        for (String author : List.of(chain.get(0), chain.get(3), chain.get(8), shortcut, stranger)) {
            awaitSummary(author, summary -> summary.get("workCount").asInt() >= 1);
        }

        JsonNode three = path(chain.get(0), chain.get(3), "");
        assertThat(three.get("connected").asBoolean()).isTrue();
        assertThat(three.get("distance").asInt()).isEqualTo(3);
        assertThat(three.get("steps")).extracting(step -> step.get("to").get("id").asString())
                .containsExactly(chain.get(1), chain.get(2), chain.get(3));
        JsonNode second = three.get("steps").get(1);
        assertThat(second.get("from").get("name").asString()).isEqualTo("Author " + chain.get(1));
        assertThat(second.get("sharedWorks").asInt()).isEqualTo(2);
        assertThat(second.get("works")).extracting(work -> work.get("title").asString())
                .containsExactly("Link 1 again", "Link 1");
        JsonNode tooFar = path(chain.get(0), chain.get(3), "&maxHops=2");
        assertThat(tooFar.get("connected").asBoolean()).isFalse();
        assertThat(tooFar.get("searchComplete").asBoolean()).isTrue();

        JsonNode viaShortcut = path(chain.get(0), chain.get(6), "");
        assertThat(viaShortcut.get("distance").asInt()).isEqualTo(1);
        assertThat(viaShortcut.get("steps").get(0).get("works").get(0).get("title").asString())
                .isEqualTo("Shortcut");
        JsonNode around = path(chain.get(8), chain.get(0), "");
        assertThat(around.get("steps")).extracting(step -> step.get("to").get("id").asString())
                .containsExactly(chain.get(7), chain.get(6), chain.get(0));

        JsonNode none = path(chain.get(0), stranger, "");
        assertThat(none.get("connected").asBoolean()).isFalse();
        assertThat(none.get("distance").isNull()).isTrue();
        assertThat(none.get("steps")).isEmpty();
        assertThat(none.get("maxHops").asInt()).isEqualTo(6);
        assertThat(none.get("searchComplete").asBoolean()).isTrue();
        assertThat(path(chain.get(0), chain.get(0), "").get("distance").asInt()).isZero();

        http.get().uri("/api/v1/graph/path?from={from}&to=a_doesnotexist", chain.get(0)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No author with id 'a_doesnotexist'");
        http.get().uri("/api/v1/graph/path?from={from}", chain.get(0)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("to");
        http.get().uri("/api/v1/graph/path?from={from}&to={to}&maxHops=7", chain.get(0), chain.get(1)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("maxHops");
    }

    @Test
    void aChainLongerThanSixHopsIsNotConnectedWithinSix() {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chain.add(uniqueId("a_"));
        }
        List<WorkImported> works = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            works.add(work(uniqueId("w_"), 1, 2000 + i, "Link " + i, List.of(chain.get(i), chain.get(i + 1))));
        }
        TestEvents.publishAll(Topics.WORK_IMPORTED, works, WorkImported::getWorkId);
        awaitSummary(chain.get(0), summary -> summary.get("workCount").asInt() == 1);
        awaitSummary(chain.get(7), summary -> summary.get("workCount").asInt() == 1);

        assertThat(path(chain.get(0), chain.get(6), "").get("distance").asInt()).isEqualTo(6);
        JsonNode seven = path(chain.get(0), chain.get(7), "");
        assertThat(seven.get("connected").asBoolean()).isFalse();
        assertThat(seven.get("searchComplete").asBoolean()).isTrue();
    }

    private static WorkImported withTopics(WorkImported work, String... topicIds) {
        List<Topic> topics = new ArrayList<>();
        for (String id : topicIds) {
            topics.add(Topic.newBuilder().setId(id).setName("Topic " + id).setScore(0.5).build());
        }
        work.setTopics(topics);
        return work;
    }

    private static Institution institution(String id, String name) {
        return Institution.newBuilder().setId(id).setName(name).setCountryCode("SA").build();
    }

    private static int count(JsonNode neighbourhood, String type) {
        int count = 0;
        for (JsonNode node : neighbourhood.get("nodes")) {
            count += node.get("type").asString().equals(type) ? 1 : 0;
        }
        return count;
    }

    private static void assertEdgesJoinNodes(JsonNode neighbourhood) {
        Set<String> ids = new HashSet<>();
        neighbourhood.get("nodes").forEach(node -> ids.add(node.get("id").asString()));
        assertThat(ids).as("node ids are unique").hasSize(neighbourhood.get("nodes").size());
        for (JsonNode edge : neighbourhood.get("edges")) {
            assertThat(ids).contains(edge.get("source").asString(), edge.get("target").asString());
        }
    }

    private JsonNode path(String from, String to, String extra) {
        return get("/api/v1/graph/path?from=" + from + "&to=" + to + extra);
    }

    private JsonNode collaborators(String authorId) {
        return get("/api/v1/authors/" + authorId + "/collaborators");
    }

    private JsonNode get(String uri) {
        return http.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode awaitSummary(String authorId, Predicate<JsonNode> condition) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> {
            var result = http.get().uri("/api/v1/authors/{id}/graph-summary", authorId).exchange()
                    .returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, summary -> summary != null && condition.test(summary));
    }
}
