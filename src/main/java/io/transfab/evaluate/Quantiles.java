package io.transfab.evaluate;

import java.util.Arrays;

/**
 * Sample quantiles with linear interpolation between order statistics (Hyndman and Fan 1996
 * type 7, the default of numpy.quantile and scipy.stats.quantile).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The q-quantile (0 <= q <= 1) of the values; NaN when q is NaN. Values must not be empty. */
    public static double of(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return ofSorted(s, q);
    }

    /** The median (the mean of the two middle values for an even count). */
    public static double median(double[] values) {
        return of(values, 0.5);
    }

    /** The q-quantile of values already sorted ascending. */
    static double ofSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile level must be in [0, 1]; got " + q);
        }
        int n = sorted.length;
        double h = q * (n - 1);
        int lo = Math.min((int) Math.floor(h), n - 1);
        int hi = Math.min(lo + 1, n - 1);
        double g = h - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        if (a == b) {
            return a; // also keeps infinite order statistics from giving NaN
        }
        double diff = b - a;
        // numpy's _lerp: interpolate from the nearer end for symmetric rounding
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }
}
