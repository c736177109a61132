package io.transfab.explain;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.data.DataException;
import io.transfab.model.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShapExplainerTest {
    /** Players: a (col 0), b (col 1), c (col 2), binder (one-hot cols 3..5: PVDF, CMC, SBR). */
    private static final Players PLAYERS = Players.of(List.of("a", "b", "c", "binder"),
            new int[][] {{0}, {1}, {2}, {3, 4, 5}});
    private static final List<String> TARGETS = List.of("y1", "y2");

    /** A hand-made model with interactions, including between the categorical player and numbers. */
    private static final EncodedPredictor MODEL = x -> {
        double[][] y = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            y[i][0] = 2 * r[0] + r[0] * r[1] + Math.sin(r[2]) + 3 * r[4] * r[1] + r[5] * (r[0] - 1);
            y[i][1] = r[0] * r[2] * r[1] - 0.5 * r[3] + r[5] * r[2] * r[2];
        }
        return y;
    };

    private static double[][] rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble(-1, 2);
            x[i][1] = rng.nextDouble(0, 3);
            x[i][2] = rng.nextGaussian();
            x[i][3 + rng.nextInt(3)] = 1;
        }
        return x;
    }

    /** v(S) computed directly from the definition, one background row at a time. */
    private static double value(double[] x, double[][] bg, boolean[] inS, int t) {
        double s = 0;
        for (double[] b : bg) {
            double[] z = b.clone();
            for (int j = 0; j < 4; j++) {
                if (inS[j]) {
                    for (int c : PLAYERS.group(j)) {
                        z[c] = x[c];
                    }
                }
            }
            s += MODEL.predict(new double[][] {z})[0][t];
        }
        return s / bg.length;
    }

    private static void permutations(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permutations(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }

    @Test
    void exactModeEqualsBruteForceOverAllOrderings() {
        // Given a model with interactions, 4 players (one categorical) and a 7-row background
        double[][] bg = rows(7, 1);
        double[][] x = rows(5, 2);
        // When computing exact Shapley values
        ShapValues s = ShapExplainer.of(MODEL, PLAYERS, TARGETS, Background.of(bg, "test"))
                .explain(x, ShapOptions.defaults().withMethod(ShapMethod.EXACT), 1L, Progress.NONE);
        // Then they equal the mean marginal contribution over all 24 orderings of the players
        List<int[]> orders = new ArrayList<>();
        permutations(new int[] {0, 1, 2, 3}, 0, orders);
        assertEquals(24, orders.size());
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 2; t++) {
                double[] brute = new double[4];
                for (int[] order : orders) {
                    boolean[] in = new boolean[4];
                    double before = value(x[i], bg, in, t);
                    for (int j : order) {
                        in[j] = true;
                        double after = value(x[i], bg, in, t);
                        brute[j] += (after - before) / orders.size();
                        before = after;
                    }
                }
                for (int j = 0; j < 4; j++) {
                    assertClose(s.value(i, t, j), brute[j], 1e-10, 1e-12, "row " + i + " target " + t + " player " + j);
                }
            }
        }
        assertEquals(ShapMethod.EXACT, s.method());
    }

    @Test
    void exactModeIsAdditiveForEveryRow() {
        // Given 40 rows and a 12-row background
        double[][] x = rows(40, 3);
        // When explaining them exactly
        ShapValues s = ShapExplainer.of(MODEL, PLAYERS, TARGETS, Background.of(rows(12, 4), "test"))
                .explain(x, ShapOptions.defaults(), 1L, Progress.NONE);
        // Then base value + sum of Shapley values = prediction, for every row and target
        double[][] f = MODEL.predict(x);
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 2; t++) {
                double sum = s.baseValue(t);
                for (int j = 0; j < 4; j++) {
                    sum += s.value(i, t, j);
                }
                assertClose(sum, s.prediction(i, t), 1e-6, 0, "additivity row " + i);
                assertClose(s.prediction(i, t), f[i][t], 1e-12, 0, "prediction row " + i);
            }
        }
    }

    @Test
    void threadsDoNotChangeTheValues() {
        // Given the same explanation on one and on three threads
        double[][] x = rows(30, 5);
        Background bg = Background.of(rows(9, 6), "test");
        ShapValues one = ShapExplainer.of(MODEL, PLAYERS, TARGETS, bg).explain(x, ShapOptions.defaults(), 1L,
                Progress.NONE);
        ShapValues three = ShapExplainer.of(MODEL, PLAYERS, TARGETS, bg).explain(x, ShapOptions.defaults()
                .withThreads(3), 1L, Progress.NONE);
        // Then every value is bit-identical
        for (int t = 0; t < 2; t++) {
            double[][] a = one.values(t);
            double[][] b = three.values(t);
            for (int i = 0; i < a.length; i++) {
                assertTrue(java.util.Arrays.equals(a[i], b[i]), "row " + i);
            }
        }
    }

    /** Six players with interactions: kernel mode on a game small enough to enumerate exactly. */
    private static final EncodedPredictor SIX = x -> {
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            y[i][0] = r[0] * r[1] + 2 * r[2] - r[3] * r[4] * r[5] + Math.exp(0.5 * r[5]) + r[1] * r[2];
        }
        return y;
    };

    @Test
    void kernelShapAgreesWithExactWithinItsStandardErrors() {
        // Given 6 players, 10 rows and a 10-row background
        Players players = Players.of(List.of("p0", "p1", "p2", "p3", "p4", "p5"),
                new int[][] {{0}, {1}, {2}, {3}, {4}, {5}});
        SplittableRandom rng = new SplittableRandom(7);
        double[][] x = new double[10][6];
        double[][] bg = new double[10][6];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = rng.nextGaussian();
                bg[i][j] = rng.nextGaussian();
            }
        }
        ShapExplainer ex = ShapExplainer.of(SIX, players, List.of("y"), Background.of(bg, "test"));
        // When computing exact values and Kernel SHAP with 200 sampled coalitions
        ShapValues exact = ex.explain(x, ShapOptions.defaults().withMethod(ShapMethod.EXACT), 1L, Progress.NONE);
        ShapValues kernel = ex.explain(x, new ShapOptions(ShapMethod.KERNEL, 200, 1), 11L, Progress.NONE);
        // Then every kernel value is within 4 reported standard errors of the exact one, and additive
        assertEquals(ShapMethod.KERNEL, kernel.method());
        double maxZ = 0;
        for (int i = 0; i < 10; i++) {
            double sum = kernel.baseValue(0);
            for (int j = 0; j < 6; j++) {
                double se = kernel.standardError(i, 0, j);
                assertTrue(se > 0, "a sampled estimate has a positive standard error");
                double diff = Math.abs(kernel.value(i, 0, j) - exact.value(i, 0, j));
                maxZ = Math.max(maxZ, diff / se);
                assertClose(kernel.value(i, 0, j), exact.value(i, 0, j), 0, 4 * se, "row " + i + " player " + j);
                sum += kernel.value(i, 0, j);
            }
            assertClose(sum, kernel.prediction(i, 0), 1e-9, 1e-12, "kernel additivity row " + i);
        }
        System.out.printf("kernel vs exact: largest |difference| / standard error %.2f%n", maxZ);
        // and more coalitions give smaller errors
        ShapValues finer = ex.explain(x, new ShapOptions(ShapMethod.KERNEL, 2000, 1), 11L, Progress.NONE);
        assertTrue(finer.maxStandardError() < kernel.maxStandardError() / 2, "errors shrink with more samples");
    }

    @Test
    void kernelSamplingIsSeeded() {
        boolean[][] a = ShapExplainer.sampleCoalitions(9, 64, 5L);
        boolean[][] b = ShapExplainer.sampleCoalitions(9, 64, 5L);
        for (int k = 0; k < 64; k++) {
            assertTrue(java.util.Arrays.equals(a[k], b[k]));
        }
        for (int u = 0; u < 32; u++) {
            for (int j = 0; j < 9; j++) {
                assertTrue(a[2 * u][j] != a[2 * u + 1][j], "pairs are complements");
            }
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(DataException.class, () -> new ShapOptions(ShapMethod.KERNEL, 3, 1));
        assertThrows(DataException.class, () -> new ShapOptions(ShapMethod.KERNEL, 100, 0));
        assertThrows(DataException.class, () -> ExplainOptions.defaults().withBackgroundSize(-1));
        assertThrows(IllegalArgumentException.class, () -> Players.of(List.of("a"), new int[][] {{0, 0}}));
        assertEquals(ShapMethod.EXACT, ShapMethod.AUTO.resolve(12));
        assertEquals(ShapMethod.KERNEL, ShapMethod.AUTO.resolve(13));
    }
}
