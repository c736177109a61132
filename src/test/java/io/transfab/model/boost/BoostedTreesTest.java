package io.transfab.model.boost;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoostedTreesTest {
    private static final double[][] X = uniform(new SplittableRandom(17), 40, 3);
    private static final double[][] X_TEST = uniform(new SplittableRandom(18), 300, 3);

    @Test
    void learnsANonlinearFunctionBetterThanTheMean() {
        // Given 40 rows of a nonlinear function with an interaction and a threshold
        double[][] y = column(target(X));
        // When fitting with the defaults
        BoostedTrees model = BoostedTreesTrainer.withDefaults().fit(X, y, 1L, Progress.NONE);
        double[] truth = target(X_TEST);
        double[] mean = model.predict(X_TEST).meanOf(0);
        // Then its held-out MSE is far below that of predicting the training mean
        double trainMean = Arrays.stream(y).mapToDouble(r -> r[0]).average().orElseThrow();
        double mse = 0;
        double baseline = 0;
        for (int i = 0; i < truth.length; i++) {
            mse += (truth[i] - mean[i]) * (truth[i] - mean[i]) / truth.length;
            baseline += (truth[i] - trainMean) * (truth[i] - trainMean) / truth.length;
        }
        System.out.printf("xgboost held-out MSE %.4f vs mean-predictor %.4f (R2 %.3f)%n", mse, baseline, 1 - mse / baseline);
        assertTrue(mse < 0.5 * baseline, "MSE " + mse + " vs baseline " + baseline);
    }

    @Test
    void sameSeedSameModelAndOtherSeedAnother() {
        // Given one dataset
        double[][] y = column(target(X));
        BoostedTreesTrainer trainer = BoostedTreesTrainer.withDefaults();
        // When fitting twice with seed 5 and once with seed 6
        double[] a = trainer.fit(X, y, 5L, Progress.NONE).predict(X_TEST).meanOf(0);
        double[] b = trainer.fit(X, y, 5L, Progress.NONE).predict(X_TEST).meanOf(0);
        double[] c = trainer.fit(X, y, 6L, Progress.NONE).predict(X_TEST).meanOf(0);
        // Then the same seed is bit-identical and subsampling makes the other seed differ
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void fittingTwoColumnsEqualsFittingEachAlone() {
        // Given two target columns
        double[] t0 = target(X);
        double[][] y = new double[X.length][2];
        for (int i = 0; i < X.length; i++) {
            y[i][0] = t0[i];
            y[i][1] = X[i][1] - X[i][2];
        }
        BoostedTreesTrainer trainer = BoostedTreesTrainer.of(BoostOptions.defaults().withRounds(50));
        List<String> progress = new ArrayList<>();
        // When fitting both and each alone with one seed
        Prediction both = trainer.fit(X, y, 3L, (task, done, total) -> progress.add(task + done + "/" + total)).predict(X_TEST);
        // Then the columns are bit-identical and progress counted the outputs
        for (int t = 0; t < 2; t++) {
            double[][] yt = column(new double[X.length]);
            for (int i = 0; i < X.length; i++) {
                yt[i][0] = y[i][t];
            }
            assertArrayEquals(trainer.fit(X, yt, 3L, Progress.NONE).predict(X_TEST).meanOf(0), both.meanOf(t));
        }
        assertEquals(List.of("xgboost1/2", "xgboost2/2"), progress);
    }

    @Test
    void saveAndLoadGiveBitIdenticalPredictionsAndContributions(@TempDir Path dir) throws IOException {
        // Given a fitted two-output model
        double[][] y = new double[X.length][2];
        double[] t0 = target(X);
        for (int i = 0; i < X.length; i++) {
            y[i][0] = t0[i];
            y[i][1] = X[i][0] * X[i][0];
        }
        BoostedTrees model = BoostedTreesTrainer.withDefaults().fit(X, y, 8L, Progress.NONE);
        // When saving and loading
        model.save(dir);
        BoostedTrees loaded = BoostedTrees.load(dir);
        // Then predictions and contributions are bit-identical and the metadata survives
        Prediction p = model.predict(X_TEST);
        Prediction q = loaded.predict(X_TEST);
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(p.meanOf(t), q.meanOf(t));
            assertTrue(Arrays.stream(q.stdOf(t)).allMatch(Double::isNaN));
            double[][] cm = model.contributions(X_TEST, t);
            double[][] cl = loaded.contributions(X_TEST, t);
            for (int i = 0; i < cm.length; i++) {
                assertArrayEquals(cm[i], cl[i]);
            }
        }
        assertEquals(BoostOptions.defaults(), loaded.options());
        assertEquals(3, loaded.inputCount());
        assertEquals(2, loaded.outputCount());
        assertEquals("xgboost", loaded.kind());
    }

    @Test
    void contributionsSumToThePrediction() {
        // Given a fitted model
        BoostedTrees model = BoostedTreesTrainer.withDefaults().fit(X, column(target(X)), 2L, Progress.NONE);
        // When computing TreeSHAP contributions
        double[][] c = model.contributions(X_TEST, 0);
        double[] mean = model.predict(X_TEST).meanOf(0);
        // Then there is one per input plus the bias, and each row adds up to the prediction
        assertEquals(4, c[0].length);
        for (int i = 0; i < c.length; i++) {
            assertClose(Arrays.stream(c[i]).sum(), mean[i], 1e-5, 1e-5, "sum of contributions row " + i);
        }
        // and the input that never enters the target gets (almost) nothing on average
        double[] meanAbs = new double[3];
        for (double[] row : c) {
            for (int d = 0; d < 3; d++) {
                meanAbs[d] += Math.abs(row[d]) / c.length;
            }
        }
        assertTrue(meanAbs[2] < 0.2 * meanAbs[0], Arrays.toString(meanAbs));
    }

    @Test
    void rejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(0, 3, 0.05, 0.8, 0.8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 0, 0.05, 0.8, 0.8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 3, Double.NaN, 0.8, 0.8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 3, 0.05, 1.5, 0.8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 3, 0.05, 0.8, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 3, 0.05, 0.8, 0.8, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoostOptions(10, 3, 0.05, 0.8, 0.8, 1, Double.NaN));
        BoostedTreesTrainer trainer = BoostedTreesTrainer.of(BoostOptions.defaults().withRounds(5));
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(X, new double[][] {{1}}, 1L, Progress.NONE));
        BoostedTrees model = trainer.fit(X, column(target(X)), 1L, Progress.NONE);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> model.contributions(new double[][] {{1, 2}}, 0));
    }

    /** A threshold on x0 plus an interaction of x0 and x1; x2 is irrelevant. */
    private static double[] target(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i][0] > 0 ? 1.0 : -1.0) + 0.8 * x[i][0] * x[i][1];
        }
        return y;
    }

    private static double[][] uniform(SplittableRandom r, int n, int d) {
        double[][] m = new double[n][d];
        for (double[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextDouble(-1.5, 1.5);
            }
        }
        return m;
    }

    private static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }
}
