package org.bzpeer.ingest.work.format;

import org.bzpeer.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The local demo's works of Carole-Jean Wu ({@code deploy/local/demo/carole-jean-wu.works.json}) are valid
 * {@code bzpeer} records and are exactly the works listed on her researcher page in the shared seed.
 */
class DemoFixtureTest {

    private static final Path FIXTURE = SharedData.repositoryFile("deploy/local/demo/carole-jean-wu.works.json");
    private static final String SEED_PAGE = "000_e5fc8d0efc4209bc.txt";
    /** A work's heading line on the page: type, year and venue run together, e.g. {@code preprint2026arXiv}. */
    private static final Pattern WORK_HEADING = Pattern.compile("([a-z-]+)(\\d{4})(arXiv)");

    private final BzpeerWorkFormat format = new BzpeerWorkFormat(TestRecords.LIMITS);

    @Test
    void everyRecordOfTheFixtureParses() throws IOException {
        List<SubmittedWork> works = parseFixture();

        assertThat(works).hasSize(26);
        assertThat(works).allSatisfy(work -> {
            assertThat(work.source()).isEqualTo("bzpeer");
            assertThat(work.type()).isEqualTo("preprint");
            assertThat(work.publicationYear()).isBetween(2019, 2026);
            assertThat(work.venue()).isEqualTo(new SubmittedVenue("arXiv", null, "repository", null));
            assertThat(work.identifiers()).isEmpty();
            assertThat(work.abstractText()).isNull();
            assertThat(work.topics()).isEmpty();
            assertThat(work.authorships()).containsExactly(new SubmittedAuthorship("Carole-Jean Wu",
                    Map.of("bzpeer-demo", "carole-jean-wu"), List.of(), false));
        });
        assertThat(works).extracting(SubmittedWork::title).doesNotHaveDuplicates();
    }

    @Test
    void theFixtureHoldsExactlyTheWorksOfTheSeedPage() throws IOException {
        Path page = SharedData.requireSibling("seed").resolve(SEED_PAGE);
        assumeTrue(Files.isRegularFile(page),
                "seed page " + page + " is missing; skipping the title check");
        List<String> lines = List.of(Files.readString(page, StandardCharsets.UTF_8).split("\n", -1));
        List<String> pageWorks = new ArrayList<>();
        for (int i = 0; i + 2 < lines.size(); i++) {
            Matcher heading = WORK_HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                pageWorks.add(heading.group(1) + " " + heading.group(2) + " " + lines.get(i + 2));
            }
        }

        List<String> fixtureWorks = parseFixture().stream()
                .map(w -> w.type() + " " + w.publicationYear() + " " + w.title()).toList();

        assertThat(pageWorks).hasSize(26);
        assertThat(fixtureWorks).containsExactlyElementsOf(pageWorks);
        assertThat(lines).containsAll(parseFixture().stream().map(SubmittedWork::title).toList());
    }

    private List<SubmittedWork> parseFixture() throws IOException {
        JsonNode array = TestRecords.MAPPER.readTree(FIXTURE);
        assertThat(array.isArray()).as("the fixture is a JSON array").isTrue();
        List<SubmittedWork> works = new ArrayList<>();
        for (JsonNode record : array) {
            works.add(format.parse(record));
        }
        return works;
    }
}
