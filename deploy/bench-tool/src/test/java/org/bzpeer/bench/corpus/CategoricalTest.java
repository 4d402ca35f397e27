package org.bzpeer.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CategoricalTest {

    private final Categorical<Integer> authors = Categorical.ofCounts(Map.of(1, 2L, 2, 5L, 10, 3L));

    @Test
    void drawsEachValueInProportionToItsWeight() {
        SplittableRandom random = new SplittableRandom(1);
        int[] seen = new int[11];
        for (int i = 0; i < 100_000; i++) {
            seen[authors.draw(random)]++;
        }
        assertThat(seen[1] / 100_000.0).isCloseTo(0.2, offset(0.01));
        assertThat(seen[2] / 100_000.0).isCloseTo(0.5, offset(0.01));
        assertThat(seen[10] / 100_000.0).isCloseTo(0.3, offset(0.01));
    }

    @Test
    void summarisesNumericValues() {
        assertThat(authors.mean()).isCloseTo((2 * 1 + 5 * 2 + 3 * 10) / 10.0, offset(1e-9));
        assertThat(authors.quantile(0.2)).isEqualTo(1);
        assertThat(authors.quantile(0.21)).isEqualTo(2);
        assertThat(authors.quantile(0.9)).isEqualTo(10);
        assertThat(authors.share(2)).isEqualTo(0.5);
        assertThat(authors.share(3)).isZero();
    }

    @Test
    void ordersByFrequencyWhenAskedTo() {
        assertThat(Categorical.ofCountsByFrequency(Map.of("review", 2L, "article", 9L, "book", 2L)).values())
                .containsExactly("article", "book", "review");
    }

    @Test
    void refusesEmptyOrNonPositiveWeights() {
        assertThatThrownBy(() -> Categorical.ofCounts(Map.<Integer, Long>of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Categorical.ofCounts(Map.of(1, 0L))).isInstanceOf(IllegalArgumentException.class);
    }
}
