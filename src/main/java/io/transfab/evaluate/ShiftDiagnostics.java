package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How far the target's manufacturing parameters lie from the source's, before any training:
 * per-parameter ranges and the share of target rows outside the source range, a multivariate
 * two-sample test (maximum mean discrepancy with a permutation p-value), and the share of target
 * rows outside the source's support (any parameter outside its source range, or a category the
 * source never had). When most target rows lie outside, transfer relies on extrapolation.
 *
 * @param parameters             one entry per encoded input column
 * @param mmd2                   unbiased squared MMD with a Gaussian kernel (Gretton et al. 2012, eq. 3)
 * @param mmdPValue              permutation p-value of the MMD (small: the distributions differ)
 * @param permutations           label permutations behind the p-value
 * @param fractionOutsideSupport share of target rows with at least one parameter outside the source range
 * @param warnings               sentences for the user; empty when nothing stands out
 */
public record ShiftDiagnostics(List<ParameterShift> parameters, double mmd2, double mmdPValue, int permutations,
        double fractionOutsideSupport, List<String> warnings) {

    /** Rows of each table that enter the MMD test (a seeded subsample keeps it O(seconds)). */
    public static final int MAX_ROWS = 300;
    /** Label permutations of the MMD test. */
    public static final int PERMUTATIONS = 200;
    /** Share of target rows outside the source support above which transfer is flagged. */
    public static final double SUPPORT_WARNING = 0.5;

    /** One encoded input column in the source and the target. */
    public record ParameterShift(String name, double sourceMin, double sourceMax, double sourceMean, double sourceSd,
            double targetMin, double targetMax, double targetMean, double targetSd, double fractionOutside,
            double standardizedMeanDifference) {
    }

    public ShiftDiagnostics {
        parameters = List.copyOf(parameters);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param names  names of the encoded columns
     * @param source source inputs (encoded, in units)
     * @param target target inputs (encoded, in units)
     */
    public static ShiftDiagnostics of(List<String> names, double[][] source, double[][] target, long seed) {
        int d = names.size();
        if (source.length < 2 || target.length < 2) {
            throw new IllegalArgumentException("shift diagnostics need at least 2 source and 2 target rows");
        }
        SourceRanges ranges = SourceRanges.of(names, source);
        SourceRanges.Coverage coverage = ranges.coverage(target);
        double[] min = ranges.min();
        double[] max = ranges.max();
        double[] fractions = coverage.fractionOutside();
        List<ParameterShift> params = new ArrayList<>();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double[] t = column(target, j);
            mean[j] = Arrays.stream(column(source, j)).average().orElseThrow();
            sd[j] = sd(column(source, j), mean[j]);
            double tmean = Arrays.stream(t).average().orElseThrow();
            params.add(new ParameterShift(names.get(j), min[j], max[j], mean[j], sd[j],
                    Arrays.stream(t).min().orElseThrow(), Arrays.stream(t).max().orElseThrow(), tmean, sd(t, tmean),
                    fractions[j], (tmean - mean[j]) / (sd[j] > 0 ? sd[j] : 1.0)));
        }
        double fracOutside = coverage.fractionOutsideSupport();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] xs = standardized(subsample(source, rng), mean, sd);
        double[][] xt = standardized(subsample(target, rng), mean, sd);
        double[] mmd = mmdTest(xs, xt, PERMUTATIONS, rng);
        List<String> warnings = new ArrayList<>();
        ranges.warning(coverage).ifPresent(warnings::add);
        if (mmd[1] < 0.01) {
            warnings.add(String.format(Locale.ROOT, "the target's parameter settings differ from the source's as a "
                    + "whole (MMD test p = %.3g); expected for a new material, but check the ranges above", mmd[1]));
        }
        return new ShiftDiagnostics(params, mmd[0], mmd[1], PERMUTATIONS, fracOutside, warnings);
    }

    /** Returns {unbiased MMD^2, permutation p-value} with a Gaussian kernel of median-heuristic bandwidth. */
    static double[] mmdTest(double[][] a, double[][] b, int permutations, SplittableRandom rng) {
        int n = a.length;
        int m = b.length;
        double[][] pooled = new double[n + m][];
        System.arraycopy(a, 0, pooled, 0, n);
        System.arraycopy(b, 0, pooled, n, m);
        int total = n + m;
        double[][] dist2 = new double[total][total];
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            for (int k = i + 1; k < total; k++) {
                double s = 0;
                for (int j = 0; j < pooled[i].length; j++) {
                    double e = pooled[i][j] - pooled[k][j];
                    s += e * e;
                }
                dist2[i][k] = s;
                dist2[k][i] = s;
                all.add(s);
            }
        }
        double median = Quantiles.median(all.stream().mapToDouble(Double::doubleValue).toArray());
        double gamma = median > 0 ? 1.0 / median : 1.0;
        double[][] k = new double[total][total];
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < total; j++) {
                k[i][j] = Math.exp(-gamma * dist2[i][j]);
            }
        }
        int[] labels = new int[total];
        for (int i = 0; i < total; i++) {
            labels[i] = i < n ? 0 : 1;
        }
        double observed = mmd2(k, labels, n, m);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            int[] perm = Splits.permutation(total, rng);
            int[] l = new int[total];
            for (int i = 0; i < total; i++) {
                l[perm[i]] = labels[i];
            }
            if (mmd2(k, l, n, m) >= observed) {
                atLeast++;
            }
        }
        return new double[] {observed, (1.0 + atLeast) / (1.0 + permutations)};
    }

    /** Unbiased MMD^2: mean k within group 0 + within group 1 (off-diagonal) - 2 mean k across. */
    private static double mmd2(double[][] k, int[] label, int n, int m) {
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (i == j) {
                    continue;
                }
                if (label[i] == 0 && label[j] == 0) {
                    xx += k[i][j];
                } else if (label[i] == 1 && label[j] == 1) {
                    yy += k[i][j];
                } else if (label[i] == 0) {
                    xy += k[i][j];
                }
            }
        }
        return xx / (n * (n - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) n * m);
    }

    private static double[][] subsample(double[][] x, SplittableRandom rng) {
        if (x.length <= MAX_ROWS) {
            return x;
        }
        int[] p = Splits.permutation(x.length, rng);
        double[][] out = new double[MAX_ROWS][];
        for (int i = 0; i < MAX_ROWS; i++) {
            out[i] = x[p[i]];
        }
        return out;
    }

    private static double[][] standardized(double[][] x, double[] mean, double[] sd) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / (sd[j] > 0 ? sd[j] : 1.0);
            }
        }
        return out;
    }

    private static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][j];
        }
        return c;
    }

    private static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    /** A few lines for the console. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Shift diagnostics: %.0f %% of target rows "
                + "outside the source range; MMD^2 %.3g (permutation p = %.3g)", 100 * fractionOutsideSupport, mmd2,
                mmdPValue));
        for (ParameterShift p : parameters) {
            if (p.fractionOutside() > 0) {
                sb.append(String.format(Locale.ROOT, "%n  %-26s source [%.4g, %.4g], target [%.4g, %.4g]: %.0f %% "
                        + "outside", p.name(), p.sourceMin(), p.sourceMax(), p.targetMin(), p.targetMax(),
                        100 * p.fractionOutside()));
            }
        }
        for (String w : warnings) {
            sb.append("\n  warning: ").append(w);
        }
        return sb.toString();
    }
}
