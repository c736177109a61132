package io.transfab.explain;

import io.transfab.evaluate.Splits;
import io.transfab.model.Matrices;
import java.util.SplittableRandom;

/**
 * Permutation importance on held-out rows (Breiman, Mach. Learn. 45, 2001; Fisher, Rudin &amp;
 * Dominici, JMLR 20, 2019): the increase in RMSE of each target when one parameter's column(s)
 * are shuffled across rows, breaking its link to the measurement; averaged over seeded repeats,
 * with their standard deviation. A categorical parameter's one-hot columns are shuffled together.
 */
public final class PermutationImportance {
    private final double[] baseline;
    private final double[][] mean;
    private final double[][] sd;
    private final int repeats;

    private PermutationImportance(double[] baseline, double[][] mean, double[][] sd, int repeats) {
        this.baseline = baseline;
        this.mean = mean;
        this.sd = sd;
        this.repeats = repeats;
    }

    /** All permuted copies of {@code x} are predicted in one model call. */
    public static PermutationImportance of(EncodedPredictor f, Players players, double[][] x, double[][] y,
            int repeats, long seed) {
        Matrices.requireColumns(x, players.width(), "x");
        int tCount = Matrices.columns(y, "y");
        if (y.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        int n = x.length;
        int p = players.count();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] batch = new double[n * (1 + p * repeats)][];
        for (int i = 0; i < n; i++) {
            batch[i] = x[i].clone();
        }
        int at = n;
        for (int j = 0; j < p; j++) {
            int[] cols = players.group(j);
            for (int r = 0; r < repeats; r++) {
                int[] perm = Splits.permutation(n, rng);
                for (int i = 0; i < n; i++) {
                    double[] row = x[i].clone();
                    for (int c : cols) {
                        row[c] = x[perm[i]][c];
                    }
                    batch[at++] = row;
                }
            }
        }
        double[][] pred = f.predict(batch);
        double[] base = new double[tCount];
        for (int t = 0; t < tCount; t++) {
            base[t] = rmse(pred, 0, y, t);
        }
        double[][] mean = new double[tCount][p];
        double[][] sd = new double[tCount][p];
        for (int t = 0; t < tCount; t++) {
            for (int j = 0; j < p; j++) {
                double[] inc = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    inc[r] = rmse(pred, n * (1 + j * repeats + r), y, t) - base[t];
                    mean[t][j] += inc[r] / repeats;
                }
                double ss = 0;
                for (double v : inc) {
                    ss += (v - mean[t][j]) * (v - mean[t][j]);
                }
                sd[t][j] = repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : Double.NaN;
            }
        }
        return new PermutationImportance(base, mean, sd, repeats);
    }

    private static double rmse(double[][] pred, int offset, double[][] y, int t) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = pred[offset + i][t] - y[i][t];
            s += d * d;
        }
        return Math.sqrt(s / y.length);
    }

    /** RMSE of target {@code t} on the unshuffled rows. */
    public double baselineRmse(int t) {
        return baseline[t];
    }

    /** Mean increase in RMSE of target {@code t} when player {@code j} is shuffled. */
    public double increase(int t, int j) {
        return mean[t][j];
    }

    /** Standard deviation of the increase over the repeats (NaN for one repeat). */
    public double spread(int t, int j) {
        return sd[t][j];
    }

    public int repeats() {
        return repeats;
    }
}
