package io.transfab.model.linear;

/**
 * The grid of penalties {@link RidgeRegressionTrainer} searches: {@code gridSize} values spaced
 * evenly in log10 from {@code minAlpha} to {@code maxAlpha}, both included. The
 * {@link #defaults()}, 1e-4..1e4 with 41 values (5 per decade), span from almost ordinary least
 * squares to almost the intercept alone on standardised inputs.
 */
public record RidgeOptions(double minAlpha, double maxAlpha, int gridSize) {
    public RidgeOptions {
        if (!(minAlpha > 0) || !(maxAlpha >= minAlpha) || Double.isInfinite(maxAlpha)) {
            throw new IllegalArgumentException("alphas must satisfy 0 < minAlpha <= maxAlpha < infinity, got ["
                    + minAlpha + ", " + maxAlpha + "]");
        }
        if (gridSize < 1) {
            throw new IllegalArgumentException("gridSize must be >= 1, got " + gridSize);
        }
        if ((gridSize == 1) != (minAlpha == maxAlpha)) {
            throw new IllegalArgumentException("a single alpha needs minAlpha == maxAlpha, and only a single alpha may");
        }
    }

    /** 41 penalties from 1e-4 to 1e4. */
    public static RidgeOptions defaults() {
        return new RidgeOptions(1e-4, 1e4, 41);
    }

    /** The penalty grid in ascending order (a fresh array). */
    public double[] alphas() {
        double[] a = new double[gridSize];
        if (gridSize == 1) {
            a[0] = minAlpha;
            return a;
        }
        double lo = Math.log10(minAlpha);
        double step = (Math.log10(maxAlpha) - lo) / (gridSize - 1);
        for (int k = 0; k < gridSize; k++) {
            a[k] = Math.pow(10, lo + k * step);
        }
        a[0] = minAlpha;
        a[gridSize - 1] = maxAlpha;
        return a;
    }
}
