package org.bzpeer.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.author.application.AuthorClustering;
import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Author resolution quality on real data, against OpenAlex's own disambiguation: every authorship of the OpenAlex
 * sample with its OpenAlex author id stripped (the name as printed, {@code raw_author_name}, the ORCID iD, the
 * institutions, venue, topics and year kept) is resolved by {@link AuthorClustering}, and the people found are
 * compared with OpenAlex's author ids by B-cubed precision, recall and F1, next to two baselines of the same run:
 * ORCID iD alone, and ORCID iD else the exact printed name. Run by {@code deploy/bench/resolution}.
 */
@Tag("benchmark")
class AuthorResolutionBenchmark {

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
        List<AuthorClustering.Person> people = AuthorClustering.resolve(mentions);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<AuthorMention, Object> resolved = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            for (AuthorMention mention : people.get(i).mentions()) {
                resolved.put(mention, i);
            }
        }

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
        Path out = Path.of("target/benchmark/resolution.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private void readWork(JsonNode work, List<AuthorMention> mentions, Map<AuthorMention, String> truth) {
        List<JsonNode> authorships = new ArrayList<>();
        work.path("authorships").forEach(authorships::add);
        List<PersonName> names = authorships.stream().map(AuthorResolutionBenchmark::printedName)
                .map(PersonName::parse).toList();
        Set<String> topics = new LinkedHashSet<>();
        work.path("topics").forEach(topic -> topics.add(topic.path("id").asString()));
        String venue = work.path("primary_location").path("source").path("id").asString(null);
        Integer year = work.path("publication_year").isInt() ? work.path("publication_year").asInt() : null;
        for (int i = 0; i < authorships.size(); i++) {
            if (names.get(i) == null) {
                continue;
            }
            JsonNode authorship = authorships.get(i);
            Set<String> coauthors = new HashSet<>();
            for (int j = 0; j < names.size(); j++) {
                if (j != i && names.get(j) != null) {
                    coauthors.add(names.get(j).block());
                }
            }
            Set<String> institutions = new HashSet<>();
            authorship.path("institutions").forEach(institution -> {
                if (institution.path("id").isString()) {
                    institutions.add(institution.path("id").asString());
                }
            });
            String orcid = authorship.path("author").path("orcid").asString(null);
            AuthorMention mention = new AuthorMention(work.path("id").asString(), i, names.get(i),
                    orcid == null ? null : orcid.replaceFirst("^https?://orcid.org/", ""), Map.of(), coauthors,
                    institutions, venue, topics, year);
            mentions.add(mention);
            String authorId = authorship.path("author").path("id").asString(null);
            if (authorId != null) {
                truth.put(mention, authorId);
            }
        }
    }

    private static String printedName(JsonNode authorship) {
        String raw = authorship.path("raw_author_name").asString("");
        return raw.isBlank() ? authorship.path("author").path("display_name").asString("") : raw;
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
