package org.bzpeer.kit.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows collected column by column, to bind as one array per column and turn back into rows in SQL with
 * {@code unnest(CAST(:a AS text[]), CAST(:b AS int[]), ...)}: a whole batch in one statement and one round trip,
 * whatever its size. Null values stay null.
 */
public final class ColumnArrays {

    private final List<List<Object>> columns;

    /** An empty set of rows with {@code width} columns. */
    public ColumnArrays(int width) {
        columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** Appends one row; {@code values} has one value per column, in column order. */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
    }

    /** How many rows were added. */
    public int size() {
        return columns.get(0).size();
    }

    public String[] texts(int column) {
        return columns.get(column).toArray(String[]::new);
    }

    public Integer[] integers(int column) {
        return columns.get(column).toArray(Integer[]::new);
    }

    public Long[] longs(int column) {
        return columns.get(column).toArray(Long[]::new);
    }

    public Boolean[] booleans(int column) {
        return columns.get(column).toArray(Boolean[]::new);
    }
}
