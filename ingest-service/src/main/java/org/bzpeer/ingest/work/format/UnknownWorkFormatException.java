package org.bzpeer.ingest.work.format;

import java.util.Collection;
import java.util.List;

/** A request named a work format the service does not have; the message lists the formats it has. */
public class UnknownWorkFormatException extends RuntimeException {

    private final String requested;
    private final List<String> known;

    public UnknownWorkFormatException(String requested, Collection<String> known) {
        super("unknown work format '" + requested + "'; known formats: " + String.join(", ", known));
        this.requested = requested;
        this.known = List.copyOf(known);
    }

    /** The name that was asked for. */
    public String requested() {
        return requested;
    }

    /** The names of the formats there are, sorted. */
    public List<String> known() {
        return known;
    }
}
