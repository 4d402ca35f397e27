package org.bzpeer.ingest.author.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How printed names are taken apart: words at spaces and full stops, letters only, DBLP numbers and particles. */
class PersonNameTest {

    @Test
    void givenNamesAndSurnameAreFoldedToTheirLetters() {
        assertThat(PersonName.parse("H.V. Poor")).isEqualTo(new PersonName(List.of("h", "v"), "poor"));
        assertThat(PersonName.parse("Jean-Pierre O'Neil")).isEqualTo(new PersonName(List.of("jean", "pierre"),
                "oneil"));
        assertThat(PersonName.parse("François  Müller")).isEqualTo(new PersonName(List.of("francois"), "muller"));
        assertThat(PersonName.parse("Poor, H. Vincent")).isEqualTo(new PersonName(List.of("h", "vincent"), "poor"));
    }

    @Test
    void dblpNumbersAndParticlesAreHandled() {
        assertThat(PersonName.parse("Manish Singh 0001")).isEqualTo(new PersonName(List.of("manish"), "singh"));
        assertThat(PersonName.parse("Agent 007")).as("a surname without letters").isNull();
        assertThat(PersonName.parse("Jan van der Berg")).isEqualTo(new PersonName(List.of("jan"), "vanderberg"));
        assertThat(PersonName.parse("Berg 12345")).as("five digits are no DBLP number").isNull();
        assertThat(PersonName.parse("0001")).isNull();
    }
}
