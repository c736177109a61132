package io.transfab.evaluate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap confidence intervals of a regression metric over (measured, predicted) rows:
 * rows are resampled with replacement as pairs, the metric is recomputed on each of B
 * resamples, and two intervals are read off that distribution.
 *
 * <ul>
 * <li>Percentile: the alpha and 1 - alpha quantiles (linear interpolation), alpha = (1 - level) / 2
 * (Efron and Tibshirani 1993, ch. 13).
 * <li>BCa (Efron 1987, JASA 82:171-185; Efron and Tibshirani 1993, eq. 14.9-14.15): quantiles at
 * alpha_1,2 = Phi(z0 + (z0 + z) / (1 - a (z0 + z))) with z = Phi^-1(alpha), Phi^-1(1 - alpha);
 * bias correction z0 = Phi^-1(p), p = (#{theta_b < theta} + #{theta_b <= theta}) / (2B); acceleration
 * a = sum d_i^3 / (6 (sum d_i^2)^1.5), d_i = mean_j theta_(j) - theta_(i) over the leave-one-row-out
 * jackknife values.
 * </ul>
 * This is exactly scipy.stats.bootstrap(..., paired=True) for the same index matrix.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** Intervals from B seeded resamples (see {@link #indices(int, int, long)}). */
    public static BootstrapInterval of(MetricKind metric, double[] measured, double[] predicted,
            BootstrapOptions options) {
        checkRows(measured, predicted);
        return of(metric, measured, predicted, indices(measured.length, options.resamples(), options.seed()),
                options.level());
    }

    /**
     * Intervals from a given index matrix: row b holds the n row indices of resample b (so an
     * independent implementation can be fed the same resamples).
     */
    public static BootstrapInterval of(MetricKind metric, double[] measured, double[] predicted, int[][] indices,
            double level) {
        checkRows(measured, predicted);
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1); got " + level);
        }
        int n = measured.length;
        int b = indices.length;
        if (b < 2) {
            throw new IllegalArgumentException("need at least 2 resamples; got " + b);
        }
        double[] theta = new double[b];
        double[] ym = new double[n];
        double[] yp = new double[n];
        for (int r = 0; r < b; r++) {
            if (indices[r].length != n) {
                throw new IllegalArgumentException("resample " + r + " has " + indices[r].length + " indices, not " + n);
            }
            for (int i = 0; i < n; i++) {
                int row = indices[r][i];
                if (row < 0 || row >= n) {
                    throw new IllegalArgumentException("resample " + r + " has row index " + row + " outside [0, " + n + ")");
                }
                ym[i] = measured[row];
                yp[i] = predicted[row];
            }
            theta[r] = metric.score(ym, yp);
        }
        double estimate = metric.score(measured, predicted);
        double[] sorted = theta.clone();
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        ConfidenceInterval percentile = interval(sorted, alpha, 1 - alpha, level);

        int below = 0;
        int atOrBelow = 0;
        for (double t : theta) {
            below += t < estimate ? 1 : 0;
            atOrBelow += t <= estimate ? 1 : 0;
        }
        double z0 = NormalDistribution.quantile((below + atOrBelow) / (2.0 * b));
        double a = acceleration(metric, measured, predicted);
        double z = NormalDistribution.quantile(alpha);
        double alpha1 = NormalDistribution.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
        double alpha2 = NormalDistribution.cdf(z0 + (z0 - z) / (1 - a * (z0 - z)));
        ConfidenceInterval bca = interval(sorted, alpha1, alpha2, level);
        return new BootstrapInterval(metric, estimate, percentile, bca, b, z0, a);
    }

    /** B x n row indices drawn uniformly with replacement from a SplittableRandom(seed). */
    public static int[][] indices(int n, int resamples, long seed) {
        if (n < 1 || resamples < 1) {
            throw new IllegalArgumentException("need n >= 1 rows and >= 1 resamples; got " + n + ", " + resamples);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] out = new int[resamples][n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                out[r][i] = rng.nextInt(n);
            }
        }
        return out;
    }

    private static ConfidenceInterval interval(double[] sorted, double qLow, double qHigh, double level) {
        double lo = Quantiles.ofSorted(sorted, qLow);
        double hi = Quantiles.ofSorted(sorted, qHigh);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, level);
        }
        return new ConfidenceInterval(lo, hi, level);
    }

    /** Jackknife acceleration a = sum d^3 / (6 (sum d^2)^(3/2)); NaN if all jackknife values agree. */
    private static double acceleration(MetricKind metric, double[] measured, double[] predicted) {
        int n = measured.length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] jack = new double[n];
        double[] ym = new double[n - 1];
        double[] yp = new double[n - 1];
        for (int leave = 0; leave < n; leave++) {
            for (int i = 0, t = 0; i < n; i++) {
                if (i != leave) {
                    ym[t] = measured[i];
                    yp[t] = predicted[i];
                    t++;
                }
            }
            jack[leave] = metric.score(ym, yp);
        }
        double mean = 0;
        for (double v : jack) {
            mean += v;
        }
        mean /= n;
        double s2 = 0;
        double s3 = 0;
        for (double v : jack) {
            double d = mean - v;
            s2 += d * d;
            s3 += d * d * d;
        }
        return s3 / (6 * Math.pow(s2, 1.5));
    }

    private static void checkRows(double[] measured, double[] predicted) {
        if (measured.length != predicted.length || measured.length < 2) {
            throw new IllegalArgumentException("need equally long arrays of at least 2 rows; got " + measured.length
                    + " and " + predicted.length);
        }
        for (int i = 0; i < measured.length; i++) {
            if (!Double.isFinite(measured[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("row " + i + " is not finite: measured " + measured[i]
                        + ", predicted " + predicted[i]);
            }
        }
    }
}
