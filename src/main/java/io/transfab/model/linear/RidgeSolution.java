package io.transfab.model.linear;

/**
 * One output's ridge model {@code y = intercept + coefficients . x}, the penalty it was fitted
 * with, and the mean squared leave-one-out error that chose that penalty (NaN where unknown).
 */
public record RidgeSolution(double alpha, double intercept, double[] coefficients, double leaveOneOutMse) {
    public RidgeSolution {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be positive and finite, got " + alpha);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite, got " + intercept);
        }
        if (coefficients == null || coefficients.length == 0) {
            throw new IllegalArgumentException("coefficients must have one entry per input");
        }
        coefficients = coefficients.clone();
        for (int d = 0; d < coefficients.length; d++) {
            if (!Double.isFinite(coefficients[d])) {
                throw new IllegalArgumentException("coefficients[" + d + "] is not finite: " + coefficients[d]);
            }
        }
    }

    /** A copy of the coefficients, one per input. */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** intercept + coefficients . x */
    double apply(double[] x) {
        double s = intercept;
        for (int d = 0; d < coefficients.length; d++) {
            s += coefficients[d] * x[d];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RidgeSolution r
                && Double.compare(alpha, r.alpha) == 0
                && Double.compare(intercept, r.intercept) == 0
                && Double.compare(leaveOneOutMse, r.leaveOneOutMse) == 0
                && java.util.Arrays.equals(coefficients, r.coefficients);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(alpha, intercept, java.util.Arrays.hashCode(coefficients), leaveOneOutMse);
    }

    @Override
    public String toString() {
        return "RidgeSolution[alpha=" + alpha + ", intercept=" + intercept + ", coefficients="
                + java.util.Arrays.toString(coefficients) + ", leaveOneOutMse=" + leaveOneOutMse + "]";
    }
}
