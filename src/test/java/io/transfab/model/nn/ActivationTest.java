package io.transfab.model.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.transfab.testing.Approx.assertClose;

class ActivationTest {

    /** Reference values from Python's math.erf (CPython 3, libm). */
    @ParameterizedTest
    @CsvSource({"0.1, 0.1124629160182849", "0.5, 0.5204998778130465", "1.0, 0.8427007929497149",
            "2.0, 0.9953222650189527", "3.0, 0.9999779095030014", "4.5, 0.9999999998033839",
            "5.9, 0.9999999999999999", "-0.7, -0.6778011938374184", "0.0, 0.0", "7.0, 1.0", "-9.0, -1.0"})
    void erfMatchesLibm(double x, double expected) {
        assertClose(Activation.erf(x), expected, 1e-14, 1e-16, "erf(" + x + ")");
    }

    @Test
    void activationsFollowTheirFormulas() {
        // Given a few pre-activations, when each activation applies, then the textbook values come out
        assertClose(Activation.RELU.apply(-1.5), 0.0, 0, 0, "relu(-1.5)");
        assertClose(Activation.RELU.apply(2.5), 2.5, 0, 0, "relu(2.5)");
        assertClose(Activation.TANH.apply(0.5), Math.tanh(0.5), 1e-15, 0, "tanh");
        assertClose(Activation.SILU.apply(1.0), 1.0 / (1.0 + Math.exp(-1.0)), 1e-15, 0, "silu(1)");
        assertClose(Activation.SILU.apply(-40.0), -40.0 * Math.exp(-40.0), 1e-12, 0, "silu(-40)");
        // gelu(1) = 0.5 * (1 + erf(1/sqrt 2)) = Phi(1)
        assertClose(Activation.GELU.apply(1.0), 0.8413447460685429, 1e-14, 0, "gelu(1)");
        assertClose(Activation.GELU.apply(-2.0), -2.0 * 0.022750131948179195, 1e-12, 0, "gelu(-2)");
    }
}
