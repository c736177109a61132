package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.testing.Approx;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WilcoxonPropertyTest {

    private static double[][] sample(int n, long seed, boolean coarse) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // coarse values produce ties and zero differences, i.e. the normal approximation
            x[i] = coarse ? rng.nextInt(5) : rng.nextDouble();
            y[i] = coarse ? rng.nextInt(5) : rng.nextDouble() + 0.1;
        }
        return new double[][] {x, y};
    }

    @Property(tries = 300, seed = "20240613")
    void pValuesAreProbabilitiesAndSymmetricInTheSamples(@ForAll @IntRange(min = 1, max = 70) int n,
            @ForAll long seed, @ForAll boolean coarse) {
        // Given any paired sample
        double[][] s = sample(n, seed, coarse);
        // When tested both ways round
        WilcoxonResult xy = Wilcoxon.test(s[0], s[1], WilcoxonOptions.of(Alternative.TWO_SIDED));
        WilcoxonResult yx = Wilcoxon.test(s[1], s[0], WilcoxonOptions.of(Alternative.TWO_SIDED));
        WilcoxonResult less = Wilcoxon.test(s[0], s[1], WilcoxonOptions.of(Alternative.LESS));
        WilcoxonResult greaterSwapped = Wilcoxon.test(s[1], s[0], WilcoxonOptions.of(Alternative.GREATER));
        // Then p is in [0, 1], two-sided p does not depend on the order, LESS(x, y) = GREATER(y, x)
        assertThat(xy.pValue()).isBetween(0.0, 1.0);
        assertThat(less.pValue()).isBetween(0.0, 1.0);
        Approx.assertClose(yx.pValue(), xy.pValue(), 1e-12, 1e-300, "two-sided symmetry");
        Approx.assertClose(greaterSwapped.pValue(), less.pValue(), 1e-12, 1e-300, "one-sided symmetry");
        // And the two-sided p is twice the smaller one-sided p, capped at 1
        WilcoxonResult greater = Wilcoxon.test(s[0], s[1], WilcoxonOptions.of(Alternative.GREATER));
        Approx.assertClose(xy.pValue(), Math.min(1, 2 * Math.min(less.pValue(), greater.pValue())), 1e-12, 1e-300,
                "two-sided = 2 min one-sided");
        // And W+ + W- = n(n+1)/2 bounds W+
        assertThat(xy.statistic()).isBetween(0.0, xy.n() * (xy.n() + 1.0) / 2);
    }
}
