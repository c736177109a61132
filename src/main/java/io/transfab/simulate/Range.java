package io.transfab.simulate;

/** A closed interval {@code [min, max]} of a manufacturing parameter, with {@code min < max}. */
public record Range(double min, double max) {
    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range bounds must be finite numbers, got [" + min + ", " + max + "]");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("range needs min < max, got [" + min + ", " + max + "]");
        }
    }

    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    /** Whether {@code x} lies in the closed interval (NaN does not). */
    public boolean contains(double x) {
        return x >= min && x <= max;
    }

    /** The point at relative position {@code u} in [0, 1]: {@code min + u (max - min)}. */
    public double at(double u) {
        return min + u * (max - min);
    }

    /** Whether the two intervals share no point. */
    public boolean disjointFrom(Range other) {
        return max < other.min || other.max < min;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
