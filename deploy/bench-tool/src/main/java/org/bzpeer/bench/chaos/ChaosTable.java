package org.bzpeer.bench.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The chaos run's result, one row per fault: when it was injected, how many records were in flight then (sent and not
 * yet acknowledged, waiting in outboxes, or published and not yet consumed), and how many were lost, doubled or
 * dead-lettered. A wrong figure is blamed on the last fault injected before the input it concerns was last
 * acknowledged (a dead letter, on the last fault before it was written); before the first fault, on the first row.
 */
public final class ChaosTable {

    /** A fault as injected: what, when (seconds since the run started), and the records in flight then. */
    public record Fault(String name, double atSeconds, long inFlight) {
    }

    /** One row: a fault and what it cost. */
    public record Row(Fault fault, long lost, long doubled, long deadLettered) {
    }

    private final List<Row> rows;

    private ChaosTable(List<Row> rows) {
        this.rows = rows;
    }

    /**
     * Blames each discrepancy and dead letter on a fault.
     *
     * @param faults        in the order injected
     * @param deadLettersAt when each dead letter was written, in seconds since the run started
     */
    public static ChaosTable of(List<Fault> faults, Collection<ReadModelAudit.Discrepancy> discrepancies,
            Collection<Double> deadLettersAt) {
        List<Fault> windows = new ArrayList<>();
        windows.add(new Fault("(none yet)", 0, 0));
        windows.addAll(faults);
        long[] lost = new long[windows.size()];
        long[] doubled = new long[windows.size()];
        long[] deadLettered = new long[windows.size()];
        for (ReadModelAudit.Discrepancy discrepancy : discrepancies) {
            int window = windowOf(windows, discrepancy.touchedAt());
            lost[window] += discrepancy.lost();
            doubled[window] += discrepancy.doubled();
        }
        deadLettersAt.forEach(at -> deadLettered[windowOf(windows, at)]++);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (i > 0 || lost[i] + doubled[i] + deadLettered[i] > 0) {
                rows.add(new Row(windows.get(i), lost[i], doubled[i], deadLettered[i]));
            }
        }
        return new ChaosTable(rows);
    }

    private static int windowOf(List<Fault> windows, double atSeconds) {
        int window = 0;
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i).atSeconds() <= atSeconds) {
                window = i;
            }
        }
        return window;
    }

    public long lost() {
        return rows.stream().mapToLong(Row::lost).sum();
    }

    public long doubled() {
        return rows.stream().mapToLong(Row::doubled).sum();
    }

    public long deadLettered() {
        return rows.stream().mapToLong(Row::deadLettered).sum();
    }

    /** True when nothing was lost, doubled or dead-lettered. */
    public boolean clean() {
        return lost() == 0 && doubled() == 0 && deadLettered() == 0;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    @Override
    public String toString() {
        String format = "%-44s %9s %18s %8s %8s %14s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "fault", "when (s)",
                "records in flight", "lost", "doubled", "dead-lettered"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, format, row.fault().name(),
                    String.format(Locale.ROOT, "%.1f", row.fault().atSeconds()),
                    String.format(Locale.ROOT, "%,d", row.fault().inFlight()), row.lost(), row.doubled(),
                    row.deadLettered()));
        }
        out.append(String.format(Locale.ROOT, format, "total", "", "", lost(), doubled(), deadLettered()));
        return out.toString();
    }
}
