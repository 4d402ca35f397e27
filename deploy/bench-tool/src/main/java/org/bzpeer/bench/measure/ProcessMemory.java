package org.bzpeer.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident set size of a process, from the kernel's high-water mark ({@code VmHWM}). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The peak RSS of process {@code pid} so far, in bytes. */
    public static long peakRssBytes(long pid) throws IOException {
        return peakRssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** The {@code VmHWM} line of a {@code /proc/<pid>/status} text, in bytes. */
    static long peakRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected VmHWM line: " + line);
                }
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmHWM line");
    }
}
