package org.bzpeer.ingest.author.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.junit.jupiter.api.Test;

class AuthorClusteringTest {

    @Test
    void namesAreTakenApartInitialsAwareAndTransliterationAware() {
        assertThat(PersonName.parse("H. Vincent Poor").compatible(PersonName.parse("H. V. Poor"))).isTrue();
        assertThat(PersonName.parse("H. Poor").compatible(PersonName.parse("H. Vincent Poor"))).isTrue();
        assertThat(PersonName.parse("H. Victor Poor").compatible(PersonName.parse("H. Vincent Poor"))).isFalse();
        assertThat(PersonName.parse("Mohammed Al-Shehri").compatible(PersonName.parse("Muhammad Alshehri"))).isTrue();
        assertThat(PersonName.parse("Mahmud Kamal").compatible(PersonName.parse("Muhammad Kamal"))).isFalse();
        assertThat(PersonName.parse("Yang Liu").compatible(PersonName.parse("Yong Liu"))).isFalse();
        assertThat(PersonName.parse("Carole-Jean Wu")).isEqualTo(PersonName.parse("Wu, Carole‐Jean"));
        assertThat(PersonName.parse("C.-J. Wu").compatible(PersonName.parse("Carole-Jean Wu"))).isTrue();
        assertThat(PersonName.parse("Ludwig van Beethoven").surname()).isEqualTo("vanbeethoven");
        assertThat(PersonName.parse("Manish Singh 0001")).isEqualTo(PersonName.parse("Manish Singh"));
        assertThat(PersonName.parse("Korhan Ayrancı").key()).isEqualTo("korhan ayranci");
        assertThat(PersonName.parse(" . ")).isNull();
    }

    @Test
    void oneOrcidIsOnePersonAndTwoOrcidsAreNever() {
        AuthorMention a = mention("w1", "Wei Wang", "0000-0001-0000-0001", Set.of("x y"));
        AuthorMention b = mention("w2", "W. Wang", "0000-0001-0000-0001", Set.of());
        AuthorMention c = mention("w3", "Wei Wang", "0000-0002-0000-0002", Set.of("x y"));

        assertThat(partition(List.of(a, b, c))).containsExactlyInAnyOrder(Set.of("w1", "w2"), Set.of("w3"));
    }

    @Test
    void aNameOnlyAuthorshipJoinsThePersonItsCoauthorsPointToAndNamesakesStayApart() {
        AuthorMention poor1 = mention("w1", "H. Vincent Poor", null, Set.of("goldsmith a", "shamai s"));
        AuthorMention poor2 = mention("w2", "H. V. Poor", null, Set.of("shamai s"));
        AuthorMention poor3 = mention("w3", "H. Poor", null, Set.of("goldsmith a"));
        AuthorMention namesake = mention("w4", "H. Poor", null, Set.of("unrelated p"));

        assertThat(partition(List.of(poor1, poor2, poor3, namesake)))
                .containsExactlyInAnyOrder(Set.of("w1", "w2", "w3"), Set.of("w4"));
    }

    @Test
    void authorshipsFoundOnlyTogetherAreJoinedAfterwards() {
        AuthorMention first = mention("w1", "Ada Lovelace", null, Set.of("babbage c"));
        AuthorMention second = mention("w2", "Ada Lovelace", null, Set.of("somerville m"));
        AuthorMention bridge = mention("w3", "A. Lovelace", null, Set.of("babbage c", "somerville m"));

        assertThat(partition(List.of(first, second, bridge))).containsExactly(Set.of("w1", "w2", "w3"));
    }

    @Test
    void aSingleCompatiblePersonWithEnoughEvidenceIsJoinedAtOnce() {
        AuthorMention identified = mention("w1", "Ada Lovelace", "0000-0001-0000-0001", Set.of("babbage c"));
        AuthorMention nameOnly = mention("w2", "A. Lovelace", null, Set.of("babbage c"));

        List<AuthorClustering.Person> people = AuthorClustering.resolve(List.of(identified, nameOnly), List.of());

        assertThat(people).singleElement().extracting(AuthorClustering.Person::rules)
                .isEqualTo(List.of(AuthorClustering.Rule.OWN, AuthorClustering.Rule.EVIDENCE));
    }

    @Test
    void aRivalThatMayBeTheSamePersonLeavesNoDoubt() {
        AuthorMention nameOnly = mention("w1", "A. Lovelace", null, Set.of("somerville m"));
        AuthorMention identified = mention("w2", "Ada Lovelace", "0000-0001-0000-0001", Set.of("babbage c"));
        AuthorMention bridge = mention("w3", "A. Lovelace", null, Set.of("babbage c", "somerville m"));

        List<AuthorClustering.Person> people = AuthorClustering.resolve(List.of(nameOnly, identified, bridge),
                List.of());

        assertThat(people).singleElement().satisfies(person -> assertThat(
                person.rules().get(person.mentions().indexOf(bridge))).isEqualTo(AuthorClustering.Rule.EVIDENCE));
    }

