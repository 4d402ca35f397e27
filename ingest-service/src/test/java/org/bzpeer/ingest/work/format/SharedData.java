package org.bzpeer.ingest.work.format;

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
final class SharedData {

    private SharedData() {
    }

    /** The shared data directory; tests run in the module directory, so the default is {@code ../../shared/data}. */
    static Path dir() {
        String override = System.getenv("BZPEER_SHARED_DATA");
        Path dir = override == null || override.isBlank() ? Path.of("..", "..", "shared", "data") : Path.of(override);
        return dir.toAbsolutePath().normalize();
    }

    /** The shared file at {@code relative}, or the calling test is skipped when it is missing. */
    static Path require(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), missing(file));
        return file;
    }

    /** Why a test needing {@code file} is skipped. */
    static String missing(Path file) {
        return "shared data file " + file + " is missing (set BZPEER_SHARED_DATA to the shared data directory to run "
                + "this test); skipping";
    }

    /** The shared directory {@code relative} beside the data directory (e.g. {@code seed}); else the test is skipped. */
    static Path requireSibling(String relative) {
        Path dir = dir().getParent().resolve(relative);
        assumeTrue(Files.isDirectory(dir), "shared directory " + dir + " (looked up next to the shared data directory "
                + dir() + ") is missing; skipping");
        return dir;
    }

    /** A file of this repository, from the module directory tests run in. */
    static Path repositoryFile(String relative) {
        return Path.of("..").resolve(relative).toAbsolutePath().normalize();
    }

    /**
     * Hands every non-empty line of a gzip-compressed JSON-lines file to {@code consumer} with its 1-based line number.
     * Lines are split on the byte '\n' only: JSON strings may hold raw U+2028/U+2029, which are not line ends.
     */
    static void forEachLine(Path gzipFile, ObjIntConsumer<byte[]> consumer) {
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
