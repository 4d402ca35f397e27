package org.bzpeer.kit.web;

import java.util.List;

/**
 * Every problem {@code type} the BZPEER APIs answer with, in one catalogue: the API document lists it
 * ({@code x-problem-types}), and each service's tests check that every type its code raises is listed here.
 */
public final class ProblemTypes {

    /** A kind of problem: its slug (the type URI is {@link Problems#TYPE_BASE} + slug), status, and when it happens. */
    public record ProblemType(String slug, int status, String title, String when) {

        public String uri() {
            return Problems.TYPE_BASE + slug;
        }
    }

    public static final List<ProblemType> ALL = List.of(
            new ProblemType("invalid-request", 400, "Invalid request",
                    "A parameter or body field is malformed or out of range; `field` names it."),
            new ProblemType("unauthorized", 401, "Authentication required",
                    "No bearer token, or one that is expired, forged, or from the wrong issuer or audience."),
            new ProblemType("forbidden", 403, "Not allowed", "The token lacks the scope the operation needs."),
            new ProblemType("not-the-owner", 403, "Not the owner",
                    "Only the user who claimed the author may edit its page."),
            new ProblemType("not-found", 404, "Not found", "No resource has this id."),
            new ProblemType("body-too-large", 413, "Body too large",
                    "A submission is larger than ingest accepts in one request; split it or use the bulk import."),
            new ProblemType("unsupported-encoding", 415, "Unsupported content encoding",
                    "A body is sent with a Content-Encoding other than gzip or identity; `field` names the header."),
            new ProblemType("already-claimed", 409, "Already claimed", "Another user claimed this author."),
            new ProblemType("invalid-records", 422, "No valid record",
                    "Every record of a submission was rejected; `errors` names each with its position and field."),
            new ProblemType("not-replayable", 422, "Dead letter not replayable",
                    "The dead letter has no x-original-topic header naming the topic to replay it to."),
            new ProblemType("broker-unavailable", 503, "Broker unavailable",
                    "Kafka did not answer an admin operation on dead letters in time; send the request again."));

    private ProblemTypes() {
    }
}
