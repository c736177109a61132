package io.transfab.evaluate;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void interpolatesLikeNumpy() {
        // Given 10, 1, 9, 2, ..., i.e. the values 1..10 unordered
        double[] v = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        // Then numpy.quantile(v, [0.1, 0.5, 0.9, 0.25]) = 1.9, 5.5, 9.1, 3.25
        Approx.assertClose(Quantiles.of(v, 0.1), 1.9, 1e-15, 0, "q10");
        Approx.assertClose(Quantiles.median(v), 5.5, 1e-15, 0, "median");
        Approx.assertClose(Quantiles.of(v, 0.9), 9.1, 1e-15, 0, "q90");
        Approx.assertClose(Quantiles.of(v, 0.25), 3.25, 1e-15, 0, "q25");
        Approx.assertClose(Quantiles.of(v, 1), 10, 0, 0, "max");
        Approx.assertClose(Quantiles.median(new double[] {3, 1, 2}), 2, 0, 0, "odd median");
    }

    @Test
    void rejectsEmptyInputAndLevelsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Quantiles.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[] {1, 2}, 1.1));
    }
}
