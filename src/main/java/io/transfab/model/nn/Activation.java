package io.transfab.model.nn;

/**
 * Hidden-layer nonlinearity of an {@link MlpRegressor}. The scalar {@link #apply(double)} is the
 * exact function the network computes; training evaluates the same function with PyTorch ops.
 */
public enum Activation {
    /**
     * max(0, z), NaN for NaN as torch's relu. Math.max rather than a comparison because the JIT
     * compiles it without a branch: random signs made the comparison a mispredicted branch, 10x slower.
     */
    RELU,
    /** tanh(z). */
    TANH,
    /** z * sigmoid(z) (SiLU / swish-1; Elfwing, Uchibe &amp; Doya 2018). */
    SILU,
    /** z * Phi(z) with the exact normal CDF (Hendrycks &amp; Gimpel 2016; torch's default GELU). */
    GELU;

    /** The activation of one pre-activation value {@code z}. */
    public double apply(double z) {
        return switch (this) {
            case RELU -> Math.max(z, 0.0);
            case TANH -> Math.tanh(z);
            case SILU -> z / (1.0 + Math.exp(-z));
            case GELU -> 0.5 * z * (1.0 + erf(z / Math.sqrt(2.0)));
        };
    }

    /**
     * Error function to about 1e-15: the all-positive series
     * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
     * (Abramowitz &amp; Stegun 7.1.6), which has no cancellation; |x| >= 6 gives +-1 in double precision.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6.0) {
            return Math.copySign(1.0, x);
        }
        double term = ax;
        double sum = ax;
        double x2 = ax * ax;
        for (int n = 1; n < 500; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        double r = 2.0 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
        return Math.copySign(Math.min(r, 1.0), x);
    }
}
