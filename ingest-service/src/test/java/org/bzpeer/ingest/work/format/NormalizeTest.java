package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeTest {

    @Nested
    class Dois {

        @ParameterizedTest
        @ValueSource(strings = {
                "10.1016/J.RSER.2024.114646",
                "doi:10.1016/j.rser.2024.114646",
                "DOI: 10.1016/j.rser.2024.114646",
                "https://doi.org/10.1016/j.rser.2024.114646",
                "http://dx.doi.org/10.1016/j.rser.2024.114646",
                "https://www.doi.org/10.1016/j.rser.2024.114646",
                "  10.1016/j.rser.2024.114646\u200E "})
        void everyWrittenFormGivesTheBareLowerCaseDoi(String raw) {
            assertThat(Normalize.doi(raw)).isEqualTo("10.1016/j.rser.2024.114646");
        }

        @Test
        void dashLookAlikesBecomeHyphens() {
            assertThat(Normalize.doi("10.5194/se\u201012\u20131777\u22122021")).isEqualTo("10.5194/se-12-1777-2021");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "11.1016/x", "https://example.org/10.1/x", "10.1016", "10.1016/",
                "10.1016/a b"})
        void anythingThatIsNotADoiIsRefused(String raw) {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.doi(raw));
        }

        @Test
        void theMinimalShapeIsAccepted() {
            assertThat(Normalize.doi("10.x/y")).isEqualTo("10.x/y");
        }
    }

    @Nested
    class Orcids {

        @ParameterizedTest
        @ValueSource(strings = {
                "0000-0001-7056-6323",
                "https://orcid.org/0000-0001-7056-6323",
                "http://orcid.org/0000-0001-7056-6323",
                "orcid.org/0000-0001-7056-6323",
                "0000000170566323",
                "0000 0001 7056 6323",
                "0000\u20100001\u20137056\u22126323",
                "0000-0001-70\u00AD56-6323"})
        void everyWrittenFormGivesTheHyphenatedId(String raw) {
            assertThat(Normalize.orcid(raw)).isEqualTo("0000-0001-7056-6323");
        }

        @Test
        void anXCheckDigitIsUpperCase() {
            assertThat(Normalize.orcid("https://orcid.org/0000-0001-8042-998x")).isEqualTo("0000-0001-8042-998X");
        }

        @Test
        void aWrongCheckDigitIsRefusedAsSuch() {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.orcid("0000-0001-7056-6324"))
                    .withMessage("ORCID check digit does not match");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000-0001-7056-632", "0000-0001-7056-63234", "A000-0001-7056-6323",
                "https://example.org/0000-0001-7056-6323"})
        void malformedIdsAreRefused(String raw) {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.orcid(raw))
                    .withMessageContaining("must be an ORCID iD");
        }
    }

    @Nested
    class OpenAlexIds {

        @ParameterizedTest
        @ValueSource(strings = {"A5000180362", "a5000180362", "https://openalex.org/A5000180362",
                "https://api.openalex.org/authors/A5000180362", "openalex:A5000180362"})
        void everyWrittenFormGivesTheBareId(String raw) {
            assertThat(Normalize.openAlex(raw)).isEqualTo("A5000180362");
        }

        @Test
        void everyKindIsKnown() {
            assertThat(Normalize.openAlex("https://openalex.org/W4399880781")).isEqualTo("W4399880781");
            assertThat(Normalize.openAlex("https://openalex.org/I134085113")).isEqualTo("I134085113");
            assertThat(Normalize.openAlex("https://openalex.org/S68497187")).isEqualTo("S68497187");
            assertThat(Normalize.openAlex("https://openalex.org/T11302")).isEqualTo("T11302");
        }

        @Test
        void theKindCanBeRequired() {
            assertThat(Normalize.openAlex("w123", "W")).isEqualTo("W123");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.openAlex("A123", "W"))
                    .withMessage("must be an OpenAlex work (W...) id, not A123");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5000180362", "X123", "A", "A0123", "https://example.org/A123", "A12b"})
        void malformedIdsAreRefused(String raw) {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.openAlex(raw));
        }
    }

    @Nested
    class ArxivIds {

        @ParameterizedTest
        @ValueSource(strings = {"2301.01234", "arXiv:2301.01234", "arxiv:2301.01234v2", "2301.01234v12",
                "https://arxiv.org/abs/2301.01234", "http://arxiv.org/abs/2301.01234v3",
                "https://arxiv.org/pdf/2301.01234v1"})
        void newStyleIdsLoseTheirPrefixAndVersion(String raw) {
            assertThat(Normalize.arxiv(raw)).isEqualTo("2301.01234");
        }

        @ParameterizedTest
        @ValueSource(strings = {"cs/0112017", "arXiv:cs/0112017v1", "https://arxiv.org/abs/cs/0112017", "CS/0112017",
                "cs.AI/0112017"})
        void oldStyleIdsKeepTheirArchive(String raw) {
            assertThat(Normalize.arxiv(raw)).isEqualTo("cs/0112017");
        }

        @Test
        void fourDigitNumbersOfEarlyNewStyleIdsAreKept() {
            assertThat(Normalize.arxiv("0704.0001v1")).isEqualTo("0704.0001");
            assertThat(Normalize.arxiv("hep\u2010th/9901001")).isEqualTo("hep-th/9901001");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2301.123", "2301", "cs/011201", "10.48550/arxiv.2301.01234", "abs/2301.01234"})
        void malformedIdsAreRefused(String raw) {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.arxiv(raw));
        }

        @Test
        void arxivDataCiteDoisNameTheirPreprint() {
            assertThat(Normalize.arxivOfDoi(Normalize.doi("https://doi.org/10.48550/arXiv.2301.01234")))
                    .isEqualTo("2301.01234");
            assertThat(Normalize.arxivOfDoi("10.48550/arxiv.hep-th/9901001")).isEqualTo("hep-th/9901001");
            assertThat(Normalize.arxivOfDoi("10.48550/arxiv.not-an-id")).isNull();
            assertThat(Normalize.arxivOfDoi("10.1103/physrevd.76.013009")).isNull();
            assertThat(Normalize.arxivOfDoi(null)).isNull();
        }

        @Test
        void theImpliedArxivIdIsAddedUnlessTheWorkNamesOne() {
            Map<String, String> implied = new HashMap<>(
                    Map.of("doi", "10.48550/arxiv.2301.01234"));
            Map<String, String> named = new HashMap<>(
                    Map.of("doi", "10.48550/arxiv.2301.01234", "arxiv", "2301.09999"));

            Normalize.addImpliedIdentifiers(implied);
            Normalize.addImpliedIdentifiers(named);

            assertThat(implied).containsEntry("arxiv", "2301.01234");
            assertThat(named).containsEntry("arxiv", "2301.09999");
        }
    }

    @Nested
    class OtherIds {

        @Test
        void pubMedIds() {
            assertThat(Normalize.pmid("https://pubmed.ncbi.nlm.nih.gov/34567890")).isEqualTo("34567890");
            assertThat(Normalize.pmid("34567890")).isEqualTo("34567890");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.pmid("PMC123"));
            assertThat(Normalize.pmcid("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567")).isEqualTo("PMC1234567");
            assertThat(Normalize.pmcid("1234567")).isEqualTo("PMC1234567");
        }

        @Test
        void rorIssnAndCountry() {
            assertThat(Normalize.ror("https://ror.org/03yez3163")).isEqualTo("03yez3163");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.ror("https://ror.org/13yez3163"));
            assertThat(Normalize.issn("1364-0321")).isEqualTo("1364-0321");
            assertThat(Normalize.issn("2434-561x")).isEqualTo("2434-561X");
            assertThat(Normalize.issn("13640321")).isEqualTo("1364-0321");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.issn("0033-4533"))
                    .withMessage("ISSN check digit does not match");
            assertThat(Normalize.issnShape("0033-4533")).isEqualTo("0033-4533");
            assertThat(Normalize.countryCode("sa")).isEqualTo("SA");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.countryCode("SAU"));
        }

        @Test
        void unknownSchemesAreOnlyCleaned() {
            assertThat(Normalize.identifier(" carole\u2010jean\u2013wu\uFEFF")).isEqualTo("carole-jean-wu");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.identifier("\u200E "))
                    .withMessage("must not be blank");
        }

        @Test
        void controlCharactersRefuseAnIdentifierButAreRemovedFromTexts() {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.identifier("abc\u0007def"))
                    .withMessage("must not contain control characters");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.doi("10.1234/ab\u0000c"))
                    .withMessage("must not contain control characters");
            assertThat(Normalize.text("Bell\u0007 and\u001B escape\u009F")).isEqualTo("Bell and escape");
        }

        @Test
        void prefixedIds() {
            assertThat(Normalize.prefixedId("openalex:i134085113", "I")).isEqualTo("openalex:I134085113");
            assertThat(Normalize.prefixedId("https://openalex.org/I134085113", "I")).isEqualTo("openalex:I134085113");
            assertThat(Normalize.prefixedId("grid:grid.412135.0", "I")).isEqualTo("grid:grid.412135.0");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.prefixedId("I134085113", "I"))
                    .withMessageContaining("scheme-prefixed");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.prefixedId("openalex:S1", "I"));
        }

        @Test
        void schemes() {
            assertThat(Normalize.isScheme("bzpeer-demo")).isTrue();
            assertThat(Normalize.isScheme("doi")).isTrue();
            assertThat(Normalize.isScheme("d")).isFalse();
            assertThat(Normalize.isScheme("DOI")).isFalse();
            assertThat(Normalize.isScheme("9doi")).isFalse();
            assertThat(Normalize.isScheme("a".repeat(33))).isFalse();
        }
    }

    @Nested
    class Names {

        @Test
        void invisibleMarksSoftHyphensAndExtraWhitespaceGo() {
            assertThat(Normalize.name("Zaher Mundher Yaseen\u202C\u202C\u202C\u202C"))
                    .isEqualTo("Zaher Mundher Yaseen");
            assertThat(Normalize.name("Al-Khalid Oth\u00ADman")).isEqualTo("Al-Khalid Othman");
            assertThat(Normalize.name("  Muhammad  Shahzad\u00A0Kamal\t")).isEqualTo("Muhammad Shahzad Kamal");
            assertThat(Normalize.name("\uFEFF\u200EAb\u200Bdul\u2066lah\u2069\u200F")).isEqualTo("Abdullah");
            assertThat(Normalize.name("Line\u2028Break")).isEqualTo("Line Break");
        }

        @Test
        void printedDashesApostrophesAndJoinersStay() {
            assertThat(Normalize.name("Abdullatif Al\u2010Shuhail")).isEqualTo("Abdullatif Al\u2010Shuhail");
            assertThat(Normalize.name("Conor O\u2019Brien")).isEqualTo("Conor O\u2019Brien");
            assertThat(Normalize.name("Ali\u2013Reza")).isEqualTo("Ali\u2013Reza");
            assertThat(Normalize.name("\u0645\u06CC\u200C\u0631")).isEqualTo("\u0645\u06CC\u200C\u0631");
        }

        @Test
        void namesAndTextsAreComposedToNfc() {
            String decomposed = "Bala\u0301zs Pe\u0301ter";

            assertThat(Normalize.name(decomposed)).isEqualTo("Bal\u00E1zs P\u00E9ter");
            assertThat(Normalize.text("Caf\u0065\u0301  au lait")).isEqualTo("Caf\u00E9 au lait");
            assertThat(Normalize.longText("Re\u0301sume\u0301\n\nSecond")).isEqualTo("R\u00E9sum\u00E9\n\nSecond");
            assertThat(org.bzpeer.kit.text.Names.matchKey(Normalize.name(decomposed)))
                    .isEqualTo(org.bzpeer.kit.text.Names.matchKey("Balazs Peter"));
        }

        @Test
        void blankNamesBecomeNull() {
            assertThat(Normalize.name(null)).isNull();
            assertThat(Normalize.name(" \u00AD\u200E\u00A0")).isNull();
        }
    }

    @Nested
    class Texts {

        @Test
        void longTextsKeepLineBreaksButNotInvisibleMarks() {
            assertThat(Normalize.longText(" First\u2028line  here.\r\n\r\n\r\nSecond\u200E line.\u2029Third. "))
                    .isEqualTo("First\nline here.\n\nSecond line.\n\nThird.");
            assertThat(Normalize.longText(" \n ")).isNull();
        }

        @Test
        void anAbstractLosesTheLabelSourcesPrintBeforeIt() {
            assertThat(Normalize.abstractText("Abstract The study shows.")).isEqualTo("The study shows.");
            assertThat(Normalize.abstractText("ABSTRACT: We show.")).isEqualTo("We show.");
            assertThat(Normalize.abstractText("Abstract.\nIn this paper")).isEqualTo("In this paper");
            assertThat(Normalize.abstractText("<title>Abstract</title> Rocks.")).isEqualTo("Rocks.");
            assertThat(Normalize.abstractText("Abstract algebra is old.")).isEqualTo("Abstract algebra is old.");
            assertThat(Normalize.abstractText("Abstract")).isEqualTo("Abstract");
            assertThat(Normalize.abstractText(" ")).isNull();
        }
    }

    @Nested
    class Dates {

        @Test
        void validDates() {
            assertThat(Normalize.date("2026-01-15")).isEqualTo(LocalDate.of(2026, 1, 15));
            assertThat(Normalize.date("1000-01-01")).isEqualTo(LocalDate.of(1000, 1, 1));
            assertThat(Normalize.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-1-5", "2026/01/15", "15-01-2026", "999-12-31",
                "2026-01-15T00:00:00Z", ""})
        void invalidDatesAreRefused(String raw) {
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.date(raw))
                    .withMessage("must be a date yyyy-MM-dd");
        }

        @Test
        void yearsFromOneThousandUpToNextYearArePlausibleByDefault() {
            RecordLimits limits = TestRecords.LIMITS;
            int next = Year.now(ZoneOffset.UTC).getValue() + 1;
            assertThat(limits.maxPublicationYear()).isEqualTo(next);
            assertThat(limits.isPlausibleYear(next)).isTrue();
            assertThat(limits.isPlausibleYear(next + 1)).isFalse();
            assertThat(limits.isPlausibleYear(1000)).isTrue();
            assertThat(limits.isPlausibleYear(999)).isFalse();
            assertThat(limits.yearRule()).isEqualTo("must be an integer between 1000 and " + next);
        }

        @Test
        void languages() {
            assertThat(Normalize.language("EN")).isEqualTo("en");
            assertThatIllegalArgumentException().isThrownBy(() -> Normalize.language("eng"));
        }
    }
}
