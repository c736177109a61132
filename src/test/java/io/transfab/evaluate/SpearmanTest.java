package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class SpearmanTest {
    @Test
    void matchesScipyWithTies() {
        // Given two samples with ties in both (a: 1.2 twice and 5.0 twice; b: 2.0 twice)
        double[] a = {3.1, 1.2, 4.8, 1.2, 5.0, 9.3, 2.6, 5.0};
        double[] b = {2.0, 0.5, 3.3, 1.1, 7.9, 6.4, 2.0, 4.2};
        // When their rank correlation is computed
        double rho = Spearman.rho(a, b);
        // Then it is scipy's: python3 -c "from scipy.stats import spearmanr; print(spearmanr(
        //   [3.1,1.2,4.8,1.2,5.0,9.3,2.6,5.0], [2.0,0.5,3.3,1.1,7.9,6.4,2.0,4.2]).statistic)"  (scipy 1.17.1)
        Approx.assertClose(rho, 0.9454719096527426, 1e-12, 0, "rho");
    }

    @Test
    void aReversedOrderIsMinusOneAndAConstantIsUndefined() {
        // Given a strictly decreasing relation and a constant column
        double[] x = {1, 2, 3, 4, 5, 6};
        // When / Then rho is -1 (scipy: -1.0) and NaN for the constant
        Approx.assertClose(Spearman.rho(x, new double[] {60, 50, 40, 30, 20, 10}), -1.0, 1e-12, 0, "reversed");
        assertThat(Spearman.rho(x, new double[] {2, 2, 2, 2, 2, 2})).isNaN();
    }
}
