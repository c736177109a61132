package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void matchesAHandDerivedStepDown() {
        // Given four p-values, unsorted (m = 4)
        double[] p = {0.04, 0.01, 0.03, 0.005};
        // When adjusted
        double[] adj = Holm.adjust(p);
        // Then, sorted 0.005, 0.01, 0.03, 0.04: 4 x 0.005 = 0.02; 3 x 0.01 = 0.03; 2 x 0.03 = 0.06;
        // max(0.06, 1 x 0.04) = 0.06 (the running maximum keeps the order)
        Approx.assertClose(adj, new double[] {0.06, 0.03, 0.06, 0.02}, 1e-12, 0, "Holm");
    }

    @Test
    void capsAtOneAndLeavesUntestedOut() {
        // Given two tested p-values and one untested (NaN)
        double[] adj = Holm.adjust(new double[] {0.6, Double.NaN, 0.02});
        // Then m = 2: 2 x 0.02 = 0.04, max(0.04, min(1, 1 x 0.6)) = 0.6, and the NaN stays NaN
        Approx.assertClose(adj[0], 0.6, 1e-12, 0, "large");
        Approx.assertClose(adj[2], 0.04, 1e-12, 0, "small");
        assertThat(adj[1]).isNaN();
        // And a single p-value is its own adjustment, three at 0.5 all become 1
        Approx.assertClose(Holm.adjust(new double[] {0.3})[0], 0.3, 0, 0, "single");
        Approx.assertClose(Holm.adjust(new double[] {0.5, 0.5, 0.5}), new double[] {1, 1, 1}, 0, 0, "capped");
    }

    @Test
    void refusesValuesOutsideZeroOne() {
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.2}));
    }
}
