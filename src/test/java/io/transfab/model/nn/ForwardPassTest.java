package io.transfab.model.nn;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transfab.model.Ensemble;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForwardPassTest {

    /** The row-at-a-time loop MlpRegressor.predict ran before the blocked pass (the reference). */
    private static double[] rowAtATime(MlpRegressor m, double[] x, int layers) {
        double[] h = x.clone();
        for (int l = 0; l < layers; l++) {
            float[][] w = m.weights(l);
            float[] b = m.bias(l);
            double[] out = new double[w.length];
            for (int o = 0; o < w.length; o++) {
                double z = b[o];
                for (int i = 0; i < w[o].length; i++) {
                    z += w[o][i] * h[i];
                }
                out[o] = l < m.hiddenLayerCount() ? m.activation().apply(z) : z;
            }
            h = out;
        }
        return h;
    }

    private static ForwardPass passOf(MlpRegressor m) {
        float[][][] w = new float[m.hiddenLayerCount() + 1][][];
        float[][] b = new float[w.length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = m.weights(l);
            b[l] = m.bias(l);
        }
        return ForwardPass.of(m.activation(), w, b);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void predictionsMatchTheRowAtATimeLoopOnRandomNetworks(Activation activation) {
        // Given networks whose widths are not multiples of the 4 x 4 tile, and row counts around the block size
        // (and layers on both sides of the SIMD path's threshold of 8 outputs, inputs not a multiple of 4)
        int[][] shapes = {{7, 64, 64, 1}, {3, 5, 2}, {10, 33, 17, 3}, {1, 4, 4, 4, 6}, {5, 8, 7, 9, 2}, {13, 8, 3}};
        int[] rowCounts = {1, 3, 4, 5, 63, 64, 65, 127, 129, 130};
        for (int s = 0; s < shapes.length; s++) {
            MlpRegressor model = NnFixtures.randomNetwork(activation, 11L + s, shapes[s]);
            for (int n : rowCounts) {
                double[][] x = NnFixtures.uniform(n, shapes[s][0], 5L + n);

                // When predicting with the blocked pass and embedding the last hidden layer
                double[][] fast = model.predict(x).mean();
                double[][] embedded = model.embed(x);

                // Then every value equals the row loop's to 1e-12 relative
                for (int r = 0; r < n; r++) {
                    String what = activation + " shape " + s + " n " + n + " row " + r;
                    assertClose(fast[r], rowAtATime(model, x[r], model.hiddenLayerCount() + 1), 1e-12, 1e-300, what);
                    assertClose(embedded[r], rowAtATime(model, x[r], model.hiddenLayerCount()), 1e-12, 1e-300,
                            what + " embedding");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SILU", "GELU"})
    void largeCallsAreBitIdenticalWithOneAndTwoThreads(Activation activation) {
        // Given a call large enough to be split into parallel tasks, with a ragged last task
        MlpRegressor model = NnFixtures.randomNetwork(activation, 3L, 7, 64, 64, 2);
        ForwardPass pass = passOf(model);
        int n = ForwardPass.PARALLEL_MIN_ROWS + ForwardPass.TASK_ROWS / 2 + 3;
        double[][] x = NnFixtures.uniform(n, 7, 9L);

        // When run on one thread, on two, and through predict (the common pool)
        double[][] one;
        double[][] two;
        ForkJoinPool single = new ForkJoinPool(1);
        ForkJoinPool pair = new ForkJoinPool(2);
        try {
            one = pass.apply(x, 3, single);
            two = pass.apply(x, 3, pair);
        } finally {
            single.shutdown();
            pair.shutdown();
        }
        double[][] viaPredict = model.predict(x).mean();

        // Then the three are bit-identical, and equal the row loop
        assertEquals(n, one.length);
        for (int r = 0; r < n; r++) {
            assertArrayEquals(one[r], two[r], 0.0, "row " + r);
            assertArrayEquals(one[r], viaPredict[r], 0.0, "row " + r);
        }
        for (int r = 0; r < n; r += 997) {
            assertClose(one[r], rowAtATime(model, x[r], 3), 1e-12, 1e-300, "row " + r);
        }
    }

    @Test
    void anEnsemblePredictsTheMeanOfItsMembersRowLoops() {
        // Given a 5-member ensemble of 7-64-64-3 networks of different activations and a call split into tasks
        Activation[] activations = {Activation.SILU, Activation.RELU, Activation.TANH, Activation.GELU, Activation.SILU};
        List<MlpRegressor> members = new ArrayList<>();
        for (int k = 0; k < activations.length; k++) {
            members.add(NnFixtures.randomNetwork(activations[k], 40L + k, 7, 64, 64, 3));
        }
        Ensemble ensemble = Ensemble.of(members);
        int n = ForwardPass.PARALLEL_MIN_ROWS + ForwardPass.BLOCK_ROWS + 1;
        double[][] x = NnFixtures.uniform(n, 7, 21L);

        // When the ensemble predicts every row in one call
        double[][] mean = ensemble.predict(x).mean();

        // Then each row's mean is the mean of the members' row-at-a-time outputs, to 1e-12 relative
        for (int r = 0; r < n; r += 7) {
            double[] expected = new double[3];
            for (MlpRegressor m : members) {
                double[] y = rowAtATime(m, x[r], 3);
                for (int t = 0; t < 3; t++) {
                    expected[t] += y[t];
                }
            }
            for (int t = 0; t < 3; t++) {
                expected[t] /= members.size();
            }
            assertClose(mean[r], expected, 1e-12, 1e-300, "row " + r);
        }
    }
}
