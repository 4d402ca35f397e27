package org.bzpeer.kit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void matchKeysFoldAccentsDashesApostrophesAndCase() {
        assertThat(Names.matchKey("Korhan Ayrancı")).isEqualTo(Names.matchKey("Korhan Ayranci"))
                .isEqualTo("korhan ayranci");
        assertThat(Names.matchKey("Abdullatif Al\u2010Shuhail")).isEqualTo("abdullatif al-shuhail");
        assertThat(Names.matchKey("Conor O\u2019Brien")).isEqualTo("conor o'brien");
        assertThat(Names.matchKey("Wei Yü")).isEqualTo("wei yu");
        assertThat(Names.matchKey("François  Müller\u00AD")).isEqualTo("francois muller");
        assertThat(Names.matchKey("Øystein Łukasz Straße")).isEqualTo("oystein lukasz strasse");
        assertThat(Names.matchKey(null)).isEmpty();
    }

    @Test
    void cleaningKeepsThePrintedFormButDropsInvisibleMarks() {
        assertThat(Names.clean("  Al-Khalid Oth\u00ADman\u200E ")).isEqualTo("Al-Khalid Othman");
        assertThat(Names.clean("Ali\u2013Reza")).isEqualTo("Ali\u2013Reza");
        assertThat(Names.clean(" \u00AD\u200C\u00A0")).isNull();
        assertThat(Names.unifyDashes("Ali\u2013Re\u00ADza")).isEqualTo("Ali-Reza");
    }

    @Test
    void plainTextIsKnownWithoutAPatternAndCleaningLeavesItAsItIs() {
        assertThat(Names.isPlainText("Carole-Jean Wu (2021): a study.")).isTrue();
        assertThat(Names.isPlainText("two  spaces")).isFalse();
        assertThat(Names.isPlainText(" leading")).isFalse();
        assertThat(Names.isPlainText("trailing ")).isFalse();
        assertThat(Names.isPlainText("tab\there")).isFalse();
        assertThat(Names.isPlainText("café")).isFalse();
        assertThat(Names.isPlainText("")).isFalse();
        String plain = "Sequence models at scale";
        assertThat(Names.clean(plain)).isSameAs(plain);
        for (String messy : new String[] {"two  spaces", " leading", "tab\there", "soft­hyphen"}) {
            assertThat(Names.clean(messy)).as(messy).isEqualTo(Names.clean(messy + "​"));
        }
    }

    @Test
    void plainAsciiNamesTakeAShortCutToTheSameKey() {
        for (String ascii : new String[] {"Carole-Jean Wu", "O`Brien, Conor", "H.V. POOR", "J. R. R. Tolkien (ed.)",
                "de la Cruz 0002", "x"}) {
            String slowPath = ascii + "\u200B";
            assertThat(Names.isPlainText(slowPath)).isFalse();
            assertThat(Names.matchKey(ascii)).as(ascii).isEqualTo(Names.matchKey(slowPath));
        }
        assertThat(Names.matchKey("O`Brien")).isEqualTo("o'brien");
    }
}
