package org.bzpeer.ingest.work.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.bzpeer.ingest.author.application.AuthorResolution;
import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;
import org.bzpeer.kit.store.ReadModelSnapshot;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Property: ingest's own tables and what it publishes are a function of the final records. Corpora of works with
 * several versions each (identifiers added, authorships added, dropped, reordered and given identifiers), copies of
 * some without identifiers (joining their work by title, or not) and namesakes making copies ambiguous are imported
 * through the real importer in random histories (older versions before, between and after others, repeated, in
 * batches of any size, each work's final version after its older ones), and every history must leave the same
 * identity tables and the same last published content per work as the final versions imported alone. Three
 * importers racing through their own histories of one corpus (as instances do) must agree on every identity.
 */
@ServiceTest
@TestPropertySource(properties = {"bzpeer.service-name=ingest_convergence", "bzpeer.outbox.enabled=false",
        "bzpeer.ingest.resolution.linger=0s"})
class IdentityConvergenceTest {

    private static final List<String> TABLES = List.of("work", "work_identifier", "work_title_key", "work_alias",
            "event_outbox", "author_mention", "unresolved_block");
    private static final String TITLE_KEYS_BY_WORK = """
            SELECT DISTINCT concat_ws(' | ', t.title_key, t.year, t.scheme = 'title-fingerprint', i.work_id) AS row
            FROM work_title_key t JOIN work_identifier i ON i.scheme = t.scheme AND i.value = t.value
            ORDER BY row""";
    /** Source of the copies without identifiers that the corpora add. */
    private static final String COPY = "copy";
    /** History, not state: how often and when a work changed, and which ids were retired on the way. */
    private static final Set<String> HISTORY_COLUMNS = Set.of("version", "first_imported_at", "last_changed_at");

    @Autowired
    WorkImporter importer;

    @Autowired
    AuthorResolution resolution;

    private final DatabaseCoordinates database = TestInfrastructure.database("ingest_convergence");

    @Test
    void syntheticCorporaGiveTheSameIdentitiesWhateverTheHistory() {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            assertSameForEveryHistory(syntheticCorpus(random, seed), random, 6);
        }
    }

    @Test
    void alteredRealWorksGiveTheSameIdentitiesWhateverTheHistory() {
        Path sample = SharedData.dir().resolve("openalex/kfupm/works.jsonl.gz");
        assumeTrue(Files.isRegularFile(sample), () -> SharedData.missing(sample));
        List<SubmittedWork> real = new ArrayList<>();
        OpenAlexWorkFormat format = new OpenAlexWorkFormat(RecordLimits.defaults());
        JsonMapper json = JsonMapper.builder().build();
        SharedData.forEachLine(sample, (line, number) -> {
            if (number % 25 == 0 && real.size() < 120) {
                real.add(format.parse(json.readTree(line)));
            }
        });
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<List<SubmittedWork>> corpus = alteredCorpus(real, random);
            assertThat(joinedCopies(corpus.stream().map(versions -> versions.get(versions.size() - 1)).toList()))
                    .as("real copies that join their works").isGreaterThan(20);
            assertSameForEveryHistory(corpus, random, 3);
        }
    }

    @Test
    void concurrentImportersAgreeOnEveryIdentity() throws Exception {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            List<List<SubmittedWork>> corpus = syntheticCorpus(random, 100 + seed);
            List<SubmittedWork> finals = corpus.stream().map(versions -> versions.get(versions.size() - 1)).toList();
            Map<String, List<String>> expected = replay(List.of(finals));
            empty();
            List<List<List<SubmittedWork>>> histories = List.of(randomHistory(corpus, random),
                    randomHistory(corpus, random), randomHistory(corpus, random));
            ExecutorService pool = Executors.newFixedThreadPool(histories.size());
            try {
                List<Future<?>> running = new ArrayList<>();
                histories.forEach(history -> running.add(pool.submit(() -> history.forEach(this::importAll))));
                for (Future<?> importer : running) {
                    importer.get();
                }
            } finally {
                pool.shutdown();
            }
            Map<String, List<String>> actual = snapshot();
            assertThat(actual.get("work_identifier")).as("seed %d", seed).isEqualTo(expected.get("work_identifier"));
            assertThat(workIds(actual)).as("seed %d", seed).isEqualTo(workIds(expected));
        }
    }

    private static List<String> workIds(Map<String, List<String>> snapshot) {
        return snapshot.get("work").stream().map(row -> row.substring(0, row.indexOf(" | "))).toList();
    }

    private void assertSameForEveryHistory(List<List<SubmittedWork>> corpus, Random random, int histories) {
        List<SubmittedWork> finals = corpus.stream().map(versions -> versions.get(versions.size() - 1)).toList();
        Map<String, List<String>> expected = replay(List.of(finals));
        assertThat(expected.get("work")).hasSize(finals.size());
        assertThat(count("work_alias")).as("copies merged into their works").isEqualTo(joinedCopies(finals));
        for (int i = 0; i < histories; i++) {
            List<List<SubmittedWork>> history = randomHistory(corpus, random);
            assertThat(replay(history)).as("identity tables after history %d of %d batches", i, history.size())
                    .isEqualTo(expected);
        }
    }

    /**
     * How many of {@code finals} are copies that join a work: records without identifiers whose title key exactly one
     * record with identifiers shares within a year (each record of {@code finals} is a work of its own).
     */
    private static long joinedCopies(List<SubmittedWork> finals) {
        List<TitleKey> identified = titleKeys(finals.stream().filter(work -> !work.identifiers().isEmpty()));
        return titleKeys(finals.stream().filter(work -> work.identifiers().isEmpty())).stream()
                .filter(copy -> identified.stream().filter(key -> key.titleKey().equals(copy.titleKey())
                        && Math.abs(key.year() - copy.year()) <= 1).count() == 1)
                .count();
    }

    private static List<TitleKey> titleKeys(Stream<SubmittedWork> works) {
        return works.map(work -> WorkTitleKeys.of(work, BatchPlan.workKeys(work))).filter(Objects::nonNull).toList();
    }

    private Map<String, List<String>> replay(List<List<SubmittedWork>> history) {
        empty();
        history.forEach(this::importAll);
        return snapshot();
    }

    private void importAll(List<SubmittedWork> batch) {
        List<IndexedSubmission> submissions = new ArrayList<>();
        batch.forEach(work -> submissions.add(new IndexedSubmission(submissions.size(), work)));
        assertThat(importer.importBatch(submissions).block())
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(RecordOutcome.Imported.class));
    }

    /**
     * The tables once author resolution has settled every block the imports changed, with {@code work_title_key} as
     * the title keys of each work: its rows name a record by its best identifier, which an older version may have
     * lacked, so which identifier a row names is history too.
     */
    private Map<String, List<String>> snapshot() {
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
            resolution.resolveDueBlocks();
            return count("unresolved_block") == 0;
        });
        Map<String, List<String>> tables = new HashMap<>(ReadModelSnapshot.take(database.jdbcUrl(), database.user(),
                database.password(), Set.of("work_alias", "event_outbox", "work_title_key"), HISTORY_COLUMNS));
        List<String> titleKeys = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TITLE_KEYS_BY_WORK)) {
            while (rows.next()) {
                titleKeys.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        tables.put("work_title_key", titleKeys);
        return tables;
    }

    private long count(String table) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void empty() {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", TABLES));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every version of every work zero to two times and its final version once more after the last of them, shuffled,
     * in batches of 1 to 12.
     */
    private static List<List<SubmittedWork>> randomHistory(List<List<SubmittedWork>> corpus, Random random) {
        List<SubmittedWork> deliveries = new ArrayList<>();
        for (List<SubmittedWork> versions : corpus) {
            for (SubmittedWork version : versions) {
                for (int times = random.nextInt(3); times > 0; times--) {
                    deliveries.add(version);
                }
            }
        }
        Collections.shuffle(deliveries, random);
        for (List<SubmittedWork> versions : corpus) {
            int last = -1;
            for (int i = 0; i < deliveries.size(); i++) {
                if (versions.contains(deliveries.get(i))) {
                    last = i;
                }
            }
            int at = last + 1 + random.nextInt(deliveries.size() - last);
            deliveries.add(at, versions.get(versions.size() - 1));
        }
        List<List<SubmittedWork>> batches = new ArrayList<>();
        for (int start = 0; start < deliveries.size(); ) {
            int end = Math.min(deliveries.size(), start + 1 + random.nextInt(12));
            batches.add(List.copyOf(deliveries.subList(start, end)));
            start = end;
        }
        return batches;
    }

    private static final List<String> GIVEN_NAMES = List.of("Ana", "Bruno", "Carla", "Ana", "Davi");
    private static final List<String> SURNAMES = List.of("Silva", "Souza");

    /**
     * 3 to 8 works of 1 to 4 versions over a pool of people known by an OpenAlex id and an ORCID, by either, by a
     * pipeline's id or by name only, from few names (written out or as initials), so that author resolution has
     * namesakes to tell apart and name variants to join. A version adds a work identifier (so an early version may be known only by a
     * lesser one, and a later one merges it), changes the byline, or gives an authorship one more identifier. A
     * fifth of the works have no identifier at all and are known by title, year and first author. A third of the
     * identified works have a copy without identifiers (its own title punctuation, another abstract, a year zero to
     * two off): it joins the work when the year is at most one off, unless the work has a namesake (an erratum with
     * its own DOI, the title and first author, a year later), which half of them have: then the copy is ambiguous
     * and stays apart, also when it had joined the work before the namesake came (or, two years off the work, it
     * joins the namesake).
     */
    private static List<List<SubmittedWork>> syntheticCorpus(Random random, long seed) {
        List<SubmittedAuthorship> people = new ArrayList<>();
        for (int i = 0, size = 4 + random.nextInt(7); i < size; i++) {
            Map<String, String> ids = new HashMap<>();
            switch (random.nextInt(4)) {
                case 0 -> {
                    ids.put("openalex", "A9" + seed + "0" + i);
                    ids.put("orcid", orcid(seed, i));
                }
                case 1 -> ids.put("orcid", orcid(seed, i));
                case 2 -> ids.put("test-pipeline", "person-" + seed + "-" + i);
                default -> {
                }
            }
            String given = GIVEN_NAMES.get(i % GIVEN_NAMES.size());
            String surname = SURNAMES.get(random.nextInt(SURNAMES.size()));
            String printed = random.nextInt(3) == 0 ? given.charAt(0) + ". " + surname : given + " " + surname;
            people.add(new SubmittedAuthorship(printed, ids, List.of(), false));
        }
        List<List<SubmittedWork>> corpus = new ArrayList<>();
        for (int w = 0, works = 3 + random.nextInt(6); w < works; w++) {
            boolean identified = random.nextInt(5) > 0;
            List<Map.Entry<String, String>> identifiers = new ArrayList<>(List.of(
                    Map.entry("arxiv", "2401." + seed + "0" + w),
                    Map.entry("doi", "10.5555/s" + seed + "-w" + w),
                    Map.entry("openalex", "W9" + seed + "0" + w)));
            Collections.shuffle(identifiers, random);
            SubmittedAuthorship firstAuthor = people.get(random.nextInt(people.size()));
            List<SubmittedWork> versions = new ArrayList<>();
            Map<String, String> known = new LinkedHashMap<>();
            List<SubmittedAuthorship> byline = new ArrayList<>(List.of(firstAuthor));
            for (int v = 0, count = 1 + random.nextInt(4); v < count; v++) {
                if (identified && known.size() < identifiers.size() && (v == 0 || random.nextBoolean())) {
                    Map.Entry<String, String> added = identifiers.get(known.size());
                    known.put(added.getKey(), added.getValue());
                }
                changeByline(byline, people, random);
                versions.add(new SubmittedWork("bzpeer", known, "article", 2020, null, null,
                        "Work " + seed + "-" + w, v % 2 == 0 ? null : "Abstract " + v, null, false,
                        List.copyOf(byline), List.of()));
            }
            corpus.add(versions);
            if (identified && random.nextInt(3) == 0) {
                boolean namesake = random.nextBoolean();
                List<SubmittedAuthorship> byFirstAuthor =
                        List.of(new SubmittedAuthorship(firstAuthor.name(), Map.of(), List.of(), false));
                corpus.add(List.of(new SubmittedWork(COPY, Map.of(), "article",
                        2020 + random.nextInt(3), null, null, "WORK " + seed + "-" + w + ".", "Abstract of a copy",
                        null, false, byFirstAuthor, List.of())));
                if (namesake) {
                    corpus.add(List.of(new SubmittedWork("bzpeer", Map.of("doi", "10.5555/s" + seed + "-w" + w + "e"),
                            "erratum", 2021, null, null, "Work " + seed + "-" + w, null, null, false, byFirstAuthor,
                            List.of())));
                }
            }
        }
        return corpus;
    }

    /** Adds, drops or moves an authorship (never the first) or gives one a further identifier. */
    private static void changeByline(List<SubmittedAuthorship> byline, List<SubmittedAuthorship> people,
            Random random) {
        switch (random.nextInt(4)) {
            case 0 -> byline.add(people.get(random.nextInt(people.size())));
            case 1 -> {
                if (byline.size() > 1) {
                    byline.remove(1 + random.nextInt(byline.size() - 1));
                }
            }
            case 2 -> Collections.shuffle(byline.subList(1, byline.size()), random);
            default -> {
                if (byline.size() > 1) {
                    int at = 1 + random.nextInt(byline.size() - 1);
                    byline.set(at, withId(byline.get(at), "dblp", "homepages/" + random.nextInt(3)));
                }
            }
        }
    }

    /**
     * Each real work becomes version 1, and may get later versions that drop an authorship, add one (without
     * identifiers), give one an ORCID, or add a work identifier; a third of them get a copy without identifiers.
     */
    private static List<List<SubmittedWork>> alteredCorpus(List<SubmittedWork> real, Random random) {
        List<List<SubmittedWork>> corpus = new ArrayList<>();
        for (SubmittedWork original : real) {
            List<SubmittedWork> versions = new ArrayList<>(List.of(original));
            SubmittedWork current = original;
            for (int v = 2, count = 1 + random.nextInt(4); v <= count; v++) {
                List<SubmittedAuthorship> byline = new ArrayList<>(current.authorships());
                Map<String, String> identifiers = new HashMap<>(current.identifiers());
                switch (random.nextInt(4)) {
                    case 0 -> {
                        if (byline.size() > 1) {
                            byline.remove(1 + random.nextInt(byline.size() - 1));
                        }
                    }
                    case 1 -> byline.add(new SubmittedAuthorship("Added Author " + v, Map.of(), List.of(), false));
                    case 2 -> {
                        int at = random.nextInt(byline.size());
                        byline.set(at, withId(byline.get(at), "orcid",
                                String.format("0000-0002-%04d-%04d", random.nextInt(10000), random.nextInt(10000))));
                    }
                    default -> identifiers.putIfAbsent("pmid", String.valueOf(40000000 + random.nextInt(1000000)));
                }
                current = new SubmittedWork(current.source(), identifiers, current.type(), current.publicationYear(),
                        current.publicationDate(), current.venue(), current.title(), current.abstractText(),
                        current.language(), current.retracted(), byline, current.topics());
                versions.add(current);
            }
            corpus.add(versions);
            if (original.title() != null && random.nextInt(3) == 0) {
                corpus.add(List.of(copyOf(original)));
            }
        }
        return corpus;
    }

    /** {@code work} as a pipeline without identifiers might send it: title in upper case, first author only. */
    private static SubmittedWork copyOf(SubmittedWork work) {
        return new SubmittedWork(COPY, Map.of(), work.type(), work.publicationYear(), null, null,
                work.title() == null ? null : work.title().toUpperCase(Locale.ROOT), "Abstract of a copy", null, false,
                work.authorships().isEmpty() ? List.of() : List.of(work.authorships().get(0)), List.of());
    }

    private static SubmittedAuthorship withId(SubmittedAuthorship authorship, String scheme, String value) {
        Map<String, String> ids = new HashMap<>(authorship.ids());
        ids.putIfAbsent(scheme, value);
        return new SubmittedAuthorship(authorship.name(), ids, authorship.institutions(), authorship.corresponding());
    }

    private static String orcid(long seed, int person) {
        return String.format("0000-0003-%04d-%04d", seed, person);
    }
}
