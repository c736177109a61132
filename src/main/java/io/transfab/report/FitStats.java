package io.transfab.report;

/**
 * The two fit statistics printed in a parity plot, computed over the pairs where both values are
 * finite. Kept local and simple on purpose; the project's metrics live elsewhere.
 *
 * <p>R2 = 1 - SS_res / SS_tot with SS_res = sum (y_i - yhat_i)^2 and SS_tot = sum (y_i - ybar)^2
 * (coefficient of determination, e.g. Draper &amp; Smith, Applied Regression Analysis, 3rd ed., 1998,
 * sec. 1.4); RMSE = sqrt(SS_res / n). R2 is NaN when SS_tot is zero or n &lt; 2, RMSE when n = 0.
 */
record FitStats(int n, int omitted, double r2, double rmse) {

    static FitStats of(double[] measured, double[] predicted) {
        if (measured.length != predicted.length) {
            throw new IllegalArgumentException("measured has " + measured.length + " values, predicted has "
                    + predicted.length);
        }
        int n = 0;
        double sum = 0;
        for (int i = 0; i < measured.length; i++) {
            if (Double.isFinite(measured[i]) && Double.isFinite(predicted[i])) {
                n++;
                sum += measured[i];
            }
        }
        int omitted = measured.length - n;
        if (n == 0) {
            return new FitStats(0, omitted, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < measured.length; i++) {
            if (Double.isFinite(measured[i]) && Double.isFinite(predicted[i])) {
                double e = measured[i] - predicted[i];
                double d = measured[i] - mean;
                ssRes += e * e;
                ssTot += d * d;
            }
        }
        double r2 = (n >= 2 && ssTot > 0) ? 1.0 - ssRes / ssTot : Double.NaN;
        return new FitStats(n, omitted, r2, Math.sqrt(ssRes / n));
    }
}
