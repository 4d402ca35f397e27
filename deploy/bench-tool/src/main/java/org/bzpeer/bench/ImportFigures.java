package org.bzpeer.bench;

import java.util.Map;

import org.bzpeer.bench.measure.ImportCounts;

/**
 * What one import cost, timed from its first POST: when ingest had accepted everything, when each read model held
 * every new work, and when the whole pipeline had settled (see {@link ImportMeasurement}); the derived events it
 * caused and the read-model rows it wrote.
 *
 * @param label            what was imported
 * @param counts           ingest's answers, added up
 * @param works            works the import created (growth of ingest's {@code work} table)
 * @param acceptedSeconds  until the last POST was answered
 * @param appliedSeconds   per read-model service, until its {@code work} table held every new work
 * @param visibleSeconds   until every read model and derived summary reflected the last work
 * @param derivedEvents    per derived topic, events published during the import
 * @param readModelRows    per service, rows its read-model tables gained
 */
record ImportFigures(String label, ImportCounts counts, long works, double acceptedSeconds,
        Map<String, Double> appliedSeconds, double visibleSeconds, Map<String, Long> derivedEvents,
        Map<String, Long> readModelRows) {

    double acceptedPerSecond() {
        return works / acceptedSeconds;
    }

    double appliedPerSecond(String service) {
        return works / appliedSeconds.get(service);
    }

    double visiblePerSecond() {
        return works / visibleSeconds;
    }

    double derivedEventsPerWork() {
        return derivedEvents.values().stream().mapToLong(Long::longValue).sum() / (double) works;
    }

    long readModelRowsWritten() {
        return readModelRows.values().stream().mapToLong(Long::longValue).sum();
    }

    double readModelRowsPerSecond() {
        return readModelRowsWritten() / visibleSeconds;
    }
}
