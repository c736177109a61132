package io.transfab.model.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static io.transfab.testing.Approx.assertClose;

/**
 * Forward pass and DJL autograd gradients against PyTorch references
 * (src/test/resources/golden/mlp_golden.json, produced by mlp_golden.py.txt).
 */
class MlpGoldenTest {
    private static JsonNode golden;
    private static double[][] x;
    private static double[][] y;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = MlpGoldenTest.class.getResourceAsStream("/golden/mlp_golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        x = toFloatPrecision(matrix(golden.get("x")));
        y = toFloatPrecision(matrix(golden.get("y")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh_3_4_2", "silu_3_4_3_2", "gelu_3_4_2", "relu_3_4_2"})
    void forwardAndGradientsMatchPyTorch(String name) {
        // Given the fixed network of the golden case
        JsonNode c = golden.get("cases").get(name);
        MlpRegressor model = network(c);

        // When the Java forward pass and DJL's autograd run on the golden batch
        double[][] java = model.predict(x).mean();
        float[][] torch = MlpTrainer.torchForward(model, x);
        float[][] grads = MlpTrainer.lossGradients(model, x, y);

        // Then outputs, loss and every gradient match PyTorch to rtol 1e-5
        double[][] expected = matrix(c.get("output"));
        for (int r = 0; r < x.length; r++) {
            assertClose(java[r], expected[r], 1e-5, 1e-7, name + " java output row " + r);
            for (int o = 0; o < expected[r].length; o++) {
                assertClose(torch[r][o], expected[r][o], 1e-5, 1e-6, name + " djl output row " + r);
            }
        }
        assertClose(grads[grads.length - 1][0], c.get("loss").asDouble(), 1e-5, 0, name + " loss");
        JsonNode g = c.get("gradients");
        for (int l = 0; l < g.size(); l++) {
            double[] ew = flatten(matrix(g.get(l).get("weights")));
            double[] eb = vector(g.get(l).get("bias"));
            assertClose(widen(grads[2 * l]), ew, 1e-5, 1e-6, name + " dW" + l);
            assertClose(widen(grads[2 * l + 1]), eb, 1e-5, 1e-6, name + " db" + l);
        }
    }

    @Test
    void gradientsMatchCentralDifferencesOfTheJavaLoss() {
        // Given a random 3 -> 5 -> 4 -> 2 SiLU network
        MlpRegressor model = NnFixtures.randomNetwork(Activation.SILU, 17L, 3, 5, 4, 2);

        // When DJL's gradient is compared with central differences of the double-precision loss
        float[][] grads = MlpTrainer.lossGradients(model, x, y);
        double h = 1e-3;

        // Then every partial derivative agrees
        for (int l = 0; l <= model.hiddenLayerCount(); l++) {
            float[][] w = model.weights(l);
            for (int o = 0; o < w.length; o++) {
                for (int i = 0; i < w[o].length; i++) {
                    float keep = w[o][i];
                    w[o][i] = (float) (keep + h);
                    double up = loss(withLayer(model, l, w, model.bias(l)));
                    w[o][i] = (float) (keep - h);
                    double down = loss(withLayer(model, l, w, model.bias(l)));
                    w[o][i] = keep;
                    double step = ((float) (keep + h)) - ((float) (keep - h));
                    assertClose(grads[2 * l][o * w[o].length + i], (up - down) / step, 2e-3, 2e-5,
                            "dW" + l + "[" + o + "][" + i + "]");
                }
            }
        }
    }

    private static MlpRegressor withLayer(MlpRegressor model, int layer, float[][] w, float[] b) {
        List<float[][]> ws = new ArrayList<>();
        List<float[]> bs = new ArrayList<>();
        for (int l = 0; l <= model.hiddenLayerCount(); l++) {
            ws.add(l == layer ? w : model.weights(l));
            bs.add(l == layer ? b : model.bias(l));
        }
        return MlpRegressor.of(model.activation(), ws, bs);
    }

    private static double loss(MlpRegressor model) {
        double[][] p = model.predict(x).mean();
        double s = 0;
        for (int r = 0; r < p.length; r++) {
            for (int c = 0; c < p[r].length; c++) {
                double d = p[r][c] - y[r][c];
                s += d * d;
            }
        }
        return s / (p.length * p[0].length);
    }

    private static MlpRegressor network(JsonNode c) {
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (JsonNode layer : c.get("layers")) {
            double[][] m = matrix(layer.get("weights"));
            float[][] f = new float[m.length][m[0].length];
            for (int o = 0; o < m.length; o++) {
                for (int i = 0; i < m[o].length; i++) {
                    f[o][i] = (float) m[o][i];
                }
            }
            w.add(f);
            double[] v = vector(layer.get("bias"));
            float[] fb = new float[v.length];
            for (int o = 0; o < v.length; o++) {
                fb[o] = (float) v[o];
            }
            b.add(fb);
        }
        return MlpRegressor.of(Activation.valueOf(c.get("activation").asText()), w, b);
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = vector(rows.get(r));
        }
        return m;
    }

    private static double[] vector(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    /** The reference rounds its inputs to float32; so does this side. */
    private static double[][] toFloatPrecision(double[][] m) {
        for (double[] row : m) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) row[i];
            }
        }
        return m;
    }

    private static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
        }
        return out;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
