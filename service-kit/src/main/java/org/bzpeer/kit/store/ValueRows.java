package org.bzpeer.kit.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows bound one parameter per value, for {@code INSERT ... VALUES :rows} (Spring expands a list of arrays to
 * {@code ($1, $2), ($3, $4)}): the way to send large or binary values, which travel as they are, where
 * {@link ColumnArrays} would escape every character of them into an array literal. Values must not be null. A
 * statement holds at most {@value #MAX_PARAMETERS} parameters, so large batches are cut into {@link #chunks}.
 */
public final class ValueRows {

    /** Parameters per statement, well under PostgreSQL's protocol limit of 65,535. */
    public static final int MAX_PARAMETERS = 30_000;

    private ValueRows() {
    }

    /** {@code rows} cut into lists that each fit one statement, in order. */
    public static List<List<Object[]>> chunks(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int perStatement = Math.max(1, MAX_PARAMETERS / rows.get(0).length);
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += perStatement) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + perStatement)));
        }
        return chunks;
    }
}
