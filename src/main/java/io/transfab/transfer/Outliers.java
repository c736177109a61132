package io.transfab.transfer;

import io.transfab.evaluate.Quantiles;

/**
 * The outlier rule of auto's noise floor, on the training rows alone: a target column has outliers
 * when some row's modified z-score {@code 0.6745 |y - median| / MAD} exceeds 3.5 (Iglewicz &amp;
 * Hoaglin, How to Detect and Handle Outliers, ASQC 1993, sec. 3.2). The median absolute deviation
 * ignores the outliers it looks for, unlike the standard deviation, which they inflate.
 */
final class Outliers {
    /** Iglewicz and Hoaglin's cut-off of the modified z-score. */
    static final double CUTOFF = 3.5;

    private Outliers() {
    }

    /** The largest modified z-score of a column (0 when its MAD is 0: no spread to judge by). */
    static double maxModifiedZ(double[] v) {
        double median = Quantiles.median(v);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - median);
        }
        double mad = Quantiles.median(dev);
        if (!(mad > 0)) {
            return 0;
        }
        double max = 0;
        for (double d : dev) {
            max = Math.max(max, 0.6745 * d / mad);
        }
        return max;
    }

    /** Whether any target column ([row][target]) has a row beyond the cut-off. */
    static boolean present(double[][] y) {
        for (int t = 0; t < y[0].length; t++) {
            double[] col = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                col[i] = y[i][t];
            }
            if (maxModifiedZ(col) > CUTOFF) {
                return true;
            }
        }
        return false;
    }
}
