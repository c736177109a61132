package io.transfab.model.nn;

import io.transfab.model.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpRegressorTest {

    @Test
    void saveAndLoadGiveBitIdenticalPredictions(@TempDir Path dir) throws IOException {
        // Given a network with awkward float values (subnormal, tiny, large, negative zero)
        MlpRegressor model = NnFixtures.randomNetwork(Activation.GELU, 3L, 4, 7, 5, 2);
        float[][] head = model.weights(2);
        head[0][0] = Float.MIN_VALUE;
        head[0][1] = -0.0f;
        head[1][0] = 1.2345679e-30f;
        head[1][1] = 3.4e38f / 1e30f;
        model = model.withHead(head, model.bias(2));
        double[][] x = NnFixtures.uniform(50, 4, 1);

        // When saved and loaded
        model.save(dir);
        MlpRegressor loaded = MlpRegressor.load(dir);

        // Then every weight and every prediction is bit-identical
        assertTrue(Files.exists(dir.resolve("mlp.json")));
        for (int l = 0; l <= model.hiddenLayerCount(); l++) {
            assertTrue(NnFixtures.sameLayer(model, loaded, l), "layer " + l);
        }
        double[][] a = model.predict(x).mean();
        double[][] b = loaded.predict(x).mean();
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], 0.0, "row " + r);
        }
        assertEquals(Activation.GELU, loaded.activation());
    }

    @Test
    void loadRejectsForeignOrNewerFiles(@TempDir Path dir) throws IOException {
        MlpRegressor model = NnFixtures.randomNetwork(Activation.TANH, 3L, 2, 3, 1);
        model.save(dir);
        String json = Files.readString(dir.resolve("mlp.json"));
        Files.writeString(dir.resolve("mlp.json"), json.replace("\"version\" : 1", "\"version\" : 99"));
        IOException newer = assertThrows(IOException.class, () -> MlpRegressor.load(dir));
        assertThat(newer.getMessage()).contains("version 99");
        Files.writeString(dir.resolve("mlp.json"), "{\"format\": \"other\"}");
        assertThrows(IOException.class, () -> MlpRegressor.load(dir));
    }

    @Test
    void predictGivesMeansWithoutUncertainty() {
        // Given a 3 -> 4 -> 2 network
        MlpRegressor model = NnFixtures.randomNetwork(Activation.RELU, 1L, 3, 4, 2);

        // When predicting
        Prediction p = model.predict(new double[][] {{0.1, 0.2, 0.3}, {1, -1, 0}});

        // Then the shapes are right and std is NaN
        assertEquals(2, p.rows());
        assertEquals(2, p.mean()[0].length);
        assertTrue(Double.isNaN(p.std()[1][1]));
        assertEquals("mlp", model.kind());
        assertEquals(3, model.inputCount());
        assertEquals(2, model.outputCount());
        assertThrows(IllegalArgumentException.class, () -> model.predict(new double[][] {{1, 2}}));
    }

    @Test
    void predictFollowsTheLayerFormula() {
        // Given a 1 -> 2 -> 1 ReLU network written by hand
        MlpRegressor model = MlpRegressor.of(Activation.RELU,
                List.of(new float[][] {{2f}, {-1f}}, new float[][] {{0.5f, 3f}}),
                List.of(new float[] {0f, 1f}, new float[] {0.25f}));

        // When predicting x = 1.5: h = relu([3, -0.5]) = [3, 0]; y = 0.5 * 3 + 0.25
        double y = model.predict(new double[][] {{1.5}}).mean()[0][0];

        // Then
        assertClose(y, 1.75, 1e-12, 0, "y");
        assertClose(model.embed(new double[][] {{1.5}})[0], new double[] {3, 0}, 1e-12, 0, "embedding");
    }

    @Test
    void embedReturnsTheLastHiddenLayer() {
        // Given a 3 -> 8 -> 5 -> 2 network
        MlpRegressor model = NnFixtures.randomNetwork(Activation.SILU, 2L, 3, 8, 5, 2);
        double[][] x = NnFixtures.uniform(7, 3, 2);

        // When embedding
        double[][] e = model.embed(x);

        // Then there is one row of 5 features per input row, and the head applied to them is predict
        assertEquals(7, e.length);
        assertEquals(5, e[0].length);
        float[][] w = model.weights(2);
        float[] b = model.bias(2);
        double[][] p = model.predict(x).mean();
        for (int r = 0; r < 7; r++) {
            for (int o = 0; o < 2; o++) {
                double z = b[o];
                for (int i = 0; i < 5; i++) {
                    z += w[o][i] * e[r][i];
                }
                assertClose(z, p[r][o], 1e-12, 1e-12, "head(embed) row " + r);
            }
        }
    }

    @Test
    void accessorsReturnCopies() {
        MlpRegressor model = NnFixtures.randomNetwork(Activation.TANH, 4L, 2, 3, 1);
        float before = model.weights(0)[0][0];
        model.weights(0)[0][0] = 99f;
        model.bias(1)[0] = 99f;
        assertEquals(before, model.weights(0)[0][0]);
        assertThat(model.bias(1)[0]).isNotEqualTo(99f);
        assertEquals(1, model.hiddenLayerCount());
        assertEquals(3, model.layerSize(0));
        assertThrows(IndexOutOfBoundsException.class, () -> model.weights(2));
    }

    @Test
    void ofRejectsInconsistentLayers() {
        float[][] w0 = {{1f, 2f}, {3f, 4f}, {5f, 6f}};
        float[] b0 = {0f, 0f, 0f};
        assertThrows(IllegalArgumentException.class,
                () -> MlpRegressor.of(Activation.RELU, List.<float[][]>of(w0), List.<float[]>of(b0)));
        assertThrows(IllegalArgumentException.class, () -> MlpRegressor.of(Activation.RELU,
                List.of(w0, new float[][] {{1f, 2f}}), List.of(b0, new float[] {0f})));
        assertThrows(IllegalArgumentException.class, () -> MlpRegressor.of(Activation.RELU,
                List.of(w0, new float[][] {{1f, 2f, 3f}}), List.of(new float[] {0f}, new float[] {0f})));
        assertThrows(IllegalArgumentException.class, () -> MlpRegressor.of(Activation.RELU,
                List.of(w0, new float[][] {{1f, Float.NaN, 3f}}), List.of(b0, new float[] {0f})));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void djlForwardMatchesJavaForEveryActivation(Activation activation) {
        // Given a random 3 -> 6 -> 4 -> 2 network
        MlpRegressor model = NnFixtures.randomNetwork(activation, 5L, 3, 6, 4, 2);
        double[][] x = NnFixtures.uniform(20, 3, 5);

        // When both forward passes run
        float[][] torch = MlpTrainer.torchForward(model, x);
        double[][] java = model.predict(x).mean();

        // Then they agree to float precision
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < 2; c++) {
                assertClose(torch[r][c], java[r][c], 1e-5, 1e-6, activation + " row " + r);
            }
        }
    }
}
