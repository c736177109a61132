package io.transfab.evaluate;

import java.util.Arrays;

/**
 * Wilcoxon signed-rank test for paired samples (Wilcoxon 1945; Hollander, Wolfe and Chicken 2014,
 * ch. 3), with scipy.stats.wilcoxon's defaults: zero differences are dropped (Wilcoxon's zero
 * method), tied |d| get average ranks, and
 * <ul>
 * <li>the exact null distribution of W+ (each of the 2^n sign patterns equally likely, counted by
 * dynamic programming over rank sums) when n <= 50 and there are no ties and no zeros;
 * <li>otherwise the normal approximation z = (W+ - n(n+1)/4) / sigma with
 * sigma^2 = n(n+1)(2n+1)/24 - sum_t (t^3 - t)/48 over tie groups of size t, optionally with the
 * continuity correction 0.5 / sigma towards the mean.
 * </ul>
 * Exact p-values: LESS = P(W+ <= w), GREATER = P(W+ >= w), TWO_SIDED = min(1, 2 min of both).
 * When no non-zero difference is left the result is W+ = 0 with p = 1 (the exact distribution of
 * zero pairs), where scipy returns NaN.
 */
public final class Wilcoxon {
    /** Largest exact-method sample, as scipy's method='auto'. */
    public static final int MAX_EXACT_N = 50;
    /** Largest sample for which the O(n^2) Hodges-Lehmann estimate is computed. */
    public static final int MAX_HODGES_LEHMANN_ROWS = 2000;

    private Wilcoxon() {
    }

    /** Two-sided test of x - y with default options. */
    public static WilcoxonResult test(double[] x, double[] y) {
        return test(x, y, WilcoxonOptions.defaults());
    }

    /** Test of the paired differences x - y. */
    public static WilcoxonResult test(double[] x, double[] y, WilcoxonOptions options) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples need equal lengths; got " + x.length + " and " + y.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return testDifferences(d, options);
    }

    /** Test of the paired differences d (H0: symmetric about 0). */
    public static WilcoxonResult testDifferences(double[] differences, WilcoxonOptions options) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("Wilcoxon test needs at least one paired difference");
        }
        for (int i = 0; i < differences.length; i++) {
            if (!Double.isFinite(differences[i])) {
                throw new IllegalArgumentException("paired difference " + i + " is not finite: " + differences[i]);
            }
        }
        double median = Quantiles.median(differences);
        double hl = hodgesLehmann(differences);
        double[] d = Arrays.stream(differences).filter(v -> v != 0).toArray();
        int n = d.length;
        int zeros = differences.length - n;
        Alternative alt = options.alternative();
        if (n == 0) {
            return new WilcoxonResult(0, 0, zeros, 1.0, WilcoxonMethod.EXACT, alt, Double.NaN, median, hl);
        }
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(d[i]);
        }
        AverageRanks ranks = AverageRanks.of(abs);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                wPlus += ranks.rank(i);
            }
        }
        if (n <= MAX_EXACT_N && zeros == 0 && ranks.tieTerm() == 0) {
            double p = exactPValue((int) wPlus, n, alt);
            return new WilcoxonResult(wPlus, n, zeros, p, WilcoxonMethod.EXACT, alt, Double.NaN, median, hl);
        }
        double mean = n * (n + 1.0) / 4;
        double sd = Math.sqrt((n * (n + 1.0) * (2 * n + 1.0) - ranks.tieTerm() / 2) / 24);
        double z = (wPlus - mean) / sd;
        if (options.continuityCorrection()) {
            double sign = switch (alt) {
                case GREATER -> 1;
                case LESS -> -1;
                case TWO_SIDED -> Math.signum(z);
            };
            z -= sign * 0.5 / sd;
        }
        double p = switch (alt) {
            case LESS -> NormalDistribution.cdf(z);
            case GREATER -> NormalDistribution.sf(z);
            case TWO_SIDED -> Math.min(1, 2 * Math.min(NormalDistribution.cdf(z), NormalDistribution.sf(z)));
        };
        return new WilcoxonResult(wPlus, n, zeros, p, WilcoxonMethod.NORMAL_APPROXIMATION, alt, z, median, hl);
    }

    /** P-value of W+ = w under the exact null distribution for n pairs. */
    static double exactPValue(int w, int n, Alternative alt) {
        long[] counts = exactCounts(n);
        long le = 0;
        for (int s = 0; s <= w; s++) {
            le += counts[s];
        }
        long ge = 0;
        for (int s = w; s < counts.length; s++) {
            ge += counts[s];
        }
        double total = Math.scalb(1.0, n);
        double pLess = le / total;
        double pGreater = ge / total;
        return switch (alt) {
            case LESS -> pLess;
            case GREATER -> pGreater;
            case TWO_SIDED -> Math.min(1, 2 * Math.min(pLess, pGreater));
        };
    }

    /**
     * counts[s] = number of subsets of ranks {1..n} summing to s, i.e. 2^n P(W+ = s) under H0
     * (fits a long: 2^50 < 2^63).
     */
    static long[] exactCounts(int n) {
        int max = n * (n + 1) / 2;
        long[] c = new long[max + 1];
        c[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int s = r * (r + 1) / 2; s >= r; s--) {
                c[s] += c[s - r];
            }
        }
        return c;
    }

    private static double hodgesLehmann(double[] d) {
        int n = d.length;
        if (n > MAX_HODGES_LEHMANN_ROWS) {
            return Double.NaN;
        }
        double[] walsh = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[k++] = (d[i] + d[j]) / 2;
            }
        }
        return Quantiles.median(walsh);
    }
}
