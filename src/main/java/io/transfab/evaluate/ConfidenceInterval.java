package io.transfab.evaluate;

/** A two-sided confidence interval [lower, upper] at {@code level}; bounds are NaN when undefined. */
public record ConfidenceInterval(double lower, double upper, double level) {
    public ConfidenceInterval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1); got " + level);
        }
    }

    /** True when both bounds are numbers. */
    public boolean defined() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
