package io.transfab.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    @Test
    void standardizesNumericColumnsAndKeepsOneHot() {
        // Given a numeric column and a one-hot column
        double[][] x = {{1, 0}, {3, 1}, {5, 1}};
        // When standardised with the one-hot column excluded
        Normalizer n = Normalizer.standardize(x, new boolean[] {true, false});
        double[][] z = n.apply(x);
        // Then the numeric column has mean 0, population sd 1, and one-hot stays 0/1; invert round-trips
        Approx.assertClose(new double[] {z[0][0], z[1][0], z[2][0]},
                new double[] {-Math.sqrt(1.5), 0, Math.sqrt(1.5)}, 1e-12, 1e-12, "z");
        Approx.assertClose(new double[] {z[0][1], z[1][1], z[2][1]}, new double[] {0, 1, 1}, 0, 0, "onehot");
        Approx.assertClose(n.invert(z), x, 1e-12, 1e-12, "roundtrip");
    }

    @Test
    void constantColumnMapsToZeroNotNaN() {
        Normalizer n = Normalizer.standardize(new double[][] {{2}, {2}});
        Approx.assertClose(n.apply(new double[][] {{2}})[0][0], 0, 0, 0, "const");
    }

    @Test
    void rejectsNonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> Normalizer.of(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.of(new double[] {0}, new double[] {Double.NaN}));
    }
}
