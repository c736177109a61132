package io.transfab.evaluate;

/**
 * Regression scores of one target: R2, MAE, RMSE, MAPE and max error.
 *
 * <p>R2 = 1 - SS_res / SS_tot with SS_tot about the mean of the measured values (as
 * scikit-learn's r2_score); MAPE in percent, over rows whose measured value is not zero.
 */
public record Metrics(int n, double r2, double mae, double rmse, double mape, double maxError) {

    /** Scores predictions against measurements; both arrays must have the same, non-zero length. */
    public static Metrics of(double[] measured, double[] predicted) {
        if (measured.length != predicted.length || measured.length == 0) {
            throw new IllegalArgumentException("need equally long, non-empty arrays; got " + measured.length
                    + " and " + predicted.length);
        }
        int n = measured.length;
        double mean = 0;
        for (double v : measured) {
            mean += v;
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        double abs = 0;
        double ape = 0;
        int apeCount = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - measured[i];
            ssRes += e * e;
            double d = measured[i] - mean;
            ssTot += d * d;
            abs += Math.abs(e);
            max = Math.max(max, Math.abs(e));
            if (measured[i] != 0) {
                ape += Math.abs(e / measured[i]);
                apeCount++;
            }
        }
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : Double.NEGATIVE_INFINITY);
        return new Metrics(n, r2, abs / n, Math.sqrt(ssRes / n), apeCount > 0 ? 100 * ape / apeCount : Double.NaN, max);
    }
}
