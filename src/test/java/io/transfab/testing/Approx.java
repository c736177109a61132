package io.transfab.testing;

import static org.assertj.core.api.Assertions.fail;

/**
 * The one float comparison of the test suite: |actual - expected| <= atol + rtol * |expected|,
 * as numpy.isclose. Use it instead of exact equality for every floating-point result.
 */
public final class Approx {
    private Approx() {
    }

    public static void assertClose(double actual, double expected, double rtol, double atol, String what) {
        double tol = atol + rtol * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= tol)) { // NaN fails
            fail("%s: expected %s but was %s (|diff| %s > tol %s)", what, expected, actual,
                    Math.abs(actual - expected), tol);
        }
    }

    public static void assertClose(double[] actual, double[] expected, double rtol, double atol, String what) {
        if (actual.length != expected.length) {
            fail("%s: length %d != %d", what, actual.length, expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            assertClose(actual[i], expected[i], rtol, atol, what + "[" + i + "]");
        }
    }

    public static void assertClose(double[][] actual, double[][] expected, double rtol, double atol, String what) {
        if (actual.length != expected.length) {
            fail("%s: rows %d != %d", what, actual.length, expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            assertClose(actual[i], expected[i], rtol, atol, what + "[" + i + "]");
        }
    }
}
