package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * ORCID records through the real endpoint on a real broker and database. A work summary names its owner alone, so it
 * creates a work with that one authorship when the work is new, but never shrinks the byline of a work known from a
 * full record: the owner's authorship there gains the ORCID, and a re-import publishes nothing. A full record that
 * arrives later replaces the partial byline; a second owner's record adds them to a partial one. What an owner's record
 * said (their ORCID iD on their authorship, identifiers the work lacked) survives later full records that lack it.
 */
@ServiceTest
class OrcidImportTest {

    private static final String OWNER = "0000-0002-1825-0097";
    private static final String SECOND_OWNER = "0000-0001-5109-3700";

    @Autowired
    WebTestClient http;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    @Test
    void theSharedOrcidRecordImportsAsNoRecordWithNothingRejected() throws Exception {
        Path file = SharedData.dir().resolve("orcid/fatcat_0000-0001-8254-7103.json");
        assumeTrue(Files.isRegularFile(file), SharedData.missing(file));

        ImportSummary summary = post("orcid", MediaType.APPLICATION_JSON, Files.readString(file))
                .expectStatus().isOk().expectBody(ImportSummary.class).returnResult().getResponseBody();

        assertThat(summary.received()).isZero();
        assertThat(summary.rejected()).isZero();
        http.get().uri(summary.report()).header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.counts.received").isEqualTo(0)
                .jsonPath("$.counts.rejected").isEqualTo(0)
                .jsonPath("$.parts[0].format").isEqualTo("orcid");
    }

