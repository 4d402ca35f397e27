package org.bzpeer.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bzpeer.ingest.author.application.AuthorClustering;
import org.bzpeer.ingest.author.application.AuthorMentions;
import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.work.format.ArxivOaiFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.XmlWorkFormat;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Author resolution quality on real data, against OpenAlex's own disambiguation: every authorship of the OpenAlex
 * sample with its OpenAlex author id stripped (the name as printed, {@code raw_author_name}, the ORCID iD, the
 * institutions, venue, topics and year kept) is resolved by {@link AuthorClustering}, and the people found are
 * compared with OpenAlex's author ids by B-cubed precision, recall and F1, next to two baselines of the same run:
 * ORCID iD alone, and ORCID iD else the exact printed name. It then says where precision is lost (which pairs, which
 * {@link AuthorClustering.Rule}, which people), and repeats the run with some ORCID iDs hidden, scored where the truth
 * holds (see {@link #resolveWithHiddenOrcids}). Run by {@code deploy/bench/resolution}.
 */
@Tag("benchmark")
class AuthorResolutionBenchmark {

    /** One ORCID-carrying authorship in this many has its ORCID iD hidden in the hidden-ORCID run. */
    private static final int HIDDEN_ORCID_EVERY = 4;

    /** How many of the people that lose most precision the report lists. */
    private static final int WORST_PEOPLE = 10;

    private final JsonMapper json = JsonMapper.builder().build();
    private final StringBuilder report = new StringBuilder();

    @Test
    void resolvesTheOpenAlexSampleWithoutItsAuthorIds() throws IOException {
        List<AuthorMention> mentions = new ArrayList<>();
        Map<AuthorMention, String> truth = new HashMap<>();
        SharedData.forEachLine(SharedData.require("openalex/kfupm/works.jsonl.gz"),
                (line, number) -> readWork(json.readTree(line), mentions, truth));
        print("OpenAlex sample: %,d authorships (%,d with an OpenAlex author id, %,d distinct), %,d with an ORCID iD",
                mentions.size(), truth.size(), new HashSet<>(truth.values()).size(),
                mentions.stream().filter(mention -> mention.orcid() != null).count());

        Map<AuthorMention, Object> orcidOnly = new HashMap<>();
        Map<AuthorMention, Object> orcidElseName = new HashMap<>();
        for (AuthorMention mention : mentions) {
            orcidOnly.put(mention, mention.orcid() != null ? mention.orcid() : mention);
            orcidElseName.put(mention, mention.orcid() != null ? mention.orcid() : mention.name().key());
        }
        long start = System.nanoTime();
        List<AuthorClustering.Person> people = AuthorClustering.resolve(mentions, List.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<AuthorMention, Object> resolved = byPerson(people);

        print("%-44s %9s %9s %9s %9s", "", "precision", "recall", "F1", "people");
        line("baseline: ORCID iD alone", orcidOnly, truth);
        line("baseline: ORCID iD, else exact printed name", orcidElseName, truth);
        line("AuthorClustering", resolved, truth);
        Set<String> orcidBacked = new HashSet<>();
        truth.forEach((mention, author) -> {
            if (mention.orcid() != null) {
                orcidBacked.add(author);
            }
        });
        Map<AuthorMention, String> reliable = new HashMap<>(truth);
        reliable.values().retainAll(orcidBacked);
        print("only the %,d authorships of the %,d OpenAlex authors that carry an ORCID iD somewhere (OpenAlex's "
                + "id-only profiles, often one person split, left out):", reliable.size(), orcidBacked.size());
        line("baseline: ORCID iD, else exact printed name", orcidElseName, reliable);
        line("AuthorClustering", resolved, reliable);
        print("resolution took %.2f s (%,.0f authorships/s); target: precision >= 0.98 and F1 >= 0.95", seconds,
                mentions.size() / seconds);
        reportLostPrecision(people, truth, orcidBacked);
        resolveWithHiddenOrcids(mentions, reliable);
        Path out = Path.of("target/benchmark/resolution.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /**
     * The arXiv OAI set has names only: how many name strings became how many people, which variants were joined and
     * which namesakes kept apart.
     */
    @Test
    void resolvesTheNameOnlyArxivSet() throws IOException {
        ArxivOaiFormat format = new ArxivOaiFormat(RecordLimits.defaults());
        List<AuthorMention> mentions = new ArrayList<>();
        Set<String> printedNames = new HashSet<>();
        TarGzEntries.forEach(SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz"), name -> true,
                (name, page) -> {
                    try (XmlWorkFormat.Records records = format.open(new ByteArrayInputStream(page))) {
                        for (var record = records.next(); record != null; record = records.next()) {
                            if (record instanceof XmlWorkFormat.Parsed parsed) {
                                SubmittedWork work = parsed.work();
                                work.authorships().forEach(authorship -> printedNames.add(authorship.name()));
                                mentions.addAll(AuthorMentions.of(work.identifiers().get("arxiv"), work));
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(name, e);
                    }
                });
        long start = System.nanoTime();
        List<AuthorClustering.Person> people = AuthorClustering.resolve(mentions, List.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> peoplePerName = new HashMap<>();
        for (AuthorClustering.Person person : people) {
            person.mentions().stream().map(mention -> mention.name().key()).distinct()
                    .forEach(key -> peoplePerName.merge(key, 1L, Long::sum));
        }
        print("arXiv OAI set: %,d authorships, %,d distinct printed names (%,d distinct folded names) became %,d "
                        + "people in %.1f s", mentions.size(), printedNames.size(), peoplePerName.size(), people.size(),
                seconds);
        print("variants joined (the people with most works and more than one name):");
        people.stream().filter(person -> person.mentions().stream().map(m -> m.name().key()).distinct().count() > 1)
                .sorted(Comparator.comparingInt((AuthorClustering.Person person) -> -person.mentions().size()))
                .limit(8).forEach(person -> print("  %4d works: %s", person.mentions().size(),
                        person.mentions().stream().map(m -> m.name().key()).distinct().limit(6).toList()));
        print("namesakes kept apart (one written-out name, several people):");
        peoplePerName.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(entry -> print("  %-28s %d people, works %s", entry.getKey(), entry.getValue(),
                        people.stream().filter(person -> person.mentions().stream()
                                        .anyMatch(m -> m.name().key().equals(entry.getKey())))
                                .map(person -> person.mentions().size()).sorted(Comparator.reverseOrder())
                                .limit(6).toList()));
        Path out = Path.of("target/benchmark/resolution-arxiv.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /**
     * Maps a work to what resolution sees, the authors' OpenAlex ids left out: names as printed, ORCID iDs,
     * institution ids, venue, topics and year. Each mention's OpenAlex author id is kept aside as the truth.
     */
    private void readWork(JsonNode work, List<AuthorMention> mentions, Map<AuthorMention, String> truth) {
        List<SubmittedAuthorship> authorships = new ArrayList<>();
        List<String> authorIds = new ArrayList<>();
        for (JsonNode authorship : work.path("authorships")) {
            String orcid = authorship.path("author").path("orcid").asString(null);
            List<SubmittedInstitution> institutions = new ArrayList<>();
            authorship.path("institutions").forEach(institution -> institutions.add(new SubmittedInstitution(
                    institution.path("id").asString(null), institution.path("display_name").asString("?"), null,
                    null)));
            authorships.add(new SubmittedAuthorship(printedName(authorship),
                    orcid == null ? Map.of() : Map.of("orcid", orcid.replaceFirst("^https?://orcid.org/", "")),
                    institutions, false));
            authorIds.add(authorship.path("author").path("id").asString(null));
        }
        List<SubmittedTopic> topics = new ArrayList<>();
        work.path("topics").forEach(topic -> topics.add(new SubmittedTopic(topic.path("id").asString(),
                topic.path("display_name").asString("?"), null)));
        JsonNode source = work.path("primary_location").path("source");
        SubmittedVenue venue = source.path("id").isString()
                ? new SubmittedVenue(source.path("display_name").asString("?"), source.path("id").asString(), null,
                        null)
                : null;
        Integer year = work.path("publication_year").isInt() ? work.path("publication_year").asInt() : null;
        SubmittedWork submitted = new SubmittedWork("openalex", Map.of(), "article", year, null, venue, "?", null,
                null, false, authorships, topics);
        for (AuthorMention mention : AuthorMentions.of(work.path("id").asString(), submitted)) {
            mentions.add(mention);
            String authorId = authorIds.get(mention.position());
            if (authorId != null) {
                truth.put(mention, authorId);
            }
        }
    }

    private static String printedName(JsonNode authorship) {
        String raw = authorship.path("raw_author_name").asString("");
        return raw.isBlank() ? authorship.path("author").path("display_name").asString("") : raw;
    }

    /**
     * A test of the name-only rules against a truth that holds: in this sample an authorship's ORCID iD is its OpenAlex
     * profile's, so a name-only authorship is one OpenAlex did not give to any ORCID profile, and joining it to an
     * identified person always counts against precision. Here the ORCID iD is hidden on every
     * {@value #HIDDEN_ORCID_EVERY}th authorship that has one (chosen by work and position), those authorships are
     * resolved by name and context alone, and the result is scored against the OpenAlex authors that carry an ORCID
     * iD (whose profiles the ORCID iD makes reliable).
     */
    private void resolveWithHiddenOrcids(List<AuthorMention> mentions, Map<AuthorMention, String> reliable) {
        Map<AuthorMention, String> truth = new HashMap<>();
        List<AuthorMention> hidden = new ArrayList<>();
        int hiddenCount = 0;
        for (AuthorMention mention : mentions) {
            AuthorMention seen = mention;
            String position = mention.workId() + "#" + mention.position();
            if (mention.orcid() != null && Math.floorMod(position.hashCode(), HIDDEN_ORCID_EVERY) == 0) {
                seen = new AuthorMention(mention.workId(), mention.position(), mention.name(), null,
                        mention.sourceIds(), mention.coauthors(), mention.institutions(), mention.venue(),
                        mention.topics(), mention.year(), mention.date());
                hiddenCount++;
            }
            hidden.add(seen);
            if (reliable.containsKey(mention)) {
                truth.put(seen, reliable.get(mention));
            }
        }
        Map<AuthorMention, Object> orcidElseName = new HashMap<>();
        hidden.forEach(mention -> orcidElseName.put(mention,
                mention.orcid() != null ? mention.orcid() : mention.name().key()));
        print("the ORCID iD hidden on %,d authorships (every %dth), scored on the OpenAlex authors with an ORCID iD:",
                hiddenCount, HIDDEN_ORCID_EVERY);
        line("baseline: ORCID iD, else exact printed name", orcidElseName, truth);
        List<AuthorClustering.Person> people = AuthorClustering.resolve(hidden, List.of());
        line("AuthorClustering", byPerson(people), truth);
        reportLostPrecision(people, truth, Set.copyOf(truth.values()));
    }

    private static Map<AuthorMention, Object> byPerson(List<AuthorClustering.Person> people) {
        Map<AuthorMention, Object> resolved = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            for (AuthorMention mention : people.get(i).mentions()) {
                resolved.put(mention, i);
            }
        }
        return resolved;
    }

    /**
     * Where precision is lost. B-cubed precision is one minus the mean share of an authorship's person held by other
     * OpenAlex authors; that share is split by the pair it comes from: a name-only authorship with one that carries an
     * ORCID iD, two name-only ones, or two with ORCID iDs. Then the authorships that resolution put with a person
     * OpenAlex gives mostly to someone else, counted by the rule that brought them, and the people that lose most.
     */
    private void reportLostPrecision(List<AuthorClustering.Person> people, Map<AuthorMention, String> truth,
            Set<String> orcidBacked) {
        double[] lossByPair = new double[3];
        Map<AuthorClustering.Rule, Integer> strayByRule = new TreeMap<>();
        Map<AuthorClustering.Person, Double> lossByPerson = new HashMap<>();
        for (AuthorClustering.Person person : people) {
            Map<String, int[]> counts = new HashMap<>();
            int[] totals = new int[2];
            for (AuthorMention mention : person.mentions()) {
                if (truth.containsKey(mention)) {
                    int identified = mention.orcid() != null ? 1 : 0;
                    counts.computeIfAbsent(truth.get(mention), author -> new int[2])[identified]++;
                    totals[identified]++;
                }
            }
            if (counts.size() < 2) {
                continue;
            }
            String main = counts.entrySet().stream().max(Comparator.comparingInt(entry -> entry.getValue()[0]
                    + entry.getValue()[1])).orElseThrow().getKey();
            double size = totals[0] + totals[1];
            double loss = 0;
            for (int i = 0; i < person.mentions().size(); i++) {
                AuthorMention mention = person.mentions().get(i);
                String author = truth.get(mention);
                if (author == null) {
                    continue;
                }
                int identified = mention.orcid() != null ? 1 : 0;
                int[] same = counts.get(author);
                lossByPair[identified == 0 ? 1 : 0] += (totals[1 - identified] - same[1 - identified]) / size;
                lossByPair[identified == 0 ? 1 : 2] += (totals[identified] - same[identified]) / size;
                loss += 1 - (same[0] + same[1]) / size;
                if (!author.equals(main)) {
                    strayByRule.merge(person.rules().get(i), 1, Integer::sum);
                }
            }
            lossByPerson.put(person, loss);
        }
        print("precision lost: %.4f (name-only with ORCID-carrying authorships %.4f, name-only with name-only %.4f, "
                + "ORCID-carrying with ORCID-carrying %.4f)", (lossByPair[0] + lossByPair[1] + lossByPair[2])
                / truth.size(), lossByPair[0] / truth.size(), lossByPair[1] / truth.size(),
                lossByPair[2] / truth.size());
        print("authorships put with a person OpenAlex gives mostly to another, by the rule that brought them: %s",
                strayByRule);
        print("the %d people that lose most precision (per OpenAlex author: authorships, ORCID-backed, names with * "
                + "for an ORCID iD, rules):", WORST_PEOPLE);
        lossByPerson.entrySet().stream().sorted(Map.Entry.<AuthorClustering.Person, Double>comparingByValue()
                .reversed()).limit(WORST_PEOPLE).forEach(entry -> {
                    AuthorClustering.Person person = entry.getKey();
                    print("  loss %.1f of %d authorships", entry.getValue(), person.mentions().size());
                    Map<String, List<Integer>> byAuthor = new TreeMap<>();
                    for (int i = 0; i < person.mentions().size(); i++) {
                        byAuthor.computeIfAbsent(String.valueOf(truth.get(person.mentions().get(i))),
                                author -> new ArrayList<>()).add(i);
                    }
                    byAuthor.forEach((author, indexes) -> print("    %-34s %3d %-5s %s %s", author, indexes.size(),
                            orcidBacked.contains(author),
                            indexes.stream().map(i -> person.mentions().get(i).name().key()
                                    + (person.mentions().get(i).orcid() != null ? "*" : "")).distinct().limit(4)
                                    .toList(),
                            indexes.stream().map(i -> person.rules().get(i)).distinct().toList()));
                });
    }

    /** B-cubed precision, recall and F1 of {@code predicted} against {@code truth}, over the mentions with a truth. */
    private void line(String label, Map<AuthorMention, Object> predicted, Map<AuthorMention, String> truth) {
        Map<Object, Set<AuthorMention>> byPredicted = new HashMap<>();
        Map<String, Set<AuthorMention>> byTruth = new HashMap<>();
        truth.forEach((mention, author) -> {
            byPredicted.computeIfAbsent(predicted.get(mention), key -> new HashSet<>()).add(mention);
            byTruth.computeIfAbsent(author, key -> new HashSet<>()).add(mention);
        });
        double precision = 0;
        double recall = 0;
        for (Map.Entry<AuthorMention, String> entry : truth.entrySet()) {
            Set<AuthorMention> cluster = byPredicted.get(predicted.get(entry.getKey()));
            Set<AuthorMention> actual = byTruth.get(entry.getValue());
            long shared = cluster.stream().filter(actual::contains).count();
            precision += (double) shared / cluster.size();
            recall += (double) shared / actual.size();
        }
        precision /= truth.size();
        recall /= truth.size();
        print("%-44s %9.4f %9.4f %9.4f %,9d", label, precision, recall, 2 * precision * recall / (precision + recall),
                byPredicted.size());
    }

    private void print(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }
}
