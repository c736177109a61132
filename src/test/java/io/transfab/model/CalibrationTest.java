package io.transfab.model;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void quantileIsTheCeilNPlusOneLevelthSmallestScore() {
        // Given 10 scores 1..10 (shuffled)
        Calibration.TargetScores s = new Calibration.TargetScores(Calibration.ScoreKind.ABSOLUTE,
                new double[] {7, 3, 10, 1, 5, 2, 9, 4, 8, 6});
        // When asking for quantiles: ceil(11 * 0.5) = 6, ceil(11 * 0.8) = 9, ceil(11 * 0.9) = 10
        // Then they are the 6th, 9th and 10th smallest; at 0.95, ceil(10.45) = 11 > 10: unbounded
        assertClose(s.quantile(0.5), 6, 0, 0, "q50");
        assertClose(s.quantile(0.8), 9, 0, 0, "q80");
        assertClose(s.quantile(0.9), 10, 0, 0, "q90");
        assertTrue(Double.isInfinite(s.quantile(0.95)), "unbounded, not the largest score");
    }

    @Test
    void minimumRowsForABoundedInterval() {
        // Given the rule ceil((n + 1) L) <= n, i.e. n >= L / (1 - L)
        // Then 90 % needs 9 rows, 95 % 19, 80 % 4 (rank 4.0 exactly must not round up to 5)
        assertEquals(9, Calibration.minimumRows(0.9));
        assertEquals(19, Calibration.minimumRows(0.95));
        assertEquals(4, Calibration.minimumRows(0.8));
        assertThrows(IllegalArgumentException.class, () -> Calibration.minimumRows(1.0));
    }

    @Test
    void normalisedScoresScaleTheModelsOwnStd() {
        // Given out-of-fold residuals that are twice the predicted sigma everywhere
        int n = 19;
        double[][] y = new double[n][1];
        double[][] mu = new double[n][1];
        double[][] sd = new double[n][1];
        for (int i = 0; i < n; i++) {
            sd[i][0] = 0.5 + i;
            y[i][0] = 2 * sd[i][0] * (i % 2 == 0 ? 1 : -1);
        }
        Calibration c = Calibration.fromOutOfFold(y, mu, sd, "test");
        // When calibrating a prediction with sigmas 1 and 3 at 90 %
        Prediction raw = new Prediction(new double[][] {{0}, {10}}, new double[][] {{1}, {3}});
        Prediction cal = c.calibrate(raw, new double[] {1}, 0.9);
        // Then std = q sigma / z with q = 2 (all scores are 2), so the interval is mu +- 2 sigma
        double z = io.transfab.evaluate.NormalDistribution.quantile(0.95);
        assertEquals(Calibration.ScoreKind.NORMALISED, c.targets().get(0).kind());
        assertClose(cal.stdOf(0), new double[] {2 / z, 6 / z}, 1e-12, 0, "calibrated std");
    }

    @Test
    void absoluteScoresWithoutStdAndTheirScale() {
        // Given fold models without a std and absolute residuals 0.1..1.0 in standardised units
        int n = 10;
        double[][] y = new double[n][1];
        double[][] mu = new double[n][1];
        double[][] sd = new double[n][1];
        for (int i = 0; i < n; i++) {
            y[i][0] = 0.1 * (i + 1);
            sd[i][0] = Double.NaN;
        }
        Calibration c = Calibration.fromOutOfFold(y, mu, sd, "test");
        // When calibrating at 80 % (rank ceil(8.8) = 9: score 0.9) with target scale 5
        Prediction cal = c.calibrate(Prediction.ofMean(new double[][] {{1}}), new double[] {5}, 0.8);
        // Then the half-width z std is 0.9 * 5 = 4.5
        double z = io.transfab.evaluate.NormalDistribution.quantile(0.9);
        assertEquals(Calibration.ScoreKind.ABSOLUTE, c.targets().get(0).kind());
        assertClose(z * cal.std()[0][0], 4.5, 1e-12, 0, "half-width");
        assertFalse(c.bounded(0, 0.95), "10 rows cannot bound a 95 % interval");
    }

    @Test
    void jsonRoundTrip() {
        // Given a calibration of two targets
        Calibration c = Calibration.of(List.of(
                new Calibration.TargetScores(Calibration.ScoreKind.NORMALISED, new double[] {0.3, 1.2, 0.7}),
                new Calibration.TargetScores(Calibration.ScoreKind.ABSOLUTE, new double[] {0.5, 0.1, 0.2})), "3-fold");
        // When writing and reading it
        Calibration back = Calibration.fromJson(c.toJson(List.of("a", "b")), List.of("a", "b"));
        // Then kinds, sorted scores and source survive; a wrong target order is refused
        assertEquals(Calibration.ScoreKind.ABSOLUTE, back.targets().get(1).kind());
        assertClose(back.targets().get(0).sorted(), new double[] {0.3, 0.7, 1.2}, 0, 0, "scores");
        assertEquals("3-fold", back.source());
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromJson(c.toJson(List.of("a", "b")),
                List.of("b", "a")));
    }
}
