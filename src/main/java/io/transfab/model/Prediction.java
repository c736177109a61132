package io.transfab.model;

/**
 * Predicted means and standard deviations, n rows x one column per target. A standard deviation
 * is NaN when the model gives no uncertainty (a single network, ridge, boosting).
 */
public record Prediction(double[][] mean, double[][] std) {
    public Prediction {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " rows, std has " + std.length);
        }
    }

    /** A prediction without uncertainty. */
    public static Prediction ofMean(double[][] mean) {
        double[][] std = new double[mean.length][];
        for (int i = 0; i < mean.length; i++) {
            std[i] = new double[mean[i].length];
            java.util.Arrays.fill(std[i], Double.NaN);
        }
        return new Prediction(mean, std);
    }

    public int rows() {
        return mean.length;
    }

    /** Column {@code t} of the means. */
    public double[] meanOf(int t) {
        double[] out = new double[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mean[i][t];
        }
        return out;
    }

    /** Column {@code t} of the standard deviations. */
    public double[] stdOf(int t) {
        double[] out = new double[std.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = std[i][t];
        }
        return out;
    }
}
