package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bzpeer.ingest.work.store.ImportStore;
import org.bzpeer.ingest.work.store.ImportStore.PartProgress;
import org.bzpeer.ingest.work.store.ImportStore.PartRow;
import org.bzpeer.ingest.work.store.ImportStore.RejectionRow;
import org.bzpeer.kit.web.Cursor;
import org.bzpeer.kit.web.ProblemException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Every import, HTTP or bulk, gets an id and a report: counts, its parts (one per body) and each rejected record with
 * its part, 0-based position, field and reason. A {@code POST /api/v1/works} is an import of one part; a bulk import
 * opens an import, sends each file as a part and finishes it. Progress is recorded batch by batch while a body is
 * read, so the report of a running import shows how far it got; a part whose reader died with its instance reads as
 * {@code interrupted} once it made no progress for {@link Settings#stalledAfter}.
 */
@Service
public class ImportReports {

    /** How much of each import is kept and shown. */
    @ConfigurationProperties("bzpeer.ingest.imports")
    public record Settings(
            @DefaultValue("10000") int maxStoredRejectionsPerPart,
            @DefaultValue("1000") int maxPartsShown,
            @DefaultValue("5m") Duration stalledAfter) {
    }

    /** A part being read: where its progress goes. */
    public record Part(UUID importId, int number) {
    }

    /** How reading a part ended. */
    public enum PartEnd {
        DONE("done"), BODY_TOO_LARGE("body-too-large"), FAILED("failed");

        private final String state;

        PartEnd(String state) {
            this.state = state;
        }
    }

    /** The counts of an import or one of its parts. */
    public record Counts(long received, long created, long updated, long unchanged, long rejected) {

        Counts plus(PartRow part) {
            return new Counts(received + part.received(), created + part.created(), updated + part.updated(),
                    unchanged + part.unchanged(), rejected + part.rejected());
        }
    }

    /** One part in a report. */
    public record PartReport(int part, String name, String format, String state, String failure, long bytesRead,
            Counts counts, Instant startedAt, Instant updatedAt) {
    }

    /** One rejected record: part, 0-based position in that part's body, field (a path in the record), reason. */
    public record Rejection(int part, long record, String field, String reason) {
    }

    /** A page of rejected records; {@code nextCursor} is null on the last page. */
    public record RejectionPage(List<Rejection> items, String nextCursor) {
    }

    /**
     * An import's report. {@code state}: {@code open} (takes more parts), {@code reading} (a part is being read) or
     * {@code finished}. {@code counts} sum every part, also the ones beyond {@code maxPartsShown}.
     */
    public record ImportReport(UUID id, String name, String state, String submittedBy, Instant startedAt,
            Instant updatedAt, Long expectedBytes, long bytesRead, Counts counts, List<PartReport> parts,
            int partsOmitted, RejectionPage rejections) {
    }

    private static final int REJECTIONS_IN_REPORT = 100;

    private final ImportStore store;
    private final Settings settings;

    public ImportReports(ImportStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Opens an import that takes parts until it is finished. */
    public Mono<UUID> open(String name, String submittedBy, Long expectedBytes) {
        UUID id = UUID.randomUUID();
        return store.createImport(id, name, submittedBy, expectedBytes).thenReturn(id);
    }

    /** Opens an import of exactly one part, closed with {@link #close(Part, PartEnd, String, boolean)} finishing it. */
    public Mono<Part> openSinglePart(String submittedBy, String format) {
        UUID id = UUID.randomUUID();
        return store.createSinglePartImport(id, submittedBy, format).thenReturn(new Part(id, 0));
    }

    /**
     * Opens the next part of an import.
     *
     * @throws ProblemException 404 when there is no such import, 409 when it is finished
     */
    public Mono<Part> openPart(UUID importId, String name, String format) {
        return store.openPart(importId, name, format)
                .map(number -> new Part(importId, number))
                .switchIfEmpty(Mono.defer(() -> store.findImport(importId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import", importId.toString())))
                        .flatMap(found -> Mono.error(new ProblemException(HttpStatus.CONFLICT,
                                "import-finished", "Import finished", "Import " + importId
                                        + " is finished and takes no more parts; open a new one")))));
    }

    /**
     * Records what one batch of a part became; {@code bytesRead} is how far into the body reading got, in bytes as
     * sent (before gzip decoding), so a client can set it against the size of what it sends.
     */
    public Mono<Void> record(Part part, long bytesRead, List<RecordOutcome> outcomes) {
        RecordOutcome.Tally tally = RecordOutcome.Tally.of(outcomes);
        List<RejectionRow> rejections = tally.rejected().stream()
                .map(rejected -> new RejectionRow(part.number(), rejected.index(), rejected.field(), rejected.reason()))
                .toList();
        return store.addProgress(part.importId(), part.number(),
                new PartProgress(bytesRead, outcomes.size(), tally.created(), tally.updated(), tally.unchanged(),
                        rejections),
                settings.maxStoredRejectionsPerPart());
    }

    /** Ends reading a part; {@code finishImport} for an import of that one part. */
    public Mono<Void> close(Part part, PartEnd end, String failure, boolean finishImport) {
        return store.closePart(part.importId(), part.number(), end.state, failure, finishImport);
    }

    /**
     * Finishes an import: it takes no more parts. Idempotent.
     *
     * @throws ProblemException 404 when there is no such import
     */
    public Mono<ImportReport> finish(UUID importId) {
        return store.finish(importId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import", importId.toString())))
                .then(report(importId));
    }

    /**
     * The report of an import.
     *
     * @throws ProblemException 404 when there is no such import
     */
    public Mono<ImportReport> report(UUID importId) {
        return store.findImport(importId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import", importId.toString())))
                .flatMap(run -> Mono.zip(
                                store.findParts(importId, settings.stalledAfter()).collectList(),
                                rejections(importId, null, REJECTIONS_IN_REPORT))
                        .map(found -> {
                            List<PartRow> parts = found.getT1();
                            Counts counts = new Counts(0, 0, 0, 0, 0);
                            long bytesRead = 0;
                            for (PartRow part : parts) {
                                counts = counts.plus(part);
                                bytesRead += part.bytesRead();
                            }
                            boolean reading = parts.stream().anyMatch(part -> part.state().equals("reading"));
                            String state = reading ? "reading" : run.finished() ? "finished" : "open";
                            List<PartReport> shown = parts.stream().limit(settings.maxPartsShown())
                                    .map(ImportReports::partReport).toList();
                            return new ImportReport(run.id(), run.name(), state, run.submittedBy(), run.startedAt(),
                                    run.updatedAt(), run.expectedBytes(), bytesRead, counts, shown,
                                    parts.size() - shown.size(), found.getT2());
                        }));
    }

    /**
     * A page of an import's stored rejections after {@code cursor} (null for the first).
     *
     * @throws ProblemException 404 when there is no such import
     */
    public Mono<RejectionPage> rejectionPage(UUID importId, String cursor, Integer limit) {
        int size = Cursor.pageSize(limit);
        return store.findImport(importId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import", importId.toString())))
                .then(rejections(importId, cursor, size));
    }

    private Mono<RejectionPage> rejections(UUID importId, String cursor, int size) {
        int afterPart = -1;
        long afterRecord = -1;
        if (cursor != null) {
            List<String> parts = Cursor.decode(cursor, 2);
            afterPart = (int) Cursor.longPart(parts, 0);
            afterRecord = Cursor.longPart(parts, 1);
        }
        return store.findRejections(importId, afterPart, afterRecord, size + 1).collectList().map(rows -> {
            List<Rejection> items = rows.stream().limit(size)
                    .map(row -> new Rejection(row.part(), row.record(), row.field(), row.reason())).toList();
            Rejection last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new RejectionPage(items, rows.size() > size ? Cursor.encode(last.part(), last.record()) : null);
        });
    }

    private static PartReport partReport(PartRow row) {
        return new PartReport(row.part(), row.name(), row.format(), row.state(), row.failure(), row.bytesRead(),
                new Counts(row.received(), row.created(), row.updated(), row.unchanged(), row.rejected()),
                row.startedAt(), row.updatedAt());
    }
}
