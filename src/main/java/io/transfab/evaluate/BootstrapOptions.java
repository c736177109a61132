package io.transfab.evaluate;

/** Bootstrap settings: resample count B (at least 100), two-sided level in (0, 1), seed. */
public record BootstrapOptions(int resamples, double level, long seed) {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final double DEFAULT_LEVEL = 0.95;

    public BootstrapOptions {
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap needs at least 100 resamples; got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1); got " + level);
        }
    }

    /** 2000 resamples, 95 % level. */
    public static BootstrapOptions defaults(long seed) {
        return new BootstrapOptions(DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed);
    }
}
