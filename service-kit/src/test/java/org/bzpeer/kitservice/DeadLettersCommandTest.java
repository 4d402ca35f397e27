package org.bzpeer.kitservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@code deploy/dead-letters}, the ops command, against a running kit service: it lists a dead letter, shows its
 * event, replays it once, and lists parked outbox rows, with the operator token taken from the environment.
 */
@ServiceTest
class DeadLettersCommandTest {

    static final Path COMMAND = Path.of("..", "deploy", "dead-letters").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @BeforeAll
    static void theCommandCanRun() {
        assumeTrue(Stream.of("bash", "curl", "jq", "column").allMatch(DeadLettersCommandTest::installed),
                "deploy/dead-letters needs bash, curl, jq and column on the PATH");
    }

    @Test
    void opsListShowAndReplayADeadLetterWithTheCommand() throws Exception {
        String author = TestEvents.newEventId();
        database.sql("INSERT INTO refused_author VALUES (:author)").bind("author", author).fetch().rowsUpdated()
                .block();
        FollowCreated follow = FollowCreated.newBuilder().setEventId(TestEvents.newEventId())
                .setOccurredAt(Instant.now()).setAuthorId(author).setFollowerId("u_1").build();
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow);

        String line = await().atMost(Duration.ofSeconds(60)).until(
                () -> run("list", "profile").output().lines().filter(row -> row.contains(author)).findFirst(),
                found -> found.isPresent()).orElseThrow();
        assertThat(line).contains(DeadLetterAdminTest.DEAD_LETTERS).contains("IllegalStateException").endsWith("no");
        String[] columns = line.trim().split("\\s+");
        String topic = columns[0];
        String partition = columns[1];
        String offset = columns[2];

        assertThat(run("show", "profile", topic, partition, offset).output())
                .contains("\"eventId\": \"" + follow.getEventId() + "\"");
        database.sql("DELETE FROM refused_author WHERE author_id = :author").bind("author", author).fetch()
                .rowsUpdated().block();
        assertThat(run("replay", "profile", topic, partition, offset).output()).contains("\"outcome\": \"replayed\"");
        assertThat(run("replay", "profile", topic, partition, offset).output())
                .contains("\"outcome\": \"already-replayed\"");
        assertThat(run("list", "profile").output().lines().filter(row -> row.contains(author)).findFirst()
                .orElseThrow()).doesNotEndWith("no");
        assertThat(run("parked", "profile").output()).startsWith("ID");

        Result missing = runExpectingFailure("show", "profile", topic, partition, "1000000");
        assertThat(missing.errors()).contains("HTTP 404");
    }

    private static boolean installed(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        Result result = execute(arguments);
        assertThat(result.exitCode()).as("exit code of %s; errors: %s", List.of(arguments), result.errors())
                .isZero();
        return result;
    }

    private Result runExpectingFailure(String... arguments) throws IOException, InterruptedException {
        Result result = execute(arguments);
        assertThat(result.exitCode()).isNotZero();
        return result;
    }

    private Result execute(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(COMMAND.toString(), "--url", "http://127.0.0.1:" + port));
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile("dead-letters", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("BZPEER_OPS_TOKEN", TestTokens.opsToken());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String errorText = Files.readString(errors);
        Files.delete(errors);
        return new Result(process.exitValue(), output, errorText);
    }
}
