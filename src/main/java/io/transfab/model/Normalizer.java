package io.transfab.model;

import java.util.Arrays;

/**
 * Column-wise affine scaling z = (v - center) / scale, part of every trained model so that
 * prediction applies exactly what training used. One-hot columns are left as 0/1.
 */
public final class Normalizer {
    private final double[] center;
    private final double[] scale;

    private Normalizer(double[] center, double[] scale) {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("center and scale differ in length");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(center[j])) {
                throw new IllegalArgumentException("column " + j + ": scale must be finite and > 0, center finite");
            }
        }
        this.center = center.clone();
        this.scale = scale.clone();
    }

    public static Normalizer of(double[] center, double[] scale) {
        return new Normalizer(center, scale);
    }

    /** Identity on {@code width} columns. */
    public static Normalizer identity(int width) {
        double[] c = new double[width];
        double[] s = new double[width];
        Arrays.fill(s, 1.0);
        return new Normalizer(c, s);
    }

    /**
     * Standardisation to zero mean and unit (population) standard deviation on the columns where
     * {@code scaled[j]} is true; a constant column keeps scale 1 so that it maps to zero.
     */
    public static Normalizer standardize(double[][] data, boolean[] scaled) {
        int w = scaled.length;
        double[] c = new double[w];
        double[] s = new double[w];
        Arrays.fill(s, 1.0);
        int n = data.length;
        for (int j = 0; j < w; j++) {
            if (!scaled[j] || n == 0) {
                continue;
            }
            double mean = 0;
            for (double[] row : data) {
                mean += row[j];
            }
            mean /= n;
            double var = 0;
            for (double[] row : data) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / n);
            c[j] = mean;
            s[j] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1.0;
        }
        return new Normalizer(c, s);
    }

    /** Standardises every column. */
    public static Normalizer standardize(double[][] data) {
        boolean[] all = new boolean[data.length == 0 ? 0 : data[0].length];
        Arrays.fill(all, true);
        return standardize(data, all);
    }

    public int width() {
        return center.length;
    }

    public double[] center() {
        return center.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    /** (v - center) / scale for every row. */
    public double[][] apply(double[][] data) {
        double[][] out = new double[data.length][center.length];
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < center.length; j++) {
                out[i][j] = (data[i][j] - center[j]) / scale[j];
            }
        }
        return out;
    }

    /** center + scale * z for every row (means back to units). */
    public double[][] invert(double[][] z) {
        double[][] out = new double[z.length][center.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < center.length; j++) {
                out[i][j] = center[j] + scale[j] * z[i][j];
            }
        }
        return out;
    }

    /** scale * s for every row (standard deviations back to units). */
    public double[][] invertSpread(double[][] s) {
        double[][] out = new double[s.length][center.length];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < center.length; j++) {
                out[i][j] = scale[j] * s[i][j];
            }
        }
        return out;
    }
}
