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
                    "Only the user who claimed the author may edit its page, release its claim or decide its "
                            + "collaboration requests."),
            new ProblemType("orcid-required", 403, "ORCID iD required",
                    "The author's record carries an ORCID iD: it can be claimed only with that iD proven, and the "
                            + "token proves none."),
            new ProblemType("orcid-issuer-not-trusted", 403, "ORCID iD not proven",
                    "The token's ORCID iD comes from an issuer not trusted to assert ORCID iDs."),
            new ProblemType("orcid-mismatch", 403, "ORCID iD mismatch",
                    "The token proves another ORCID iD than the one the author's record carries."),
            new ProblemType("not-found", 404, "Not found", "No resource has this id."),
            new ProblemType("not-claimed", 404, "Not claimed", "The author has no claim to revoke."),
            new ProblemType("body-too-large", 413, "Body too large",
                    "A submission is larger than ingest accepts in one request; split it or use the bulk import."),
            new ProblemType("unsupported-encoding", 415, "Unsupported content encoding",
                    "A body is sent with a Content-Encoding other than gzip or identity; `field` names the header."),
            new ProblemType("import-finished", 409, "Import finished",
                    "The import is finished and takes no more parts; open a new one."),
            new ProblemType("author-merged", 409, "Author merged",
                    "The author was merged into another (`mergedInto`, also in `Location`): reads of it redirect "
                            + "(308), changes must name the surviving author."),
            new ProblemType("claimed-by-another-user", 409, "Claimed by another user",
                    "Another user holds the claim: a verified one, or an unverified one on a record without ORCID iD."),
            new ProblemType("author-not-claimed", 409, "Author not claimed",
                    "Collaboration requests go to an author's owner, and nobody claimed this author."),
            new ProblemType("not-open-to-collaborate", 409, "Not open to collaborate",
                    "The author's owner does not take collaboration requests."),
            new ProblemType("sender-is-owner", 409, "Sender is the owner",
                    "A collaboration request to an author the sender owns."),
            new ProblemType("already-decided", 409, "Already decided",
                    "The collaboration request was accepted or declined already, the other way."),
            new ProblemType("invalid-records", 422, "No valid record",
                    "Every record of a submission was rejected; `errors` names each with its position and field."),
            new ProblemType("not-replayable", 422, "Dead letter not replayable",
                    "The dead letter has no x-original-topic header naming the topic to replay it to."),
            new ProblemType("rate-limited", 429, "Too many requests",
                    "The sender reached the limit of collaboration requests; `Retry-After` says when to try again."),
            new ProblemType("internal-error", 500, "Internal error",
                    "The request failed for a reason that is not the client's; nothing of it may have been kept."),
            new ProblemType("unavailable", 503, "Service unavailable",
                    "The database is unavailable for the moment; send the request again after Retry-After seconds."),
            new ProblemType("broker-unavailable", 503, "Broker unavailable",
                    "Kafka did not answer an admin operation on dead letters in time; send the request again."));

    /** The type URI of every problem type. */
    public static List<String> uris() {
        return ALL.stream().map(ProblemType::uri).toList();
    }

    private ProblemTypes() {
    }
}
