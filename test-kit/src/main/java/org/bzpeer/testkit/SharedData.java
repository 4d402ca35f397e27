package org.bzpeer.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;
import java.util.zip.GZIPInputStream;

/**
 * The project's shared real data ({@code ../shared/data} next to the repository, overridable with the environment
 * variable {@code BZPEER_SHARED_DATA}), read in place and never copied into the repository. Tests that need a file
 * are skipped, with the path in the message, when it is missing.
 */
public final class SharedData {

    private SharedData() {
    }

    /**
     * The shared data directory: {@code BZPEER_SHARED_DATA}, else {@code shared/data} beside the repository root
     * (found as the nearest directory above the working directory that holds {@code mvnw}).
     */
    public static Path dir() {
        String override = System.getenv("BZPEER_SHARED_DATA");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return repositoryRoot().resolve("../shared/data").normalize();
    }

    /** The repository root: the nearest directory above the working directory that holds {@code mvnw}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the BZPEER repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The shared file at {@code relative}, or the calling test is skipped when it is missing. */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), missing(file));
        return file;
    }

    /** Why a test needing {@code file} is skipped. */
    public static String missing(Path file) {
        return "shared data file " + file + " is missing (set BZPEER_SHARED_DATA to the shared data directory to run "
                + "this test); skipping";
    }

    /** The shared directory {@code relative} beside the data directory (e.g. {@code seed}); else the test is skipped. */
    public static Path requireSibling(String relative) {
        Path dir = dir().getParent().resolve(relative);
        assumeTrue(Files.isDirectory(dir), "shared directory " + dir + " (looked up next to the shared data directory "
                + dir() + ") is missing; skipping");
        return dir;
    }

    /** A file of this repository, e.g. {@code deploy/local/demo/carole-jean-wu.works.json}. */
    public static Path repositoryFile(String relative) {
        return repositoryRoot().resolve(relative).normalize();
    }

    /**
     * Hands every non-empty line of a gzip-compressed JSON-lines file to {@code consumer} with its 1-based line number.
     * Lines are split on the byte '\n' only: JSON strings may hold raw U+2028/U+2029, which are not line ends.
     */
    public static void forEachLine(Path gzipFile, ObjIntConsumer<byte[]> consumer) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipFile), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 16);
            byte[] buffer = new byte[1 << 16];
            int lineNumber = 1;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        emit(line, lineNumber++, consumer);
                        start = i + 1;
                    }
                }
                line.write(buffer, start, read - start);
            }
            emit(line, lineNumber, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void emit(ByteArrayOutputStream line, int lineNumber, ObjIntConsumer<byte[]> consumer) {
        byte[] bytes = line.toByteArray();
        line.reset();
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                consumer.accept(bytes, lineNumber);
                return;
            }
        }
    }
}
