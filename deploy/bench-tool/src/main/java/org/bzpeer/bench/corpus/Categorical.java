package org.bzpeer.bench.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A distribution over a finite set of values, each with a whole-number weight (how often it was seen): what a
 * measured histogram becomes so the generator can draw from it. Values keep the order they were given in.
 *
 * <p>Invariant: at least one value, every weight positive.
 */
public final class Categorical<T> {

    private final List<T> values;
    private final long[] weights;
    private final long[] cumulative;

    private Categorical(List<T> values, long[] weights) {
        if (values.isEmpty() || values.size() != weights.length) {
            throw new IllegalArgumentException("a distribution needs at least one value and one weight per value");
        }
        this.values = List.copyOf(values);
        this.weights = weights.clone();
        this.cumulative = new long[weights.length];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] <= 0) {
                throw new IllegalArgumentException("weights must be positive: " + Arrays.toString(weights));
            }
            total += weights[i];
            cumulative[i] = total;
        }
    }

    /** The distribution of the counted values, in ascending order of value. */
    public static <T extends Comparable<T>> Categorical<T> ofCounts(Map<T, Long> counts) {
        List<T> values = new ArrayList<>(counts.keySet());
        Collections.sort(values);
        return of(values, values.stream().mapToLong(counts::get).toArray());
    }

    /** The distribution of the counted values, most frequent first (ties by value). */
    public static <T extends Comparable<T>> Categorical<T> ofCountsByFrequency(Map<T, Long> counts) {
        List<T> values = new ArrayList<>(counts.keySet());
        values.sort(Comparator.comparing((T value) -> counts.get(value)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        return of(values, values.stream().mapToLong(counts::get).toArray());
    }

    public static <T> Categorical<T> of(List<T> values, long[] weights) {
        return new Categorical<>(values, weights);
    }

    /** A value drawn with probability proportional to its weight. */
    public T draw(SplittableRandom random) {
        return values.get(drawIndex(random));
    }

    /** The position of a value drawn with probability proportional to its weight. */
    public int drawIndex(SplittableRandom random) {
        long point = random.nextLong(total());
        int index = Arrays.binarySearch(cumulative, point);
        return index >= 0 ? index + 1 : -index - 1;
    }

    public List<T> values() {
        return values;
    }

    public long weight(int index) {
        return weights[index];
    }

    public int size() {
        return values.size();
    }

    public long total() {
        return cumulative[cumulative.length - 1];
    }

    /** The weighted mean of numeric values. */
    public double mean() {
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += ((Number) values.get(i)).doubleValue() * weights[i];
        }
        return sum / total();
    }

    /** The smallest value whose cumulative share reaches {@code share} (0..1), for values in ascending order. */
    public T quantile(double share) {
        long rank = Math.max(1, (long) Math.ceil(share * total()));
        int index = Arrays.binarySearch(cumulative, rank);
        return values.get(index >= 0 ? index : -index - 1);
    }

    /** The share of the total weight that {@code value} carries (0 when absent). */
    public double share(T value) {
        int index = values.indexOf(value);
        return index < 0 ? 0 : (double) weights[index] / total();
    }
}
