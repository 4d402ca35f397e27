package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every XML file of the shared data through the real endpoint, broker and database: every arXiv Atom fixture (sent as
 * {@code application/atom+xml}), two OAI-PMH pages (one as {@code application/xml}, its format found by its root
 * element, one gzip-encoded with {@code ?format=arxiv-oai}), both DBLP files ({@code text/xml}, and
 * {@code ?format=dblp}), and an XML file as a part of a bulk import. No request fails with a server error; the
 * rejections, with their reasons, are the expected ones; imported works are published with the identifiers and names
 * the formats map.
 */
@ServiceTest
class XmlSubmissionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType ATOM = MediaType.APPLICATION_ATOM_XML;

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    @Test
    void everyAtomFixtureImportsWithoutAServerError() throws IOException {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        List<String> rejections = new ArrayList<>();
        int received = 0;
        try (Stream<Path> files = Files.list(SharedData.require("arxiv/atom/arxivpy_fixtures/q_testing_s0_m10_"
                + "bc5a6c384fe9.atom.xml").getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                EntityExchangeResult<byte[]> result = post(Files.readAllBytes(file), ATOM, null, false);
                statuses.put(file.getFileName().toString(), result.getStatus().value());
                JsonNode summary = JSON.readTree(result.getResponseBody());
                received += summary.path("received").asInt();
                summary.path("errors").forEach(error -> rejections.add(file.getFileName() + " " + error));
            }
        }

        assertThat(statuses).allSatisfy((file, status) -> assertThat(status).as(file).isLessThan(500));
        assertThat(statuses).containsEntry("id_abc_s0_m100_b79c8dcf6bc3.atom.xml", 422)
                .containsEntry("id_0000.0000_s0_m100_8b51d9633a68.atom.xml", 400);
        assertThat(statuses.values()).filteredOn(status -> status == 200).hasSize(statuses.size() - 3);
        assertThat(received).isEqualTo(233);
        assertThat(rejections).singleElement().asString().contains("incorrect id format for abc");
        WorkImported murray = await().atMost(Duration.ofSeconds(30)).until(() -> published.events(WorkImported.class)
                .stream().filter(work -> "1111.2011".equals(work.getIdentifiers().getArxivId())).findFirst()
                .orElse(null), work -> work != null);
        assertThat(murray.getIdentifiers().getDoi()).isEqualTo("10.1103/physrevb.85.115117");
        assertThat(murray.getSource()).isEqualTo("arxiv");
        assertThat(murray.getType()).isEqualTo("preprint");
    }

    @Test
    void oaiPagesImportWhetherSniffedOrNamedAndGzipped() {
        Map<String, byte[]> pages = new LinkedHashMap<>();
        TarGzEntries.forEach(SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz"),
                Set.of("page_001.xml", "page_002.xml")::contains, pages::put);

        JsonNode sniffed = summary(post(pages.get("page_001.xml"), MediaType.APPLICATION_XML, null, false));
        JsonNode named = summary(post(pages.get("page_002.xml"), MediaType.APPLICATION_XML, "arxiv-oai", true));

        for (JsonNode summary : List.of(sniffed, named)) {
            assertThat(summary.path("received").asInt()).isEqualTo(1000);
            assertThat(summary.path("rejected").asInt()).as(summary.path("errors").toString()).isZero();
            assertThat(summary.path("created").asInt() + summary.path("updated").asInt()
                    + summary.path("unchanged").asInt()).isEqualTo(1000);
        }
        WorkImported charpillet = await().atMost(Duration.ofSeconds(60)).until(() -> published
                .events(WorkImported.class).stream().filter(work -> "0707.2506".equals(work.getIdentifiers()
                        .getArxivId())).findFirst().orElse(null), work -> work != null);
        assertThat(charpillet.getAuthorships()).extracting(authorship -> authorship.getDisplayName())
                .containsExactly("Raghav Aras", "Alain Dutech", "François Charpillet");
    }

    @Test
    void bothDblpFilesImportAndThePersonPageIsRejectedWithItsReason() throws IOException {
        JsonNode fatcat = summary(post(Files.readAllBytes(SharedData.require("dblp/fatcat_example_dblp.xml")),
                MediaType.TEXT_XML, null, false));
        JsonNode head = summary(post(Files.readAllBytes(SharedData.require("dblp/shenka123_dblp_head.xml")),
                MediaType.APPLICATION_XML, "dblp", false));

        assertThat(fatcat.path("received").asInt()).isEqualTo(5);
        assertThat(fatcat.path("rejected").asInt()).isEqualTo(1);
        assertThat(fatcat.path("errors").get(0).path("record").asInt()).isEqualTo(4);
        assertThat(fatcat.path("errors").get(0).path("reason").asString())
                .isEqualTo("a DBLP person page (www record homepages/g/OdedGoldreich), not a work");
        assertThat(head.path("received").asInt()).isEqualTo(131);
        assertThat(head.path("rejected").asInt()).isZero();
        WorkImported singh = await().atMost(Duration.ofSeconds(30)).until(() -> published.events(WorkImported.class)
                .stream().filter(work -> "10.1007/978-0-387-31439-6_559".equals(work.getIdentifiers().getDoi()))
                .findFirst().orElse(null), work -> work != null);
        assertThat(singh.getAuthorships()).singleElement()
                .satisfies(authorship -> assertThat(authorship.getDisplayName()).isEqualTo("Manish Singh"));
        assertThat(singh.getSource()).isEqualTo("dblp");
    }

    @Test
    void anXmlFileIsAPartOfABulkImportLikeAnyOther() throws IOException {
        String importId = JSON.readTree(http.post().uri("/api/v1/imports")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"dblp\"}")
                .exchange().expectStatus().isCreated().expectBody(byte[].class).returnResult().getResponseBody())
                .path("id").asString();

        http.post().uri("/api/v1/imports/{id}/parts?name=fatcat_example_dblp.xml", importId)
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_XML)
                .bodyValue(Files.readAllBytes(SharedData.require("dblp/fatcat_example_dblp.xml")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.received").isEqualTo(5).jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("$");
    }

    @Test
    void brokenXmlKeepsTheRecordsBeforeTheBreakAndNamesThePlace() {
        String body = XmlSubmissionReaderTest.oai(XmlSubmissionReaderTest.record("0801.0001")
                + XmlSubmissionReaderTest.record("0801.0002")).replace("</ListRecords>", "</ListRecord>");

        JsonNode summary = summary(post(body.getBytes(StandardCharsets.UTF_8),
                MediaType.APPLICATION_XML, null, false));

        assertThat(summary.path("received").asInt()).isEqualTo(3);
        assertThat(summary.path("rejected").asInt()).isEqualTo(1);
        assertThat(summary.path("errors").get(0).path("reason").asString())
                .startsWith("the XML body is broken here: ParseError at [row,col]:[");
    }

    private EntityExchangeResult<byte[]> post(byte[] body, MediaType type, String format, boolean gzip) {
        return http.mutate().responseTimeout(Duration.ofSeconds(300)).build()
                .post().uri(builder -> builder.path("/api/v1/works").queryParamIfPresent("format",
                        Optional.ofNullable(format)).build())
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .header("Content-Encoding", gzip ? "gzip" : "identity")
                .contentType(type)
                .bodyValue(gzip ? SubmissionReaderTest.gzip(body) : body)
                .exchange()
                .expectBody(byte[].class).returnResult();
    }

    private static JsonNode summary(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).as(new String(result.getResponseBody())).isEqualTo(200);
        return JSON.readTree(result.getResponseBody());
    }
}