    @Test
    void nameOnlyPeopleEquallyLikelyToBeEitherOfTwoNamesakesStayApart() {
        AuthorMention first = mention("w1", "Zhenguo Wang", "0000-0001-0000-0001", Set.of("li x"));
        AuthorMention second = mention("w2", "Zhenguo Wang", "0000-0002-0000-0002", Set.of("chen y"));
        AuthorMention between = mention("w3", "Zhenguo Wang", null, Set.of("li x", "chen y"));

        assertThat(partition(List.of(first, second, between)))
                .containsExactlyInAnyOrder(Set.of("w1"), Set.of("w2"), Set.of("w3"));
    }

    @Test
    void anOrcidOwnersOtherNameBringsThemIntoItsBlockAsAnIdentifiedPersonWhoWritesItOut() {
        String owner = "0000-0001-0000-0001";
        AuthorMention formerName = mention("w1", "Josefine Wendeler", null, Set.of());
        AuthorMention namesakeInitials = mention("w2", "J. Wendeler", null, Set.of());
        AuthorClustering.OrcidName named = new AuthorClustering.OrcidName(PersonName.parse("Josefine Wendeler"),
                owner, Set.of("openalex:A1"));

        List<AuthorClustering.Person> people = AuthorClustering.resolve(List.of(formerName, namesakeInitials),
                List.of(named));

        assertThat(people).filteredOn(person -> person.mentions().contains(formerName)).singleElement()
                .satisfies(person -> {
                    assertThat(person.identifiers()).containsExactlyInAnyOrder(new Key("orcid", owner),
                            new Key("openalex", "A1"));
                    assertThat(person.rules()).containsExactly(AuthorClustering.Rule.SAME_NAME_IDENTIFIED);
                });
        assertThat(people).filteredOn(person -> person.mentions().contains(namesakeInitials)).singleElement()
                .as("initials alone are not the written-out name").satisfies(person ->
                        assertThat(person.identifiers()).isEmpty());
        assertThat(AuthorClustering.resolve(List.of(formerName), List.of())).singleElement()
                .satisfies(person -> assertThat(person.identifiers()).isEmpty());
    }

    @Test
    void anOtherNameThatAnotherIdentifiedPersonWritesOutToJoinsNoOneByName() {
        AuthorMention other = mention("w1", "Josefine Wendeler", "0000-0002-0000-0002", Set.of());
        AuthorMention nameOnly = mention("w2", "Josefine Wendeler", null, Set.of());
        AuthorClustering.OrcidName named = new AuthorClustering.OrcidName(PersonName.parse("Josefine Wendeler"),
                "0000-0001-0000-0001", Set.of());

        assertThat(partition(List.of(other, nameOnly), List.of(named)))
                .containsExactlyInAnyOrder(Set.of("w1"), Set.of("w2"));
    }

    @Test
    void theResultDependsOnTheMentionsNotOnTheirOrder() {
        List<AuthorMention> mentions = new ArrayList<>();
        Random random = new Random(7);
        String[] names = {"Wei Wang", "W. Wang", "Wei Wang", "Wen Wang", "W. Wang"};
        String[] coauthors = {"li x", "chen y", "zhao q", "sun m"};
        for (int i = 0; i < 60; i++) {
            String orcid = random.nextInt(5) == 0 ? "0000-0001-0000-000" + random.nextInt(3) : null;
            mentions.add(mention("w" + i, names[random.nextInt(names.length)], orcid,
                    Set.of(coauthors[random.nextInt(coauthors.length)])));
        }
        Set<Set<String>> expected = Set.copyOf(partition(mentions));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(mentions, random);
            assertThat(Set.copyOf(partition(mentions))).isEqualTo(expected);
        }
    }

    private static List<Set<String>> partition(List<AuthorMention> mentions) {
        return partition(mentions, List.of());
    }

    private static List<Set<String>> partition(List<AuthorMention> mentions,
            List<AuthorClustering.OrcidName> orcidNames) {
        return AuthorClustering.resolve(mentions, orcidNames).stream()
                .map(person -> person.mentions().stream().map(AuthorMention::workId).collect(Collectors.toSet()))
                .toList();
    }

    private static AuthorMention mention(String work, String name, String orcid, Set<String> coauthors) {
        return new AuthorMention(work, 0, PersonName.parse(name), orcid, Map.of(), coauthors, Set.of(), null,
                Set.of(), 2020, null);
    }
}
