package io.transfab.model;

import io.transfab.evaluate.Quantiles;
import java.util.Arrays;

/**
 * Column-wise affine scaling z = (v - center) / scale, part of every trained model so that
 * prediction applies exactly what training used. One-hot columns are left as 0/1. The factories
 * implement the {@link NormalizationScheme}s; all of them are affine, so one center and scale per
 * column describe every scheme and old model files read unchanged. An input normaliser may first
 * turn composition inputs into log-ratio coordinates ({@link LogRatio}); center and scale are then
 * those of the coordinates.
 */
public final class Normalizer {
    /** IQR of a standard normal distribution (2 * 0.6745): IQR / 1.349 estimates sigma. */
    private static final double IQR_PER_SD = 1.3489795003921634;
    private final double[] center;
    private final double[] scale;
    /** Composition inputs turned into log-ratio coordinates before the affine part; null: none. */
    private final LogRatio logRatio;

    private Normalizer(double[] center, double[] scale) {
        this(center, scale, null);
    }

    private Normalizer(double[] center, double[] scale, LogRatio logRatio) {
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
        this.logRatio = logRatio;
    }

    /**
     * This affine scaling preceded by the log-ratio coordinates of composition inputs (null: none);
     * center and scale are then those of the coordinates.
     */
    public Normalizer withLogRatio(LogRatio lr) {
        return new Normalizer(center, scale, lr);
    }

    /** The composition inputs' log-ratio transform applied before the affine part, or null. */
    public LogRatio logRatio() {
        return logRatio;
    }

    /**
     * {@link #fit(NormalizationScheme, double[][], boolean[])} of the log-ratio coordinates of
     * {@code data} (null {@code lr}: of {@code data} itself); each group's zero slot stays unscaled.
     */
    public static Normalizer fit(NormalizationScheme scheme, double[][] data, boolean[] scaled, LogRatio lr) {
        if (lr == null) {
            return fit(scheme, data, scaled);
        }
        return fit(scheme, lr.apply(data), lr.scaledMask(scaled)).withLogRatio(lr);
    }

    /** What the affine part sees: the log-ratio coordinates of {@code data}, or {@code data} itself. */
    public double[][] transform(double[][] data) {
        return logRatio == null ? data : logRatio.apply(data);
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

    /**
     * Robust scaling on the columns where {@code scaled[j]} is true: center = median, scale =
     * IQR / 1.349 (the standard deviation for normal data, so that learning rates tuned for
     * standardised inputs still fit). When the IQR is 0 (over half the rows share a value) the
     * scale falls back to the standard deviation, and for a constant column to 1.
     */
    public static Normalizer robust(double[][] data, boolean[] scaled) {
        Normalizer sd = standardize(data, scaled);
        double[] c = new double[scaled.length];
        double[] s = sd.scale();
        for (int j = 0; j < scaled.length; j++) {
            if (!scaled[j] || data.length == 0) {
                continue;
            }
            double[] col = column(data, j);
            c[j] = Quantiles.median(col);
            double iqr = (Quantiles.of(col, 0.75) - Quantiles.of(col, 0.25)) / IQR_PER_SD;
            if (iqr > 1e-12 * Math.max(1, Math.abs(c[j]))) {
                s[j] = iqr;
            }
        }
        return new Normalizer(c, s);
    }

    /**
     * Min-max scaling of the columns where {@code scaled[j]} is true onto [-1, 1] (zero-centred, as
     * networks prefer): center = (min + max) / 2, scale = (max - min) / 2; a constant column gets
     * scale 1 and maps to 0.
     */
    public static Normalizer minMax(double[][] data, boolean[] scaled) {
        double[] c = new double[scaled.length];
        double[] s = new double[scaled.length];
        Arrays.fill(s, 1.0);
        for (int j = 0; j < scaled.length; j++) {
            if (!scaled[j] || data.length == 0) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : data) {
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
            c[j] = 0.5 * (lo + hi);
            double half = 0.5 * (hi - lo);
            s[j] = half > 1e-12 * Math.max(1, Math.abs(c[j])) ? half : 1.0;
        }
        return new Normalizer(c, s);
    }

    /**
     * The affine normaliser of {@code scheme} fitted on {@code data}; {@link NormalizationScheme#PER_DOMAIN}
     * gives the pooled standardisation (the per-domain part lives in {@link InputScaling}).
     */
    public static Normalizer fit(NormalizationScheme scheme, double[][] data, boolean[] scaled) {
        return switch (scheme) {
            case STANDARD, PER_DOMAIN -> standardize(data, scaled);
            case ROBUST -> robust(data, scaled);
            case MINMAX -> minMax(data, scaled);
        };
    }

    /** {@link #fit} on every column. */
    public static Normalizer fit(NormalizationScheme scheme, double[][] data) {
        boolean[] all = new boolean[data.length == 0 ? 0 : data[0].length];
        Arrays.fill(all, true);
        return fit(scheme, data, all);
    }

    private static double[] column(double[][] data, int j) {
        double[] col = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            col[i] = data[i][j];
        }
        return col;
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

    /** (v - center) / scale for every row (v: the log-ratio coordinates where the normaliser has them). */
    public double[][] apply(double[][] data) {
        data = transform(data);
        double[][] out = new double[data.length][center.length];
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < center.length; j++) {
                out[i][j] = (data[i][j] - center[j]) / scale[j];
            }
        }
        return out;
    }

    /**
     * center + scale * z for every row (means back to units); composition parts come back closed to
     * their training total.
     */
    public double[][] invert(double[][] z) {
        double[][] out = new double[z.length][center.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < center.length; j++) {
                out[i][j] = center[j] + scale[j] * z[i][j];
            }
        }
        return logRatio == null ? out : logRatio.invert(out);
    }

    /** scale * s for every row (standard deviations back to units; affine part only). */
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
