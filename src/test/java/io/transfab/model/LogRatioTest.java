package io.transfab.model;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pivot ilr coordinates. Golden values are hand-derived from
 * z_i = sqrt((D-i)/(D-i+1)) ln(x_i / gmean(x_{i+1..D})) (Filzmoser, Hron and Templ), evaluated
 * with python3's math module: e.g. (1/2, 1/4, 1/4) -> (sqrt(2/3) ln 2, 0) = (0.565952303007, 0).
 */
class LogRatioTest {
    @Test
    void pivotCoordinatesMatchHandDerivedValues() {
        // Given compositions with known coordinates, When transformed, Then they match the formula
        assertClose(LogRatio.ilr(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 0.01), new double[] {0, 0}, 0, 1e-12,
                "centre");
        assertClose(LogRatio.ilr(new double[] {0.5, 0.25, 0.25}, 0.01), new double[] {0.565952303007, 0}, 1e-10,
                1e-12, "(1/2,1/4,1/4)");
        assertClose(LogRatio.ilr(new double[] {0.2, 0.3, 0.5}, 0.01),
                new double[] {-0.539604562083, -0.361208262569}, 1e-10, 1e-12, "(.2,.3,.5)");
        assertClose(LogRatio.ilr(new double[] {0.1, 0.2, 0.3, 0.4}, 0.01),
                new double[] {-0.917425117225, -0.448506588731, -0.203421944256}, 1e-10, 1e-12, "4 parts");
        // percentages: closure makes the total irrelevant; sqrt(1/2) ln(25/15) = 0.361208262569
        assertClose(LogRatio.ilr(new double[] {60, 25, 15}, 0.01), new double[] {0.923360918386, 0.361208262569},
                1e-10, 1e-12, "wt%");
    }

    @Test
    void zerosAreReplacedMultiplicatively() {
        // Given a zero part and delta 0.01, When closed and replaced
        double[] c = LogRatio.closeAndReplace(new double[] {50, 50, 0}, 0.01);
        // Then the zero is 0.01 and the others keep their ratio, scaled by 1 - 0.01 (Martín-Fernández et al. 2003)
        assertClose(c, new double[] {0.495, 0.495, 0.01}, 1e-12, 1e-15, "replaced");
        assertClose(LogRatio.closeAndReplace(new double[] {0, 0, 0}, 0.01), new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                1e-12, 0, "all zero -> centre");
    }

    @Test
    void inverseRecoversTheCompositionAtTheTrainingTotal() {
        // Given a 4-part group in columns 1..4 of 5, fitted on rows summing to 100
        double[][] x = {{7, 40, 30, 20, 10}, {8, 25, 25, 25, 25}, {9, 10, 60, 29, 1}};
        LogRatio lr = LogRatio.fit(x, List.of(new int[] {1, 2, 3, 4}), List.of(List.of("a", "b", "c", "d")));
        // When transformed and inverted
        double[][] z = lr.apply(x);
        double[][] back = lr.invert(z);
        // Then the other column is untouched, the last slot is 0, and the parts come back
        assertThat(lr.groups().get(0).total()).isEqualTo(100.0);
        assertClose(lr.groups().get(0).delta(), 0.65 * 0.01, 1e-12, 0, "delta = 0.65 x smallest part");
        for (int i = 0; i < x.length; i++) {
            assertThat(z[i][0]).isEqualTo(x[i][0]);
            assertThat(z[i][4]).isZero();
            assertClose(back[i], x[i], 1e-12, 1e-12, "row " + i);
        }
        assertClose(z[1], new double[] {8, 0, 0, 0, 0}, 0, 1e-12, "equal parts -> 0");
    }

    @Test
    void theNormaliserAppliesTheLogRatioBeforeScalingAndLeavesThePadUnscaled() {
        // Given a normaliser fitted with a 3-part group
        double[][] x = {{0.2, 0.3, 0.5}, {0.5, 0.25, 0.25}, {0.6, 0.3, 0.1}, {0.3, 0.3, 0.4}};
        LogRatio lr = LogRatio.fit(x, List.of(new int[] {0, 1, 2}), List.of(List.of("a", "b", "c")));
        Normalizer n = Normalizer.fit(NormalizationScheme.STANDARD, x, new boolean[] {true, true, true}, lr);
        // When applied
        double[][] z = n.apply(x);
        // Then the coordinates are standardised, the pad is 0 with scale 1, and invert gives the rows back
        double mean = 0;
        for (double[] r : z) {
            mean += r[0] / z.length;
            assertThat(r[2]).isZero();
        }
        assertClose(mean, 0, 0, 1e-12, "mean of z1");
        assertThat(n.scale()[2]).isEqualTo(1.0);
        assertClose(n.invert(z), x, 1e-12, 1e-12, "round trip");
        assertThat(Normalizer.fit(NormalizationScheme.STANDARD, x, new boolean[] {true, true, true}, null).logRatio())
                .isNull();
    }
}
