package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetTransform.NormalScores} against golden values (src/test/resources/golden/normal_scores_stdlib.json,
 * from normal_scores_stdlib.py.txt) and its invariants.
 */
class TargetTransformTest {
    private static double[][] column(double[] v) {
        double[][] y = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            y[i][0] = v[i];
        }
        return y;
    }

    @Test
    void normalScoresMatchTheGoldenRanksScoresAndBackTransform() throws IOException {
        // Given the golden cases: 3, 1, 3, 7 (ranks 2.5, 1, 2.5, 4: z = Phi^-1(0.5) = 0 for the tie,
        // Phi^-1(0.125) = -1.15035, Phi^-1(0.875) = 1.15035) and a floor 0, 2, 0, 5, 0 (ranks 2, 4, 2, 5, 2)
        JsonNode golden;
        try (InputStream in = TargetTransformTest.class.getResourceAsStream("/golden/normal_scores_stdlib.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : golden.get("cases")) {
            double[] y = new ObjectMapper().convertValue(c.get("y"), double[].class);
            double[] scores = new ObjectMapper().convertValue(c.get("scores"), double[].class);
            double[] probes = new ObjectMapper().convertValue(c.get("probes"), double[].class);
            double[] back = new ObjectMapper().convertValue(c.get("back"), double[].class);
            String name = c.get("name").asText();
            // When the transform is fitted on y
            TargetTransform g = TargetTransform.normalScores(column(y));
            double[][] z = g.forward(column(y));
            // Then the scores and the back-transform at the probes (inside and beyond the knots) match
            for (int i = 0; i < y.length; i++) {
                Approx.assertClose(z[i][0], scores[i], 1e-12, 1e-12, name + " score " + i);
            }
            for (int k = 0; k < probes.length; k++) {
                Approx.assertClose(g.back(0, probes[k]), back[k], 1e-12, 1e-12, name + " back " + probes[k]);
            }
        }
    }

    @Test
    void slopeIsTheSegmentsAndTheEndSegmentsBeyondTheKnots() {
        // Given knots (-1.15035, 1), (0, 3), (1.15035, 7) of 3, 1, 3, 7
        TargetTransform g = TargetTransform.normalScores(column(new double[] {3, 1, 3, 7}));
        double z = 1.1503493803760079;
        // Then the slope is 2 / z on the lower segment, 4 / z on the upper, and the end segments' beyond
        Approx.assertClose(g.slope(0, -0.5), 2 / z, 1e-12, 0, "lower");
        Approx.assertClose(g.slope(0, 0.5), 4 / z, 1e-12, 0, "upper");
        Approx.assertClose(g.slope(0, -9), 2 / z, 1e-12, 0, "below");
        Approx.assertClose(g.slope(0, 9), 4 / z, 1e-12, 0, "above");
        // And a constant target has no shape: slope 0, back the constant
        TargetTransform flat = TargetTransform.normalScores(column(new double[] {2, 2, 2}));
        assertThat(flat.slope(0, 0.3)).isZero();
        assertThat(flat.back(0, 0.3)).isEqualTo(2.0);
    }

    @Test
    void backTransformIsMonotoneClampedAndInvertsTheTrainingScores() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            // Given random targets with a floor (values below a threshold set to it) in two columns
            int n = 5 + rng.nextInt(20);
            double[][] y = new double[n][2];
            for (int i = 0; i < n; i++) {
                y[i][0] = Math.max(0.3, rng.nextDouble());
                y[i][1] = Math.round(rng.nextDouble(-3, 3) * 2) / 2.0;
            }
            TargetTransform g = TargetTransform.normalScores(y);
            double[][] z = g.forward(y);
            for (int t = 0; t < 2; t++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double[] row : y) {
                    min = Math.min(min, row[t]);
                    max = Math.max(max, row[t]);
                }
                // Then back(forward(y)) = y on the training rows
                for (int i = 0; i < n; i++) {
                    Approx.assertClose(g.back(t, z[i][t]), y[i][t], 1e-12, 1e-12, "trial " + trial + " row " + i);
                }
                // And back is non-decreasing and stays in [min, max] on a grid far beyond the scores
                double previous = Double.NEGATIVE_INFINITY;
                for (double v = -6; v <= 6; v += 0.01) {
                    double b = g.back(t, v);
                    assertThat(b).isGreaterThanOrEqualTo(previous).isBetween(min, max);
                    assertThat(g.slope(t, v)).isPositive();
                    previous = b;
                }
            }
        }
    }
}