    @Test
    void aNewWorkIsCreatedWithItsOwnerAsTheOneAuthorship() {
        String doi = "10.5555/orcid-new-" + UUID.randomUUID();

        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", doi))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(1).jsonPath("$.created").isEqualTo(1);

        WorkImported work = latest(doi, version -> true);
        assertThat(work.getSource()).isEqualTo("orcid");
        assertThat(work.getType()).isEqualTo("article");
        assertThat(work.getTitle()).isEqualTo("Toward a Unified Theory of High-Energy Metaphysics");
        assertThat(work.getPublicationDate()).isEqualTo("2008-02-29");
        assertThat(work.getVenue().getName()).isEqualTo("Journal of Psychoceramics");
        assertThat(work.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .containsExactly(tuple("Josiah Carberry", OWNER));
    }

    @Test
    void aWorkKnownFromCrossrefKeepsItsBylineAndTheOwnersAuthorshipGainsTheOrcid() {
        String doi = "10.5555/orcid-known-" + UUID.randomUUID();
        post("crossref", MediaType.APPLICATION_JSON, crossref(doi)).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1);
        WorkImported fromCrossref = latest(doi, version -> true);

        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", doi))
                .expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(1);

        WorkImported claimed = latest(doi, version -> pmid(doi).equals(version.getIdentifiers().getPmid()));
        assertThat(claimed.getSource()).isEqualTo("crossref");
        assertThat(claimed.getTitle()).isEqualTo(fromCrossref.getTitle());
        assertThat(claimed.getIdentifiers().getPmid()).as("an identifier the work lacked").isEqualTo(pmid(doi));
        assertThat(claimed.getAuthorships()).extracting(Authorship::getDisplayName)
                .containsExactly("Ada Lovelace", "J. S. Carberry", "Charles Babbage");
        assertThat(claimed.getAuthorships()).extracting(Authorship::getOrcid)
                .containsExactly(null, OWNER, null);
        assertThat(claimed.getAuthorships().get(0).getAuthorId())
                .isEqualTo(fromCrossref.getAuthorships().get(0).getAuthorId());

        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", doi))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.unchanged").isEqualTo(1).jsonPath("$.updated").isEqualTo(0);
        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(SECOND_OWNER, "Grace", "Hopper", doi))
                .expectStatus().isOk().expectBody().jsonPath("$.unchanged").isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(versions(doi)).last().satisfies(last -> assertThat(last.getAuthorships())
                        .extracting(Authorship::getDisplayName, Authorship::getOrcid)
                        .as("an owner missing from a full byline is not added to it")
                        .containsExactly(tuple("Ada Lovelace", null), tuple("J. S. Carberry", OWNER),
                                tuple("Charles Babbage", null))));
    }

    @Test
    void aPartialBylineGainsTheOtherOwnersAndALaterFullRecordReplacesIt() {
        String doi = "10.5555/orcid-partial-" + UUID.randomUUID();
        post("orcid", MediaType.parseMediaType(WorkImportController.NDJSON),
                orcidRecord(OWNER, "Josiah", "Carberry", doi) + "\n"
                        + orcidRecord(SECOND_OWNER, "Grace", "Hopper", doi))
                .expectStatus().isOk().expectBody().jsonPath("$.received").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(0);
        assertThat(latest(doi, version -> version.getAuthorships().size() == 2).getAuthorships())
                .extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .containsExactly(tuple("Josiah Carberry", OWNER), tuple("Grace Hopper", SECOND_OWNER));

        post("crossref", MediaType.APPLICATION_JSON, crossref(doi)).expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(1);

        WorkImported full = latest(doi, version -> version.getSource().equals("crossref"));
        assertThat(full.getSource()).isEqualTo("crossref");
        assertThat(full.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .as("the owners' records still say who they are; an owner the full byline lacks is not added")
                .containsExactly(tuple("Ada Lovelace", null), tuple("J. S. Carberry", OWNER),
                        tuple("Charles Babbage", null));
    }

    @Test
    void aLaterFullRecordLackingTheOrcidKeepsWhatTheOwnersRecordSaid() {
        String doi = "10.5555/orcid-kept-" + UUID.randomUUID();
        post("crossref", MediaType.APPLICATION_JSON, crossref(doi)).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1);
        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", doi))
                .expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(1);
        WorkImported claimed = latest(doi, version -> pmid(doi).equals(version.getIdentifiers().getPmid()));

        post("crossref", MediaType.APPLICATION_JSON, crossref(doi)).expectStatus().isOk()
                .expectBody().jsonPath("$.unchanged").isEqualTo(1);
        post("crossref", MediaType.APPLICATION_JSON, crossref(doi).replace("\"type\"",
                        "\"abstract\": \"<jats:p>Revised.</jats:p>\", \"type\""))
                .expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(1);

        WorkImported revised = latest(doi, version -> "Revised.".equals(version.getAbstractText()));
        assertThat(revised.getVersion()).isEqualTo(claimed.getVersion() + 1);
        assertThat(revised.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .containsExactly(tuple("Ada Lovelace", null), tuple("J. S. Carberry", OWNER),
                        tuple("Charles Babbage", null));
        assertThat(revised.getIdentifiers().getPmid()).as("the identifier the owner's record gave")
                .isEqualTo(pmid(doi));
    }

    @Test
    void aWorkThatTheRecordJoinsToAnotherKeepsTheFullBylineOfTheOneItAbsorbs() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String arxivId = "2304." + (Math.floorMod(run.hashCode(), 90_000) + 10_000);
        String doi = "10.5555/orcid-joins-" + run;
        post("arxiv-kaggle", MediaType.parseMediaType(WorkImportController.NDJSON), """
                {"id": "%s", "title": "Metaphysics, unified", "abstract": "Text.", "authors": "A. Lovelace, \
                J. S. Carberry, C. Babbage", "authors_parsed": [["Lovelace", "Ada", ""], ["Carberry", "J. S.", ""], \
                ["Babbage", "Charles", ""]], "categories": "cs.LG", "doi": null, \
                "versions": [{"version": "v1", "created": "Mon, 2 Jan 2023 10:00:00 GMT"}]}""".formatted(arxivId))
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", doi)
                .replace("\"external-id-type\": \"pmid\"", "\"external-id-type\": \"arxiv\"")
                .replace("\"" + pmid(doi) + "\"", "\"" + arxivId + "\""))
                .expectStatus().isOk().expectBody().jsonPath("$.rejected").isEqualTo(0);

        WorkImported joined = latest(doi, version -> true);
        assertThat(joined.getIdentifiers().getArxivId()).isEqualTo(arxivId);
        assertThat(joined.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .containsExactly(tuple("Ada Lovelace", null), tuple("J. S. Carberry", OWNER),
                        tuple("Charles Babbage", null));
    }

    @Test
    void aBylinePrintingTheOwnerUnderAnotherOfTheirNamesGivesThatAuthorshipTheirOrcidAndTheirAuthorId() {
        String run = UUID.randomUUID().toString();
        String formerName = "10.5555/orcid-former-name-" + run;
        String ownWork = "10.5555/orcid-own-work-" + run;
        post("crossref", MediaType.APPLICATION_JSON, crossref(formerName).replace("\"family\": \"Carberry\"",
                "\"family\": \"Smith\"")).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);
        post("orcid", MediaType.APPLICATION_JSON, orcidRecord(OWNER, "Josiah", "Carberry", ownWork))
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

        post("orcid", MediaType.APPLICATION_JSON, withOtherNames(
                orcidRecord(OWNER, "Josiah", "Carberry", formerName), "Josiah Stinkney Smith"))
                .expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(1);

        WorkImported claimed = latest(formerName, version -> version.getAuthorships().get(1).getOrcid() != null);
        assertThat(claimed.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .containsExactly(tuple("Ada Lovelace", null), tuple("J. S. Smith", OWNER),
                        tuple("Charles Babbage", null));
        assertThat(claimed.getAuthorships().get(1).getAuthorId()).as("one person under both names")
                .isEqualTo(latest(ownWork, version -> true).getAuthorships().get(0).getAuthorId());
        // the full record again meets the owner's stored claim, other names and all: nothing changes
        post("crossref", MediaType.APPLICATION_JSON, crossref(formerName).replace("\"family\": \"Carberry\"",
                "\"family\": \"Smith\"")).expectStatus().isOk().expectBody().jsonPath("$.unchanged")
                .isEqualTo(1);
    }

    @Test
    void aNameOnlyAuthorshipPrintingAnOwnersOtherNameJoinsThemOnceTheirRecordSaysSo() {
        String renamedOwner = "0000-0003-1234-5674";
        String run = UUID.randomUUID().toString();
        String nameOnly = "10.5555/orcid-other-name-elsewhere-" + run;
        String ownWork = "10.5555/orcid-other-name-own-" + run;
        post("crossref", MediaType.APPLICATION_JSON, crossref(nameOnly)
                .replace("{\"given\": \"J. S.\", \"family\": \"Carberry\"}",
                        "{\"given\": \"Josefine\", \"family\": \"Wendeler\"}"))
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);
        String ownId = latest(nameOnly, version -> true).getAuthorships().get(1).getAuthorId();

        post("orcid", MediaType.APPLICATION_JSON, withOtherNames(
                orcidRecord(renamedOwner, "Josefine", "Quastberg", ownWork), "Josefine Wendeler"))
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

        String ownerId = latest(ownWork, version -> true).getAuthorships().get(0).getAuthorId();
        WorkImported joined = latest(nameOnly,
                version -> ownerId.equals(version.getAuthorships().get(1).getAuthorId()));
        assertThat(joined.getAuthorships()).extracting(Authorship::getDisplayName, Authorship::getOrcid)
                .as("joined by resolution, not claimed: the record does not list the work")
                .containsExactly(tuple("Ada Lovelace", null), tuple("Josefine Wendeler", null),
                        tuple("Charles Babbage", null));
        assertThat(ownerId).isNotEqualTo(ownId);
    }

    /** Waits until the last version of the work with {@code doi} is {@code settled}, and answers it. */
    private WorkImported latest(String doi, Predicate<WorkImported> settled) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !versions(doi).isEmpty()
                && settled.test(versions(doi).get(versions(doi).size() - 1)));
        List<WorkImported> versions = versions(doi);
        return versions.get(versions.size() - 1);
    }

    private List<WorkImported> versions(String doi) {
        return published.events(WorkImported.class).stream()
                .filter(work -> doi.equals(work.getIdentifiers().getDoi())).toList();
    }

    private WebTestClient.ResponseSpec post(String format, MediaType contentType, String body) {
        return http.post().uri("/api/v1/works?format=" + format)
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(contentType)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    /** A Crossref article of three authors, the second of whom is the owner, printed with initials, no ORCID. */
    private static String crossref(String doi) {
        return """
                {"DOI": "%s", "type": "journal-article", "title": ["Metaphysics, unified"],
                 "container-title": ["Journal of Psychoceramics"], "issued": {"date-parts": [[2008, 2]]},
                 "author": [{"given": "Ada", "family": "Lovelace"}, {"given": "J. S.", "family": "Carberry"},
                            {"given": "Charles", "family": "Babbage"}]}""".formatted(doi).replace("\n", " ");
    }

    /** A PubMed id of the work with {@code doi} alone, so that works of different tests never meet by it. */
    private static String pmid(String doi) {
        return String.valueOf(10_000_000 + Math.floorMod(doi.hashCode(), 80_000_000));
    }

    /** {@code record} (of {@link #orcidRecord}) whose owner also goes by {@code otherNames}. */
    private static String withOtherNames(String record, String... otherNames) {
        String names = Arrays.stream(otherNames).map(name -> "{\"content\": \"" + name + "\"}")
                .collect(Collectors.joining(", "));
        return record.replace("\"credit-name\": null}}",
                "\"credit-name\": null}, \"other-names\": {\"other-name\": [" + names + "]}}");
    }

    /** An ORCID v3.0 record of one owner listing one work, with a DOI and a PubMed id, on one line. */
    private static String orcidRecord(String orcid, String given, String family, String doi) {
        return """
                {"orcid-identifier": {"uri": "https://orcid.org/%1$s", "path": "%1$s", "host": "orcid.org"},
                 "person": {"name": {"given-names": {"value": "%2$s"}, "family-name": {"value": "%3$s"},
                                     "credit-name": null}},
                 "activities-summary": {"works": {"group": [{"work-summary": [
                   {"put-code": 1, "display-index": "1", "type": "journal-article",
                    "title": {"title": {"value": "Toward a Unified Theory of High-Energy Metaphysics"}},
                    "external-ids": {"external-id": [
                      {"external-id-type": "doi", "external-id-value": "%4$s", "external-id-relationship": "self"},
                      {"external-id-type": "pmid", "external-id-value": "%5$s",
                       "external-id-relationship": "self"}]},
                    "publication-date": {"year": {"value": "2008"}, "month": {"value": "02"},
                                         "day": {"value": "29"}},
                    "journal-title": {"value": "Journal of Psychoceramics"}}]}]}}}"""
                .formatted(orcid, given, family, doi, pmid(doi)).replace("\n", " ");
    }
}
