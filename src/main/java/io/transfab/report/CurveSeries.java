package io.transfab.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One learning curve: at each training-set size {@code x} (number of target rows) the median score
 * and an interval {@code [lower, upper]} over repeats, drawn as a line with a shaded band. A NaN
 * median skips that point; a NaN bound draws no band there. Arrays are copied in and out.
 */
public record CurveSeries(String name, double[] x, double[] median, double[] lower, double[] upper) {
    public CurveSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        int n = x.length;
        if (median.length != n || lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("curve '" + name + "': x, median, lower, upper must have equal lengths, got "
                    + n + ", " + median.length + ", " + lower.length + ", " + upper.length);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("curve '" + name + "': x values must be finite, got " + v);
            }
        }
        x = x.clone();
        median = median.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** A curve without an interval band. */
    public static CurveSeries of(String name, double[] x, double[] median) {
        double[] nan = new double[median.length];
        Arrays.fill(nan, Double.NaN);
        return new CurveSeries(name, x, median, nan, nan);
    }

    /** A curve with a band from {@code lower} to {@code upper}. */
    public static CurveSeries of(String name, double[] x, double[] median, double[] lower, double[] upper) {
        return new CurveSeries(name, x, median, lower, upper);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] median() {
        return median.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveSeries c && name.equals(c.name) && Arrays.equals(x, c.x)
                && Arrays.equals(median, c.median) && Arrays.equals(lower, c.lower) && Arrays.equals(upper, c.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(median), Arrays.hashCode(lower),
                Arrays.hashCode(upper));
    }

    @Override
    public String toString() {
        return "CurveSeries[name=" + name + ", x=" + Arrays.toString(x) + ", median=" + Arrays.toString(median)
                + ", lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
