package io.transfab.explain;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.model.Progress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalitionValuesTest {
    /** Players: a (col 0), b (col 1), c (col 2), binder (one-hot cols 3..5). */
    private static final Players PLAYERS = Players.of(List.of("a", "b", "c", "binder"),
            new int[][] {{0}, {1}, {2}, {3, 4, 5}});

    private static final EncodedPredictor MODEL = x -> {
        double[][] y = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            y[i][0] = 2 * r[0] + r[0] * r[1] + Math.sin(r[2]) + 3 * r[4] * r[1] + r[5] * (r[0] - 1);
            y[i][1] = r[0] * r[2] * r[1] - 0.5 * r[3] + r[5] * r[2] * r[2];
        }
        return y;
    };

    /** Rows on a design grid: a, b, c at three levels each and one of three binders, so many repeat. */
    private static double[][] levelRows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (double[] r : x) {
            r[0] = rng.nextInt(3) - 1;
            r[1] = 0.5 * rng.nextInt(3);
            r[2] = rng.nextInt(2) == 0 ? -0.25 : 1.5;
            r[3 + rng.nextInt(3)] = 1;
        }
        return x;
    }

    private static double[][] continuousRows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (double[] r : x) {
            r[0] = rng.nextDouble(-1, 2);
            r[1] = rng.nextDouble(0, 3);
            r[2] = rng.nextGaussian();
            r[3 + rng.nextInt(3)] = 1;
        }
        return x;
    }

    /** The algorithm before de-duplication: every (row, coalition, background row) evaluated, summed in order. */
    private static double[][][] everyPair(double[][] x, double[][] bg, int[][] cols) {
        double[][][] v = new double[x.length][cols.length][2];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < cols.length; k++) {
                double[][] batch = new double[bg.length][];
                for (int r = 0; r < bg.length; r++) {
                    batch[r] = bg[r].clone();
                    for (int c : cols[k]) {
                        batch[r][c] = x[i][c];
                    }
                }
                double[][] y = MODEL.predict(batch);
                for (double[] yr : y) {
                    v[i][k][0] += yr[0];
                    v[i][k][1] += yr[1];
                }
                v[i][k][0] /= bg.length;
                v[i][k][1] /= bg.length;
            }
        }
        return v;
    }

    private static int[][] allCoalitions() {
        int[][] cols = new int[14][];
        for (int mask = 1; mask < 15; mask++) {
            cols[mask - 1] = PLAYERS.columnsOf(mask);
        }
        return cols;
    }

    @Test
    void repeatedSettingsAreEvaluatedOnceWithTheSameValues() {
        // Given 60 rows on a design grid (many repeat on every coalition) and a 15-row background of them
        double[][] x = levelRows(60, 1);
        double[][] bg = levelRows(15, 2);
        int[][] cols = allCoalitions();
        AtomicLong calls = new AtomicLong();
        EncodedPredictor counting = rows -> {
            calls.addAndGet(rows.length);
            return MODEL.predict(rows);
        };

        // When computing every coalition value, on one and on two threads
        CoalitionValues.Result one = CoalitionValues.of(counting, Background.of(bg, "test"), x, cols, 2, "test", 1,
                Progress.NONE);
        CoalitionValues.Result two = CoalitionValues.of(MODEL, Background.of(bg, "test"), x, cols, 2, "test", 2,
                Progress.NONE);

        // Then they equal the every-pair algorithm's, with far fewer model rows, counted right
        double[][][] reference = everyPair(x, bg, cols);
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < cols.length; k++) {
                assertClose(one.values()[i][k], reference[i][k], 1e-12, 1e-300, "row " + i + " coalition " + k);
                assertClose(two.values()[i][k], one.values()[i][k], 0, 0, "threads, row " + i + " coalition " + k);
            }
        }
        assertEquals(calls.get(), one.modelRows());
        assertTrue(one.modelRows() < x.length * cols.length * bg.length / 4,
                one.modelRows() + " model rows of " + x.length * cols.length * bg.length);
    }

    @Test
    void continuousRowsRepeatOnlyOnTheCategoricalPlayer() {
        // Given rows with continuous settings
        double[][] x = continuousRows(12, 3);
        double[][] bg = continuousRows(7, 4);
        int[][] cols = allCoalitions();

        // When computing every coalition value
        CoalitionValues.Result r = CoalitionValues.of(MODEL, Background.of(bg, "test"), x, cols, 2, "test", 1,
                Progress.NONE);

        // Then only the binder-only coalitions (x side: at most 3 levels; background side: at most 3) repeat
        double[][][] reference = everyPair(x, bg, cols);
        long binderOnly = 0;
        for (int mask : new int[] {8, 7}) { // {binder} from x; {a, b, c} from x, binder from the background
            long distinctX = mask == 8 ? java.util.Arrays.stream(x).map(row -> row[3] + "," + row[4]).distinct().count()
                    : x.length;
            long distinctBg = mask == 7 ? java.util.Arrays.stream(bg).map(row -> row[3] + "," + row[4]).distinct().count()
                    : bg.length;
            binderOnly += distinctX * distinctBg;
        }
        assertEquals(12L * 12 * 7 + binderOnly, r.modelRows());
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < cols.length; k++) {
                assertClose(r.values()[i][k], reference[i][k], 1e-12, 1e-300, "row " + i + " coalition " + k);
            }
        }
    }

    @Test
    void exactShapleyValuesOnDesignGridsEqualTheDefinition() {
        // Given design-grid rows and background (the de-duplicated path)
        double[][] x = levelRows(25, 5);
        double[][] bg = levelRows(9, 6);

        // When explaining exactly, and with Kernel SHAP
        ShapExplainer explainer = ShapExplainer.of(MODEL, PLAYERS, List.of("y1", "y2"), Background.of(bg, "test"));
        ShapValues s = explainer.explain(x, ShapOptions.defaults().withMethod(ShapMethod.EXACT), 1L, Progress.NONE);

        // Then phi_j = sum_S |S|! (p-|S|-1)! / p! (v(S u j) - v(S)) with v from the every-pair values, to 1e-9
        int[][] cols = allCoalitions();
        double[][][] v = everyPair(x, bg, cols);
        double[] base = new double[2];
        for (double[] y : MODEL.predict(bg)) {
            base[0] += y[0] / bg.length;
            base[1] += y[1] / bg.length;
        }
        double[][] f = MODEL.predict(x);
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < 4; j++) {
                    double phi = 0;
                    for (int mask = 0; mask < 16; mask++) {
                        if ((mask >> j & 1) == 1) {
                            continue;
                        }
                        int s0 = Integer.bitCount(mask);
                        double w = factorial(s0) * factorial(4 - s0 - 1) / factorial(4);
                        phi += w * (value(v, base, f, i, t, mask | 1 << j) - value(v, base, f, i, t, mask));
                    }
                    assertClose(s.value(i, t, j), phi, 1e-9, 1e-12, "row " + i + " target " + t + " player " + j);
                }
            }
        }
        assertTrue(s.evaluations() < bg.length * (1L + x.length * cols.length) + x.length);
    }

    private static double value(double[][][] v, double[] base, double[][] f, int i, int t, int mask) {
        return mask == 0 ? base[t] : mask == 15 ? f[i][t] : v[i][mask - 1][t];
    }

    private static double factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
