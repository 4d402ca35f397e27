package org.bzpeer.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    private static final CorpusShape SHAPE = HandMadeShape.shape();

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        String first = digest(new SyntheticCorpus(SHAPE, 42, 1_000, "synthetic", 1));
        String again = digest(new SyntheticCorpus(SHAPE, 42, 1_000, "synthetic", 1));
        String otherSeed = digest(new SyntheticCorpus(SHAPE, 43, 1_000, "synthetic", 1));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aRangeIsExactlyThatPartOfTheWholeCorpus() {
        SyntheticCorpus corpus = new SyntheticCorpus(SHAPE, 42, 1_000, "synthetic", 1);
        List<CorpusWork> whole = new ArrayList<>();
        corpus.forEach(whole::add);
        List<CorpusWork> range = new ArrayList<>();
        corpus.forEach(250, 777, range::add);

        assertThat(whole).hasSize(1_000);
        assertThat(range).isEqualTo(whole.subList(250, 777));
    }

    @Test
    void theGeneratedCorpusKeepsTheShapeItWasDrawnFrom() {
        ShapeStatistics measured = ShapeStatistics.of(SHAPE);
        ShapeStatistics generated = generatedStatistics(SHAPE, 4 * SHAPE.works());

        assertSameShape(generated, measured);
    }

    @Test
    void theGeneratedCorpusKeepsTheShapeOfTheRealSample() {
        Optional<OpenAlexSample> sample = TestCorpora.realSample();
        assumeTrue(sample.isPresent(), "the shared data (../shared/data) is not here; set BZPEER_SHARED_DATA");
        CorpusShape.Builder builder = CorpusShape.builder();
        sample.get().forEachWork(builder);
        CorpusShape real = builder.shape();

        assertSameShape(generatedStatistics(real, 2 * real.works()), ShapeStatistics.of(real));
    }

    @Test
    void worksAreValidRecordsOfOurFormatWithUniqueDoisAndCheckedOrcids() throws IOException {
        SyntheticCorpus corpus = new SyntheticCorpus(SHAPE, 42, 400, "latency", 2);
        ObjectMapper json = new ObjectMapper();
        List<String> dois = new ArrayList<>();
        List<CorpusWork> works = new ArrayList<>();
        corpus.forEach(works::add);
        for (CorpusWork work : works) {
            JsonNode record = json.readTree(BzpeerJson.record(work));
            assertThat(record.path("type").asText()).isNotBlank();
            assertThat(record.path("title").asText()).isNotBlank();
            assertThat(record.path("authorships").size()).isPositive();
            record.path("authorships").forEach(authorship -> {
                assertThat(authorship.path("name").asText()).isNotBlank();
                if (authorship.path("ids").has("orcid")) {
                    assertThat(authorship.path("ids").path("orcid").asText()).matches("0009-2\\d{3}-\\d{4}-\\d{3}[\\dX]");
                }
                if (authorship.path("ids").has("openalex")) {
                    assertThat(authorship.path("ids").path("openalex").asText()).matches("A92\\d{10}");
                }
            });
            dois.add(record.path("identifiers").path("doi").asText());
        }
        assertThat(dois).doesNotHaveDuplicates().allMatch(doi -> doi.startsWith("10.5555/bzpeer.latency."));
    }

    @Test
    void orcidsCarryTheIso7064CheckCharacter() {
        assertThat(SyntheticCorpus.orcid("000000021825009")).isEqualTo("0000-0002-1825-0097");
        assertThat(SyntheticCorpus.orcid("000000021694233")).isEqualTo("0000-0002-1694-233X");
    }

    private static ShapeStatistics generatedStatistics(CorpusShape shape, long works) {
        CorpusShape.Builder generated = CorpusShape.builder();
        new SyntheticCorpus(shape, SyntheticCorpus.DEFAULT_SEED, works, "synthetic", 1).forEach(generated);
        return ShapeStatistics.of(generated.shape());
    }

    private static void assertSameShape(ShapeStatistics generated, ShapeStatistics measured) {
        assertThat(generated.authorsPerWork()).isCloseTo(measured.authorsPerWork(), within(0.05 * measured.authorsPerWork()));
        assertThat(generated.singleAuthorWorks()).isCloseTo(measured.singleAuthorWorks(), offset(0.03));
        assertThat(generated.openAlexIdShare()).isCloseTo(measured.openAlexIdShare(), offset(0.01));
        assertThat(generated.orcidShare()).isCloseTo(measured.orcidShare(), offset(0.04));
        assertThat(generated.distinctAuthorsPerAuthorship()).isCloseTo(measured.distinctAuthorsPerAuthorship(),
                within(0.1 * measured.distinctAuthorsPerAuthorship()));
        assertThat(generated.singleWorkAuthors()).isCloseTo(measured.singleWorkAuthors(), offset(0.05));
        assertThat(generated.mostWorksOfOneAuthor()).isCloseTo(measured.mostWorksOfOneAuthor(),
                within(Math.max(2, measured.mostWorksOfOneAuthor() / 10)));
        assertThat(generated.medianYear()).isCloseTo(measured.medianYear(), within(1));
        assertThat(generated.topicsPerWork()).isCloseTo(measured.topicsPerWork(), within(0.05 * measured.topicsPerWork()));
        assertThat(generated.institutionsPerAuthorship()).isCloseTo(measured.institutionsPerAuthorship(),
                within(0.05 * measured.institutionsPerAuthorship()));
        assertThat(generated.abstractShare()).isCloseTo(measured.abstractShare(), offset(0.03));
    }

    private static String digest(SyntheticCorpus corpus) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        corpus.forEach(work -> {
            sha256.update(BzpeerJson.record(work));
            sha256.update((byte) '\n');
        });
        return HexFormat.of().formatHex(sha256.digest());
    }
}
