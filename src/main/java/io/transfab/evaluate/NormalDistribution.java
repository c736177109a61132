package io.transfab.evaluate;

/**
 * The standard normal distribution to full double precision: cdf, survival function, quantile
 * and log density. erfc uses its power series below 1 and its Laplace continued fraction
 * above (Abramowitz and Stegun 7.1.6 and 7.1.14), so tail probabilities keep their relative
 * accuracy; the quantile refines Acklam's rational approximation with Halley steps.
 */
public final class NormalDistribution {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalDistribution() {
    }

    /** P(Z <= z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** P(Z > z), accurate in the upper tail (no 1 - cdf cancellation). */
    public static double sf(double z) {
        return 0.5 * erfc(z / SQRT2);
    }

    /** log of the N(mean, sd^2) density at x: -log(sd sqrt(2 pi)) - (x - mean)^2 / (2 sd^2). */
    public static double logPdf(double x, double mean, double sd) {
        double u = (x - mean) / sd;
        return -LOG_SQRT_2PI - Math.log(sd) - 0.5 * u * u;
    }

    /**
     * The z with P(Z <= z) = p (scipy.special.ndtri): -Infinity at 0, +Infinity at 1, NaN outside
     * [0, 1] or for NaN.
     */
    public static double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        // 1 - p is exact for p >= 0.5 (Sterbenz), so the upper half reuses the accurate lower tail
        return p > 0.5 ? -lowerQuantile(1 - p) : lowerQuantile(p);
    }

    private static double lowerQuantile(double p) {
        double x = acklam(p);
        for (int i = 0; i < 3; i++) {
            double e = cdf(x) - p;
            double u = e * SQRT_2PI * Math.exp(0.5 * x * x);
            x = x - u / (1 + 0.5 * x * u);
        }
        return x;
    }

    /** Acklam's rational approximation (relative error below 1.2e-9) for 0 < p <= 0.5. */
    private static double acklam(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** Complementary error function erfc(x) = 1 - erf(x). */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 1.0) {
            return 1 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0; // below the smallest subnormal
        }
        return Math.exp(-x * x) / SQRT_PI * continuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1)); all terms positive. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double twoX2 = 2 * x * x;
        for (int n = 1; n < 200; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))) by the modified Lentz method. */
    private static double continuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            double ak = 0.5 * k;
            d = x + ak * d;
            d = d == 0 ? tiny : d;
            c = x + ak / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}
