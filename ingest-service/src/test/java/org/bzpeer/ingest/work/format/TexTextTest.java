package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TexText} on names and titles as arXiv's OAI records (cs, 2016) print them. */
class TexTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the forms TeX defines
        "Fran\\c{c}ois|François",
        "Ren{\\'e}|René",
        "{\\\"o}zt{\\\"u}rk|öztürk",
        "Schr\\\"odinger|Schrödinger",
        "\\'Eric|Éric",
        "Gau\\ss|Gauß",
        "Stra\\ss e|Straße",
        "J{\\o}rgensen|Jørgensen",
        "Dom\\'\\inguez|Domínguez",
        "K\\vret\\'\\insk&#xfd;|Křetínsk&#xfd;",
        "\\v{S}ekoranja|Šekoranja",
        "Erd\\H{o}s|Erdős",
        "Aur{é}lien|Aurélien",
        "Rz{\\ka}&#x17c;ewski|Rzą&#x17c;ewski",
        // arXiv's submitters glue the accented letter (or the next word) to the command
        "Vu\\vskovi\u0107|Vušković",
        "Erd\\Hos|Erdős",
        "\\cColak|Çolak",
        "\\Oyvind|Øyvind",
        "S\\ondergaard|Søndergaard",
        "Yakary\\ilmaz|Yakaryılmaz",
        "V\\^\\ilcu|Vîlcu",
        "R\\ru\u017ei\u010dka|Růžička",
        "D\\kebowski|Dębowski",
        "\\and Michiel|Michiel",
        // titles: dashes, ties, escapes; math and unknown commands stay as written
        "Graphs -- a survey|Graphs – a survey",
        "Yes---no|Yes—no",
        "A.~Author|A. Author",
        "R\\&D at 50\\%|R&D at 50%",
        "The $(k,\\ell)$-pebble game|The $(k,\\ell)$-pebble game",
        "Bounds for $\\beta$-{\\\"o}|Bounds for $\\beta$-ö",
        "\\emph{Very} good|\\emph{Very} good",
        "Tek\\D{j}n|Tek\\D{j}n",
        "with \\lambda calculus|with \\lambda calculus",
    })
    void decodesToUnicode(String tex, String expected) {
        assertThat(TexText.decode(tex)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Cafe\u0301, Café", "plain name, plain name"})
    void resultIsNfc(String text, String expected) {
        String decoded = TexText.decode(text);
        assertThat(decoded).isEqualTo(expected);
        assertThat(Normalizer.isNormalized(decoded, Normalizer.Form.NFC)).isTrue();
    }
}
