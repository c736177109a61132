package io.transfab.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Global importance: the mean absolute Shapley value of each player per target (Lundberg et al.,
 * Nat. Mach. Intell. 2, 2020), in the target's units, with a percentile bootstrap interval over the
 * explained rows (Efron &amp; Tibshirani 1993, ch. 13). It says how far, on average, a parameter
 * moves the prediction away from the base value for these rows.
 */
public final class MeanAbsShap {
    private final double[][] mean;
    private final double[][] lower;
    private final double[][] upper;
    private final double level;

    private MeanAbsShap(double[][] mean, double[][] lower, double[][] upper, double level) {
        this.mean = mean;
        this.lower = lower;
        this.upper = upper;
        this.level = level;
    }

    /**
     * @param replicates bootstrap resamples of the rows (>= 1)
     * @param level      interval coverage, e.g. 0.95
     */
    public static MeanAbsShap of(ShapValues shap, int replicates, double level, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        int n = shap.rowCount();
        int tCount = shap.targets().size();
        int p = shap.players().size();
        double[][] mean = new double[tCount][p];
        double[][] lo = new double[tCount][p];
        double[][] hi = new double[tCount][p];
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] draws = new int[replicates][n];
        for (int[] d : draws) {
            for (int i = 0; i < n; i++) {
                d[i] = rng.nextInt(n);
            }
        }
        double[] stat = new double[replicates];
        for (int t = 0; t < tCount; t++) {
            double[][] abs = shap.values(t);
            for (double[] row : abs) {
                for (int j = 0; j < p; j++) {
                    row[j] = Math.abs(row[j]);
                }
            }
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (double[] row : abs) {
                    s += row[j];
                }
                mean[t][j] = s / n;
                for (int r = 0; r < replicates; r++) {
                    double b = 0;
                    for (int i : draws[r]) {
                        b += abs[i][j];
                    }
                    stat[r] = b / n;
                }
                Arrays.sort(stat);
                lo[t][j] = quantile(stat, (1 - level) / 2);
                hi[t][j] = quantile(stat, 1 - (1 - level) / 2);
            }
        }
        return new MeanAbsShap(mean, lo, hi, level);
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int i = (int) Math.floor(h);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }

    public double mean(int target, int player) {
        return mean[target][player];
    }

    public double lower(int target, int player) {
        return lower[target][player];
    }

    public double upper(int target, int player) {
        return upper[target][player];
    }

    public double level() {
        return level;
    }

    /** Players of {@code target} by decreasing mean |SHAP| (ties by player order). */
    public int[] ranking(int target) {
        Integer[] idx = new Integer[mean[target].length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(mean[target][b], mean[target][a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
