package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.testing.Approx;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void matchesHandComputedScores() {
        // Given measured 1,2,3,4 and predictions off by 0.5, -0.5, 0, 1
        double[] y = {1, 2, 3, 4};
        double[] p = {1.5, 1.5, 3, 5};
        // When scored
        Metrics m = Metrics.of(y, p);
        // Then SS_res = 1.5, SS_tot = 5 -> R2 = 0.7 (sklearn.metrics.r2_score gives 0.7 too)
        Approx.assertClose(m.r2(), 0.7, 1e-12, 0, "r2");
        Approx.assertClose(m.mae(), 0.5, 1e-12, 0, "mae");
        Approx.assertClose(m.rmse(), Math.sqrt(1.5 / 4), 1e-12, 0, "rmse");
        Approx.assertClose(m.maxError(), 1.0, 1e-12, 0, "max");
        Approx.assertClose(m.mape(), 100 * (0.5 + 0.25 + 0 + 0.25) / 4, 1e-12, 0, "mape");
    }

    @Test
    void kFoldPartitionsEveryRowOnce() {
        List<Splits.Split> folds = Splits.kFold(23, 5, 7);
        Set<Integer> seen = new HashSet<>();
        for (Splits.Split s : folds) {
            assertThat(s.train().length + s.test().length).isEqualTo(23);
            for (int i : s.test()) {
                assertThat(seen.add(i)).isTrue();
            }
            assertThat(s.test().length).isBetween(4, 5);
        }
        assertThat(seen).hasSize(23);
        assertThat(Splits.kFold(23, 5, 7).get(0).test()).isEqualTo(folds.get(0).test());
        assertThat(Arrays.equals(Splits.kFold(23, 5, 8).get(0).test(), folds.get(0).test())).isFalse();
    }
}
