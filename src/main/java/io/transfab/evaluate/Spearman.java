package io.transfab.evaluate;

/**
 * Spearman's rank correlation: the Pearson correlation of the average ranks (ties share their
 * mean rank), as {@code scipy.stats.spearmanr} computes it (Spearman 1904; Zar, Biostatistical
 * Analysis, 5th ed., section 19.9). NaN when either variable is constant or fewer than two pairs.
 */
public final class Spearman {
    private Spearman() {
    }

    public static double rho(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("need pairs; got " + a.length + " and " + b.length + " values");
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        return pearson(AverageRanks.of(a).ranks(), AverageRanks.of(b).ranks());
    }

    /** r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2). */
    private static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
