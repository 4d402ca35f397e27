package org.bzpeer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bzpeer.schemas.Topics;
import org.bzpeer.testkit.OpenAlexSampleEvents;
import org.bzpeer.testkit.OpenAlexSampleEvents.ExpectedAuthor;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * The whole system as a client sees it: works posted to ingest-service appear, through Kafka only, in the profile,
 * collaborator and trust APIs of the other three services. Every service runs as {@value #INSTANCES} processes sharing
 * its database and consumer group (override with {@code -Dbzpeer.e2e.instances=N}); writes are spread over the
 * instances, every read is asked of every instance of its service, and the instances must serve identical answers,
 * the same final state a single instance reaches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemIT {

    private static final int INSTANCES = 2;
    private static final Path REPOSITORY = SharedData.repositoryRoot();
    /** Generous: eight service JVMs, the broker and PostgreSQL share two cores. */
    private static final Duration START_UP = Duration.ofMinutes(6);
    private static final Duration EVENTUALLY = Duration.ofMinutes(5);
    private static final Duration SLOW_WAIT = Duration.ofSeconds(30);
    /**
     * For the consumers to work off the whole sample: measured 5 min from the first post with two instances of the
     * one-work-at-a-time consumers on a loaded 2-core machine.
     */
    private static final Duration SETTLING = Duration.ofMinutes(7);
    /** Lines of the OpenAlex sample per request; the requests alternate between the ingest instances. */
    private static final int SAMPLE_CHUNK = 250;
    private static final String FOCAL_AUTHOR = "A5000180362";
    /**
     * Authors of {@code expected.json} whose every co-author in the sample has an OpenAlex author id. Ingest keeps an
     * authorship without one as an author of its own, which {@code expected.json} does not count, so for other authors
     * the graph rightly counts more co-authors than {@code distinct_coauthors}.
     */
    private static final List<String> COAUTHORS_AS_EXPECTED = List.of("A5049649985", "A5046818830", "A5027197211",
            "A5084940954", FOCAL_AUTHOR, "A5016324576", "A5024607591", "A5010595990");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private ServiceProcesses services;

    @BeforeAll
    void startServices() {
        services = new ServiceProcesses(REPOSITORY, Integer.getInteger("bzpeer.e2e.instances", INSTANCES));
        services.startAll(START_UP);
    }

    @AfterAll
    void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theDemoResearcherPageIsServedFromTheFixture() throws Exception {
        String fixture = Files.readString(REPOSITORY.resolve("deploy/local/demo/carole-jean-wu.works.json"));

        DocumentContext summary = submit(1, fixture, "application/json", "bzpeer");
        assertThat(summary.<Integer>read("$.received")).isEqualTo(26);
        assertThat(summary.<Integer>read("$.rejected")).isZero();

        DocumentContext profile = awaitAgreed("profile", "/api/v1/authors/by-external-id/bzpeer-demo/carole-jean-wu",
                page -> {
                    assertThat(page.<Integer>read("$.counts.works")).isEqualTo(26);
                    assertThat(page.<Object>read("$.trust")).isNotNull();
                });
        String authorId = profile.read("$.id");
        assertThat(profile.<String>read("$.name")).isEqualTo("Carole-Jean Wu");
        assertThat(profile.<Object>read("$.affiliation")).isNull();
        assertThat(profile.<Boolean>read("$.claimed")).isFalse();
        assertThat(profile.<Boolean>read("$.openToCollaborate")).isFalse();
        assertThat(profile.<String>read("$.descriptionSource")).isEqualTo("generated");
        assertThat(profile.<String>read("$.description")).startsWith("Author of 26 works from ");
        assertThat(profile.<String>read("$.trust.verificationLevel")).isEqualTo("L1");
        assertThat(awaitAgreed("profile", "/api/v1/authors?q=Wu,%20Carol%C3%A9%E2%80%90Jean", any -> { })
                .<List<String>>read("$.items[*].id")).as("found by search, however the name is spelled")
                .first().isEqualTo(authorId);
        assertThat(awaitAgreed("profile", "/api/v1/authors/autocomplete?q=carole%20w", any -> { })
                .<List<String>>read("$.items[*].id")).as("suggested while the name is typed").contains(authorId);

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            DocumentContext page = awaitAgreed("profile", "/api/v1/authors/" + authorId + "/works?limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor), any -> { });
            titles.addAll(page.read("$.items[*].title"));
            cursor = page.read("$.nextCursor");
        } while (cursor != null);
        List<String> pageOrder = JsonPath.parse(fixture).read("$[*].title");
        assertThat(titles).as("newest first, then by title, as the researcher page lists them")
                .containsExactlyElementsOf(pageOrder);

        DocumentContext trust = awaitAgreed("trust", "/api/v1/authors/" + authorId + "/trust", any -> { });
        assertThat(trust.<String>read("$.verificationLevel")).isEqualTo("L1");
        assertThat(trust.<List<Object>>read("$.components")).isNotEmpty();
        awaitTrustSnapshotOnTheProfile(authorId);
        assertThat(awaitAgreed("graph", "/api/v1/authors/" + authorId + "/collaborators", any -> { })
                .<Integer>read("$.total")).isZero();

        DocumentContext again = submit(services.instancesPerService(), fixture, "application/json", "bzpeer");
        assertThat(again.<Integer>read("$.unchanged")).as("re-sent to another ingest instance").isEqualTo(26);
        assertThat(awaitAgreed("profile", "/api/v1/authors/" + authorId, any -> { })
                .<Integer>read("$.counts.works")).isEqualTo(26);
    }

    @Test
    void coauthoredWorksMakeCloseCollaboratorsEverywhere() throws Exception {
        String run = UUID.randomUUID().toString();
        List<DocumentContext> summaries = submitAcrossIngestInstances(List.of(
                work("10.7777/" + run + "-1", "Joint work one", run),
                work("10.7777/" + run + "-2", "Joint work two", run)), "application/x-ndjson", "bzpeer");
        assertThat(summaries).as("both authors are new to both ingest instances at once")
                .allSatisfy(summary -> assertThat(summary.<Integer>read("$.created")).isEqualTo(1));

        DocumentContext first = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-first",
                page -> {
                    assertThat(page.<Integer>read("$.counts.works")).isEqualTo(2);
                    assertThat(page.<Integer>read("$.counts.closeCollaborators")).isEqualTo(1);
                });
        String firstId = first.read("$.id");
        DocumentContext collaborators = awaitAgreed("graph", "/api/v1/authors/" + firstId + "/collaborators",
                page -> assertThat(page.<Integer>read("$.total")).isEqualTo(1));
        assertThat(collaborators.<String>read("$.items[0].author.name")).isEqualTo("Second Author");
        assertThat(collaborators.<Integer>read("$.items[0].sharedWorks")).isEqualTo(2);
        assertThat(collaborators.<Boolean>read("$.items[0].close")).isTrue();
    }

    @Test
    void notMyWorkLeavesEveryReadModelAndStaysAwayThroughReimports() throws Exception {
        String run = UUID.randomUUID().toString();
        String wrong = work("10.7777/" + run + "-wrong", "Not theirs", run);
        submit(1, "[" + wrong + "," + work("10.7777/" + run + "-right", "Theirs", run) + "]", "application/json",
                "bzpeer");
        DocumentContext page = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-first",
                profile -> assertThat(profile.<Integer>read("$.counts.works")).isEqualTo(2));
        String authorId = page.read("$.id");
        String owner = TestTokens.userToken("owner-" + run);
        assertThat(write("POST", services.baseUrl("profile", 1) + "/api/v1/authors/" + authorId + "/claim", owner))
                .isEqualTo(201);
        String wrongWork = awaitAgreed("profile", "/api/v1/authors/" + authorId + "/works", works -> { })
                .<List<String>>read("$.items[?(@.title == 'Not theirs')].id").get(0);

        HttpResponse<String> edit = http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("profile",
                        services.instancesPerService()) + "/api/v1/authors/" + authorId))
                .header("Authorization", "Bearer " + owner)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"notMyWork\": [\"" + wrongWork + "\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);

        awaitAgreed("profile", "/api/v1/authors/" + authorId, profile ->
                assertThat(profile.<Integer>read("$.counts.works")).isEqualTo(1));
        awaitAgreed("graph", "/api/v1/authors/" + authorId + "/collaborators", collaborators ->
                assertThat(collaborators.<Integer>read("$.items[0].sharedWorks")).isEqualTo(1));
        submit(services.instancesPerService(), wrong, "application/json", "bzpeer");
        assertThat(awaitAgreed("profile", "/api/v1/authors/" + authorId + "/works", any -> { })
                .<List<String>>read("$.items[*].title")).containsExactly("Theirs");
    }

    @Test
    void aClaimAndAFollowOnTheProfileReachTheTrustAssessment() throws Exception {
        String run = UUID.randomUUID().toString();
        submit(1, work("10.7777/" + run + "-solo", "Solo work", run), "application/json", "bzpeer");
        String authorId = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-first",
                page -> assertThat(page.<Object>read("$.trust")).isNotNull()).read("$.id");

        String user = TestTokens.userToken("researcher-" + run);
        int other = services.instancesPerService();
        assertThat(write("PUT", services.baseUrl("profile", 1) + "/api/v1/authors/" + authorId + "/followers/me",
                TestTokens.userToken("reader-" + run))).isEqualTo(204);
        assertThat(write("POST", services.baseUrl("profile", other) + "/api/v1/authors/" + authorId + "/claim", user))
                .isEqualTo(201);
        assertThat(write("POST", services.baseUrl("profile", 1) + "/api/v1/authors/" + authorId + "/claim", user))
                .as("already claimed by this user, through another instance").isEqualTo(200);

        DocumentContext trust = awaitAgreed("trust", "/api/v1/authors/" + authorId + "/trust", page -> {
            assertThat(page.<Boolean>read("$.claimed")).isTrue();
            assertThat(page.<Integer>read("$.followers")).isEqualTo(1);
        });
        assertThat(trust.<String>read("$.verificationLevel")).isEqualTo("L2");
        awaitAgreed("profile", "/api/v1/authors/" + authorId, page -> {
            assertThat(page.<Boolean>read("$.claimed")).isTrue();
            assertThat(page.<Integer>read("$.counts.followers")).isEqualTo(1);
            assertThat(page.<String>read("$.trust.verificationLevel")).isEqualTo("L2");
        });
        awaitTrustSnapshotOnTheProfile(authorId);
    }

    /**
     * The researcher page as a person sees it in headless Chromium, served by profile-service and calling graph-service
     * across origins: every section of the seed page in its order, the demo researcher's works in the seed page's
     * order, the graph drawn, follow and unfollow, no serious accessibility violation at desktop and phone size;
     * then the explorer (expanding a person, the path between two researchers), a claim, the owner's edit and a
     * collaboration request on researchers of this run. Runs after the tests above and before the long sample import.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theResearcherPageWorksInARealBrowser() throws Exception {
        assumeTrue(ResearcherPageInBrowser.installed(), ResearcherPageInBrowser.MISSING);
        String fixture = Files.readString(REPOSITORY.resolve("deploy/local/demo/carole-jean-wu.works.json"));
        submit(1, fixture, "application/json", "bzpeer");
        DocumentContext demo = awaitAgreed("profile", "/api/v1/authors/by-external-id/bzpeer-demo/carole-jean-wu",
                page -> {
                    assertThat(page.<Integer>read("$.counts.works")).isEqualTo(26);
                    assertThat(page.<Object>read("$.trust")).isNotNull();
                });
        String run = UUID.randomUUID().toString();
        submit(1, String.join("\n", work("10.7777/" + run + "-1", "Joint work one", run),
                work("10.7777/" + run + "-2", "Joint work two", run),
                workBy("10.7777/" + run + "-3", "Second and third", run, "second", "third")),
                "application/x-ndjson", "bzpeer");
        String first = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-first",
                page -> assertThat(page.<Object>read("$.trust")).isNotNull()).read("$.id");
        String second = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-second", any -> { })
                .read("$.id");
        String third = awaitAgreed("profile", "/api/v1/authors/by-external-id/e2e/" + run + "-third", any -> { })
                .read("$.id");
        awaitAgreed("graph", "/api/v1/authors/" + second + "/collaborators",
                page -> assertThat(page.<Integer>read("$.total")).isEqualTo(2));

        try (ResearcherPageInBrowser browser = new ResearcherPageInBrowser(services.baseUrl("profile", 1),
                REPOSITORY.resolve("deploy/e2e-tests/target"))) {
            ResearcherPageChecks checks = new ResearcherPageChecks(browser);
            checks.findFromTheSearchPage("Carole-Jean Wu", demo.read("$.id"));
            checks.theDemoResearchersPage(demo, expectedWorkHeadings(fixture));
            checks.followAndUnfollow(demo.read("$.id"), TestTokens.userToken("reader-" + run));
            checks.theExplorer(first, second, third, "Third Author");
            checks.claimEditAndAskToCollaborate(first, TestTokens.userToken("owner-" + run),
                    TestTokens.userToken("colleague-" + run));
        }
    }

    @Test
    void everyServiceDescribesItsApiAndReportsHealthAndMetricsToOperators() throws Exception {
        for (ServiceProcesses.Instance instance : services.instances()) {
            assertThat(getJson(instance.baseUrl() + "/v3/api-docs").<String>read("$.openapi"))
                    .as(instance.name()).startsWith("3.");
            assertThat(getJson(instance.baseUrl() + "/actuator/health/liveness").<String>read("$.status"))
                    .as(instance.name()).isEqualTo("UP");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create(instance.baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + TestTokens.opsToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).as(instance.name()).contains("bzpeer_outbox_backlog");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as(instance.name() + " metrics without a token").isEqualTo(401);
        }
    }

    /**
     * Runs last: the sample's backlog takes the consumers minutes, and the other tests need not wait behind it. It
     * ends by awaiting the whole system settling, then compares every read model across the instances. Ingest rejects
     * a record that still conflicts with a concurrent import after its record-by-record retry and asks for it to be
     * submitted again; the test does so, as a pipeline must, and then expects every work created exactly once.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theOpenAlexSampleImportedThroughEveryIngestInstanceBuildsTheExpectedReadModels() throws Exception {
        Path sample = SharedData.require(OpenAlexSampleEvents.WORKS);
        List<ExpectedAuthor> expectedAuthors = OpenAlexSampleEvents.expectedAuthors().stream().distinct().toList();

        long started = System.nanoTime();
        List<String> chunks = chunks(sample);
        List<DocumentContext> summaries = submitAcrossIngestInstances(chunks, "application/x-ndjson", "openalex");
        assertThat(sum(summaries, "$.received")).isEqualTo(3684);
        List<String> conflicting = new ArrayList<>();
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            List<Map<String, Object>> errors = summaries.get(chunk).read("$.errors");
            for (Map<String, Object> error : errors) {
                assertThat((String) error.get("reason")).as("the only rejection two ingest instances may cause, %s",
                        error).contains("concurrent import");
                conflicting.add(chunks.get(chunk).split("\n")[(Integer) error.get("record")]);
            }
        }
        int created = sum(summaries, "$.created");
        for (String record : conflicting) {
            DocumentContext again = submit(1, record, "application/x-ndjson", "openalex");
            assertThat(again.<Integer>read("$.rejected")).as("submitted again, alone").isZero();
            created += again.<Integer>read("$.created");
        }
        assertThat(created).isEqualTo(3684);
        System.out.printf(Locale.ROOT, "OpenAlex sample: %d requests over %d ingest instances, %d records rejected as "
                        + "concurrent-import conflicts and submitted again, all imported in %.1f s%n", chunks.size(),
                services.instancesPerService(), conflicting.size(), (System.nanoTime() - started) / 1e9);

        DocumentContext focal = awaitAgreed("profile", "/api/v1/authors/by-external-id/openalex/" + FOCAL_AUTHOR,
                page -> assertThat(page.<Integer>read("$.counts.works")).isEqualTo(14));
        assertThat(focal.<String>read("$.orcid")).isEqualTo("0000-0001-7056-6323");
        awaitAgreed("graph", "/api/v1/authors/" + focal.read("$.id") + "/collaborators",
                page -> assertThat(page.<Integer>read("$.total")).isEqualTo(37));

        try (Backlog backlog = new Backlog(TestInfrastructure.kafkaBootstrapServers(), ServiceProcesses.SERVICES)) {
            await().atMost(SETTLING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(backlog.settled()).as(backlog::describe).isTrue());
            System.out.printf(Locale.ROOT, "System settled %.1f s after the sample was first posted; partitions: %s%n",
                    (System.nanoTime() - started) / 1e9,
                    backlog.partitionCounts(Topics.ALL.stream().map(topic -> topic.name()).toList()));
            assertThat(backlog.deadLetters()).as("dead-lettered records").isEmpty();
        }

        for (ExpectedAuthor expected : expectedAuthors) {
            DocumentContext profile = agreed("profile", "/api/v1/authors/by-external-id/openalex/" + expected.id());
            String authorId = profile.read("$.id");
            DocumentContext summary = agreed("graph", "/api/v1/authors/" + authorId + "/graph-summary");
            DocumentContext trust = agreed("trust", "/api/v1/authors/" + authorId + "/trust");
            int alike = OpenAlexSampleEvents.nameOnlyWorksAlike(expected.id());
            assertThat(profile.<Integer>read("$.counts.works")).as("%s, %d name-only works alike", expected.id(), alike)
                    .isBetween(expected.worksInSample(), expected.worksInSample() + alike);
            assertThat(summary.<Integer>read("$.workCount")).as(expected.id())
                    .isEqualTo(profile.<Integer>read("$.counts.works"));
            if (expected.orcid() != null) {
                assertThat(profile.<String>read("$.orcid")).as(expected.id()).isEqualTo(expected.orcid());
            }
            assertThat(profile.<Map<String, Object>>read("$.trust")).as("trust snapshot of " + expected.id())
                    .containsEntry("score", trust.read("$.score"))
                    .containsEntry("band", trust.read("$.band"))
                    .containsEntry("label", trust.read("$.label"))
                    .containsEntry("verificationLevel", trust.read("$.verificationLevel"));
            if (COAUTHORS_AS_EXPECTED.contains(expected.id())) {
                DocumentContext collaborators = agreed("graph", "/api/v1/authors/" + authorId + "/collaborators");
                assertThat(collaborators.<Integer>read("$.total")).as(expected.id())
                        .isEqualTo(expected.distinctCoauthors());
                assertThat(summary.<Integer>read("$.coauthorCount")).as(expected.id())
                        .isEqualTo(expected.distinctCoauthors());
                assertThat(profile.<Integer>read("$.counts.coauthors")).as(expected.id())
                        .isEqualTo(expected.distinctCoauthors());
            }
        }
        assertThat(expectedAuthors.stream().map(ExpectedAuthor::id)).containsAll(COAUTHORS_AS_EXPECTED);
    }

    /** The sample's lines in NDJSON bodies of {@value #SAMPLE_CHUNK} lines each, in file order. */
    private static List<String> chunks(Path sample) {
        List<String> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int[] lines = {0};
        SharedData.forEachLine(sample, (line, number) -> {
            chunk.writeBytes(line);
            chunk.write('\n');
            if (++lines[0] % SAMPLE_CHUNK == 0) {
                chunks.add(chunk.toString(StandardCharsets.UTF_8));
                chunk.reset();
            }
        });
        if (chunk.size() > 0) {
            chunks.add(chunk.toString(StandardCharsets.UTF_8));
        }
        return chunks;
    }

    private static int sum(List<DocumentContext> summaries, String path) {
        return summaries.stream().mapToInt(summary -> summary.<Integer>read(path)).sum();
    }

    private static String work(String doi, String title, String run) {
        return workBy(doi, title, run, "first", "second");
    }

    /**
     * A work of 2025 with an abstract, by the authors named after {@code people} ("first" is "First Author", with the
     * external id {@code e2e/<run>-first}).
     */
    private static String workBy(String doi, String title, String run, String... people) {
        String authorships = Arrays.stream(people).map(person -> "{\"name\": \""
                + Character.toUpperCase(person.charAt(0)) + person.substring(1) + " Author\", \"ids\": {\"e2e\": \""
                + run + "-" + person + "\"}}").collect(Collectors.joining(","));
        return "{\"identifiers\": {\"doi\": \"" + doi + "\"}, \"type\": \"article\", \"publicationYear\": 2025, "
                + "\"title\": \"" + title + "\", \"abstract\": \"What " + title + " found.\", "
                + "\"authorships\": [" + authorships + "]}";
    }

    /**
     * The works of the demo researcher's page as headings "type year venue title": from the seed page when the shared
     * seed is there (its work lines read "preprint2026arXiv" followed by the title), else from the fixture, which
     * DemoFixtureTest proves to hold the seed page's works in its order.
     */
    private static List<String> expectedWorkHeadings(String fixture) throws IOException {
        Path seed = SharedData.dir().getParent().resolve("seed/000_e5fc8d0efc4209bc.txt");
        if (!Files.isRegularFile(seed)) {
            List<Map<String, Object>> works = JsonPath.parse(fixture).read("$[*]");
            return works.stream().map(work -> work.get("type") + " " + work.get("publicationYear") + " "
                    + ((Map<?, ?>) work.get("venue")).get("name") + " " + work.get("title")).toList();
        }
        List<String> lines = Files.readAllLines(seed, StandardCharsets.UTF_8);
        List<String> headings = new ArrayList<>();
        Pattern workLine = Pattern.compile("([a-z-]+)(\\d{4})(arXiv)");
        for (int i = 0; i + 2 < lines.size(); i++) {
            Matcher heading = workLine.matcher(lines.get(i));
            if (heading.matches()) {
                headings.add(heading.group(1) + " " + heading.group(2) + " " + heading.group(3) + " "
                        + lines.get(i + 2));
            }
        }
        return headings;
    }

    /** Awaits the trust snapshot every profile instance shows to be the one every trust instance serves. */
    private void awaitTrustSnapshotOnTheProfile(String authorId) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            DocumentContext trust = agreed("trust", "/api/v1/authors/" + authorId + "/trust");
            DocumentContext profile = agreed("profile", "/api/v1/authors/" + authorId);
            assertThat(profile.<String>read("$.trust.label")).isEqualTo(trust.<String>read("$.label"));
            assertThat(profile.<String>read("$.trust.verificationLevel"))
                    .isEqualTo(trust.<String>read("$.verificationLevel"));
        });
    }

    private int write(String method, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Posts {@code body} to ingest instance {@code instance} (from 1) and returns its import summary. */
    private DocumentContext submit(int instance, String body, String contentType, String format) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(services.baseUrl("ingest", instance) + "/api/v1/works?format=" + format))
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    /**
     * Posts body {@code i} to ingest instance {@code i mod n}: one thread per instance posts its bodies in order, all
     * instances at the same time. Returns the import summaries in the order of {@code bodies}.
     */
    private List<DocumentContext> submitAcrossIngestInstances(List<String> bodies, String contentType, String format)
            throws Exception {
        int instances = services.instancesPerService();
        DocumentContext[] summaries = new DocumentContext[bodies.size()];
        List<Callable<Void>> posters = new ArrayList<>();
        for (int instance = 1; instance <= instances; instance++) {
            int number = instance;
            posters.add(() -> {
                for (int i = number - 1; i < bodies.size(); i += instances) {
                    summaries[i] = submit(number, bodies.get(i), contentType, format);
                }
                return null;
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(instances);
        try {
            for (Future<Void> poster : executor.invokeAll(posters)) {
                try {
                    poster.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return List.of(summaries);
    }

    /**
     * GETs {@code path} from every instance of {@code service} until all answer 200 with the same JSON and that
     * answer meets {@code expectation}; returns it. A wait longer than {@link #SLOW_WAIT} is reported on the test's
     * output with what the last miss said, so a slow path shows in the report even when the test passes.
     */
    private DocumentContext awaitAgreed(String service, String path, Consumer<DocumentContext> expectation) {
        AtomicReference<DocumentContext> answer = new AtomicReference<>();
        AtomicReference<String> lastMiss = new AtomicReference<>();
        long started = System.nanoTime();
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try {
                DocumentContext agreed = agreed(service, path);
                expectation.accept(agreed);
                answer.set(agreed);
            } catch (AssertionError miss) {
                lastMiss.set(miss.getMessage());
                throw miss;
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(SLOW_WAIT) > 0) {
            System.out.printf("slow wait: GET %s on %s agreed after %d s; the last miss: %s%n", path, service,
                    took.toSeconds(), lastMiss.get());
        }
        return answer.get();
    }

    /** GETs {@code path} from every instance of {@code service}; asserts all answer 200 with the same JSON. */
    private DocumentContext agreed(String service, String path) throws IOException, InterruptedException {
        List<String> baseUrls = services.baseUrls(service);
        List<DocumentContext> answers = new ArrayList<>();
        for (String baseUrl : baseUrls) {
            answers.add(getJson(baseUrl + path));
        }
        assertThat(answers.stream().map(DocumentContext::json).collect(Collectors.toList()))
                .as("GET %s on %s instances %s", path, service, baseUrls)
                .allSatisfy(json -> assertThat(json).isEqualTo(answers.get(0).json()));
        return answers.get(0);
    }

    private DocumentContext getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }
}
