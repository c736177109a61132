package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.testing.CathodeCompositions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement of docs/composition.md: GP test R2 on the simulated screening plate
 * ({@link CathodeCompositions}) at 10 / 20 / 40 training rows, raw fractions vs log-ratio (ilr)
 * coordinates (and, as an experiment, whichever of the two has the higher GP log marginal
 * likelihood), two responses (ratio and linear), 7 seeds, 300 test rows per seed, medians.
 * Tagged study (about one CPU minute).
 */
@Tag("study")
class CompositionStudyTest {
    static final int[] SIZES = {10, 20, 40};
    static final int SEEDS = 7;

    /** Median test R2 per size: [size][0 = raw, 1 = ilr, 2 = by GP evidence]. */
    static double[][] medians(int seeds, boolean linear) {
        double[][] out = new double[SIZES.length][3];
        for (int s = 0; s < SIZES.length; s++) {
            double[][] r2 = new double[3][seeds];
            for (int seed = 1; seed <= seeds; seed++) {
                Dataset train = CathodeCompositions.rows(SIZES[s], seed, linear);
                Dataset test = CathodeCompositions.rows(300, 1000 + seed, linear);
                LogRatio lr = Compositions.detect(train.schema(), train.x()).logRatio();
                assertThat(lr).as("detected at n=%d seed %d", SIZES[s], seed).isNotNull();
                double[] evidence = new double[2];
                for (int v = 0; v < 2; v++) {
                    TrainedModel m = Training.fit(train, NormalizationScheme.STANDARD, null, null, v == 0 ? null : lr,
                            GaussianProcessTrainer.withDefaults(), 1, seed, Map.of(), Progress.NONE);
                    double[] pred = column(m.predictEncoded(test.x()).mean());
                    r2[v][seed - 1] = Metrics.of(column(test.y()), pred).r2();
                    evidence[v] = ((io.transfab.model.gp.GaussianProcess) m.regressor()).logMarginalLikelihood(0);
                }
                // an experiment, not what the product does: the representation with the higher GP evidence
                r2[2][seed - 1] = evidence[1] >= evidence[0] ? r2[1][seed - 1] : r2[0][seed - 1];
            }
            for (int v = 0; v < 3; v++) {
                double med = median(r2[v]);
                out[s][v] = med;
                System.out.printf(Locale.ROOT, "%s n=%d %s R2 per seed %s median %.3f%n", linear ? "linear" : "ratio",
                        SIZES[s], new String[] {"raw", "ilr", "by-evidence"}[v],
                        Arrays.toString(Arrays.stream(r2[v]).map(d -> Math.round(d * 1000) / 1000.0).toArray()),
                        med);
            }
        }
        return out;
    }

    @Test
    void logRatioCoordinatesAgainstRawFractions() {
        // Given the simulated plate, When a GP is trained on raw fractions and on ilr coordinates
        double[][] ratio = medians(SEEDS, false);
        double[][] linear = medians(SEEDS, true);
        // Then the medians are those written in docs/composition.md (within 0.02)
        for (int s = 0; s < SIZES.length; s++) {
            for (int v = 0; v < 3; v++) {
                io.transfab.testing.Approx.assertClose(ratio[s][v], RATIO[s][v], 0, 0.02, "ratio n=" + SIZES[s]);
                io.transfab.testing.Approx.assertClose(linear[s][v], LINEAR[s][v], 0, 0.02, "linear n=" + SIZES[s]);
            }
        }
    }

    /** The tables of docs/composition.md: [size][raw, ilr, by evidence]. */
    static final double[][] RATIO = {{0.173, 0.636, 0.557}, {0.737, 0.845, 0.822}, {0.843, 0.938, 0.938}};
    static final double[][] LINEAR = {{0.899, 0.819, 0.856}, {0.964, 0.912, 0.964}, {0.980, 0.958, 0.980}};

    static double[] column(double[][] a) {
        return Arrays.stream(a).mapToDouble(r -> r[0]).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
