package org.bzpeer.testkit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a gzip-compressed tar archive (ustar, as the shared data's OAI pages come), one at a
 * time, in archive order: 512-byte headers with the name at offset 0 and the size in octal at offset 124, contents
 * padded to 512 bytes. Enough for our test data; not a general tar reader.
 */
public final class TarGzEntries {

    private static final int BLOCK = 512;

    private TarGzEntries() {
    }

    /** Hands each regular file whose name {@code wanted} accepts to {@code consumer}, with its bytes. */
    public static void forEach(Path archive, Predicate<String> wanted, BiConsumer<String, byte[]> consumer) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(archive), 64 * 1024)))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException end) {
                    return;
                }
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    return;
                }
                long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
                byte[] content = new byte[Math.toIntExact(size)];
                in.readFully(content);
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                boolean regularFile = header[156] == '0' || header[156] == 0;
                if (regularFile && wanted.test(name)) {
                    consumer.accept(name, content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII).strip();
    }
}
