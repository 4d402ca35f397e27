package org.bzpeer.localstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a bulk import sends: the files named on the command line, folders walked in name order, and each regular
 * entry of a {@code .tar}, {@code .tar.gz} or {@code .tgz} archive, each as one part. Inputs are opened one at a time
 * and streamed: an archive is read entry by entry, never unpacked or held whole. {@link #totalBytes} is what the
 * parts hold as sent, against which the service's count of bytes received shows the progress.
 */
final class ImportInputs implements Iterable<ImportInputs.Part> {

    /**
     * One body to send: a name for the report, whether its bytes are gzip, the stream of them, and how to read them
     * again from the start when sending failed (null for an archive entry streamed once).
     */
    record Part(String name, boolean gzip, InputStream body, Reopener again) {

        /** Reads a part's bytes again from the start. */
        interface Reopener {
            InputStream open() throws IOException;
        }

        /** The same part with its bytes held in memory, so it can be sent again; at most {@code maxBytes}. */
        Part buffered(int maxBytes) throws IOException {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(name + " is larger than " + (maxBytes >> 20) + " MiB");
            }
            return new Part(name, gzip, new ByteArrayInputStream(bytes), () -> new ByteArrayInputStream(bytes));
        }

        /** The name without a {@code .gz} ending, which says what the content is. */
        String contentName() {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        }
    }

    private final List<Path> files;

    private ImportInputs(List<Path> files) {
        this.files = files;
    }

    /**
     * The inputs named by {@code paths}: files, and the files under folders (hidden ones skipped), in name order.
     *
     * @throws IllegalArgumentException when a path does not exist or nothing is left to import
     */
    static ImportInputs of(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(file -> !file.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException(path + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to import in " + paths);
        }
        return new ImportInputs(List.copyOf(files));
    }

    /**
     * How many bytes the parts hold, as they are sent: the size of each plain file, and of each entry of an archive
     * (read through once to add them up; a compressed archive is decompressed for that, quickly next to importing).
     */
    long totalBytes() {
        long total = 0;
        for (Path file : files) {
            try {
                if (isArchive(file)) {
                    try (TarArchiveInputStream archive = openArchive(file)) {
                        TarArchiveEntry entry;
                        while ((entry = archive.getNextEntry()) != null) {
                            total += entry.isFile() ? entry.getSize() : 0;
                        }
                    }
                } else {
                    total += Files.size(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    /** The files, in the order their parts are sent. */
    List<Path> files() {
        return files;
    }

    /**
     * The parts, one file or archive entry after the other. Each part must be read (or abandoned) before the next is
     * asked for; a part of an archive is valid until then.
     */
    @Override
    public Iterator<Part> iterator() {
        return new Iterator<>() {
            private int nextFile;
            private TarArchiveInputStream archive;
            private String archiveName;
            private Part next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = advance();
                }
                return next != null;
            }

            @Override
            public Part next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Part part = next;
                next = null;
                return part;
            }

            private Part advance() {
                try {
                    while (true) {
                        if (archive != null) {
                            TarArchiveEntry entry = archive.getNextEntry();
                            if (entry != null) {
                                if (entry.isFile()) {
                                    return new Part(archiveName + "!" + entry.getName(),
                                            entry.getName().toLowerCase(Locale.ROOT).endsWith(".gz"),
                                            new KeptOpen(archive), null);
                                }
                                continue;
                            }
                            archive.close();
                            archive = null;
                        }
                        if (nextFile >= files.size()) {
                            return null;
                        }
                        Path file = files.get(nextFile++);
                        if (isArchive(file)) {
                            archive = openArchive(file);
                            archiveName = file.getFileName().toString();
                        } else {
                            return new Part(file.getFileName().toString(),
                                    file.toString().toLowerCase(Locale.ROOT).endsWith(".gz"),
                                    Files.newInputStream(file), () -> Files.newInputStream(file));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    private static TarArchiveInputStream openArchive(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new TarArchiveInputStream(file.toString().toLowerCase(Locale.ROOT).endsWith(".tar") ? raw
                : new GZIPInputStream(raw, 1 << 16));
    }

    /** An archive entry's stream, whose close leaves the archive open for the next entry. */
    private static final class KeptOpen extends FilterInputStream {

        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive is closed after its last entry
        }
    }
}
