package io.transfab.model.nn;

import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTrainerTest {
    private static final MlpOptions SMALL = new MlpOptions(List.of(16, 16), Activation.TANH,
            new TrainingOptions(3e-3, 40, 32, 1e-4, 0.0, 0.0, 1));

    @Test
    void fitsASmoothNonlinearFunction() {
        // Given y = sin(x1) + x2^2 on 400 points of [-2, 2]^2, standardised as the caller would
        double[][] x = NnFixtures.uniform(400, 2, 1);
        double[][] y = NnFixtures.sinPlusSquare(x);
        double mean = 0;
        for (double[] row : y) {
            mean += row[0] / y.length;
        }
        double var = 0;
        for (double[] row : y) {
            var += Math.pow(row[0] - mean, 2) / y.length;
        }
        double sd = Math.sqrt(var);
        double[][] ys = new double[y.length][1];
        for (int r = 0; r < y.length; r++) {
            ys[r][0] = (y[r][0] - mean) / sd;
        }
        MlpOptions options = new MlpOptions(List.of(32, 32), Activation.SILU,
                new TrainingOptions(5e-3, 300, 32, 1e-4, 0.0, 0.15, 40));

        // When the network is trained
        MlpRegressor model = MlpTrainer.fit(x, ys, options, 11L, Progress.NONE);

        // Then it predicts held-out points well
        double[][] xt = NnFixtures.uniform(300, 2, 99);
        double[][] yt = NnFixtures.sinPlusSquare(xt);
        double[][] pred = model.predict(xt).mean();
        for (double[] row : pred) {
            row[0] = row[0] * sd + mean;
        }
        assertThat(NnFixtures.r2(pred, yt)).isGreaterThan(0.95);
    }

    @Test
    void trainingLossDecreases() {
        // Given a fixed problem
        double[][] x = NnFixtures.uniform(200, 3, 2);
        double[][] y = NnFixtures.twoTargets(x, 0.0);

        // When trained for a few epochs
        MlpTrainer.Outcome outcome = MlpTrainer.fitWithHistory(x, y, SMALL, 5L, Progress.NONE);

        // Then the last epoch's loss is well below the first and the curve goes down on average
        double[] loss = outcome.trainLoss();
        assertThat(loss[loss.length - 1]).isLessThan(0.5 * loss[0]);
        assertThat(loss[loss.length - 1]).isLessThan(loss[loss.length / 2]);
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        // Given mini-batches, dropout and early stopping, all of which draw random numbers
        double[][] x = NnFixtures.uniform(150, 3, 3);
        double[][] y = NnFixtures.twoTargets(x, 0.0);
        MlpOptions options = SMALL.withTraining(new TrainingOptions(3e-3, 30, 16, 1e-3, 0.2, 0.2, 5));

        // When trained twice with the same seed and once with another
        MlpRegressor a = MlpTrainer.fit(x, y, options, 42L, Progress.NONE);
        MlpRegressor b = MlpTrainer.fit(x, y, options, 42L, Progress.NONE);
        MlpRegressor c = MlpTrainer.fit(x, y, options, 43L, Progress.NONE);

        // Then the first two are bit-identical, the third is not
        for (int l = 0; l <= a.hiddenLayerCount(); l++) {
            assertTrue(NnFixtures.sameLayer(a, b, l), "layer " + l + " differs between equal seeds");
        }
        assertThat(NnFixtures.sameLayer(a, c, 0)).isFalse();
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // Given noisy data that a wide network will overfit
        double[][] x = NnFixtures.uniform(60, 3, 4);
        double[][] y = NnFixtures.twoTargets(x, 0.0);
        java.util.SplittableRandom noise = new java.util.SplittableRandom(8);
        for (double[] row : y) {
            row[0] += noise.nextGaussian();
            row[1] += noise.nextGaussian();
        }
        MlpOptions options = new MlpOptions(List.of(64, 64), Activation.RELU,
                new TrainingOptions(1e-2, 400, 8, 0.0, 0.0, 0.25, 10));

        // When trained with early stopping
        MlpTrainer.Outcome outcome = MlpTrainer.fitWithHistory(x, y, options, 6L, Progress.NONE);

        // Then it stopped early, the best epoch has the lowest validation loss, and a run cut at
        // that epoch ends with the same weights (the returned ones are the best, not the last)
        double[] val = outcome.validationLoss();
        int best = outcome.bestEpoch();
        int ran = 0;
        while (ran < val.length && !Double.isNaN(val[ran])) {
            ran++;
        }
        assertThat(ran).isLessThan(400);
        assertEquals(best + 10 + 1, ran);
        for (int e = 0; e < ran; e++) {
            assertThat(val[e]).isGreaterThanOrEqualTo(val[best]);
        }
        MlpRegressor cut = MlpTrainer.fit(x, y, options.withTraining(options.training().withMaxEpochs(best + 1)),
                6L, Progress.NONE);
        for (int l = 0; l <= cut.hiddenLayerCount(); l++) {
            assertTrue(NnFixtures.sameLayer(outcome.model(), cut, l), "layer " + l);
        }
    }

    @Test
    void withoutValidationTrainsAllEpochsAndReportsEach() {
        // Given no early stopping
        double[][] x = NnFixtures.uniform(50, 3, 5);
        double[][] y = NnFixtures.twoTargets(x, 0.0);
        List<int[]> updates = new ArrayList<>();
        List<String> tasks = new ArrayList<>();

        // When trained
        MlpTrainer.Outcome outcome = MlpTrainer.fitWithHistory(x, y, SMALL, 1L, (task, done, total) -> {
            tasks.add(task);
            updates.add(new int[] {done, total});
        });

        // Then every epoch ran and was reported, and the final weights are kept
        assertEquals(40, updates.size());
        assertArrayEquals(new int[] {40, 40}, updates.get(39));
        assertThat(tasks).containsOnly("mlp fit");
        assertEquals(39, outcome.bestEpoch());
        assertThat(outcome.trainLoss()).doesNotContain(Double.NaN);
    }

    @Test
    void trainingForwardPassAgreesWithPredict() {
        // Given a trained network
        double[][] x = NnFixtures.uniform(80, 3, 6);
        MlpRegressor model = MlpTrainer.fit(x, NnFixtures.twoTargets(x, 0.0), SMALL, 2L, Progress.NONE);

        // When the DJL float32 forward pass and the Java predict run on the same rows
        float[][] torch = MlpTrainer.torchForward(model, x);
        double[][] java = model.predict(x).mean();

        // Then they agree to float tolerance
        for (int r = 0; r < x.length; r++) {
            double[] t = new double[torch[r].length];
            for (int c = 0; c < t.length; c++) {
                t[c] = torch[r][c];
            }
            assertClose(t, java[r], 1e-5, 1e-5, "row " + r);
        }
    }

    @Test
    void adapterFitsTheRegressorTrainerInterface() {
        // Given the adapter
        RegressorTrainer trainer = MlpTrainer.trainer(SMALL);
        double[][] x = NnFixtures.uniform(40, 3, 7);
        double[][] y = NnFixtures.twoTargets(x, 0.0);

        // When fitting through it
        Regressor model = trainer.fit(x, y, 3L, Progress.NONE);

        // Then it is the same network as a direct fit
        assertEquals("mlp", trainer.kind());
        assertEquals("mlp", model.kind());
        MlpRegressor direct = MlpTrainer.fit(x, y, SMALL, 3L, Progress.NONE);
        assertTrue(NnFixtures.sameLayer((MlpRegressor) model, direct, 2));
    }

    @Test
    void stepsFollowTheAdamWUpdateWithAutogradGradients() {
        // Given a base network and 20 rows, trained full-batch for three steps with weight decay
        MlpRegressor base = NnFixtures.randomNetwork(Activation.TANH, 12L, 3, 6, 2);
        double[][] x = NnFixtures.uniform(20, 3, 12);
        double[][] y = NnFixtures.twoTargets(x, 0.3);
        for (double[][] m : new double[][][] {x, y}) {
            for (double[] row : m) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) row[c];
                }
            }
        }
        double lr = 1e-3;
        double wd = 0.5;
        int steps = 3;
        TrainingOptions options = new TrainingOptions(lr, steps, 0, wd, 0.0, 0.0, 1);

        // When the trainer runs, and a reference AdamW loop (Loshchilov & Hutter 2019, with DJL's
        // bias correction lr * sqrt(1 - b2^t) / (1 - b1^t)) runs on DJL's gradients of the same loss
        MlpRegressor trained = MlpTrainer.fineTune(base, x, y, FineTuneSpec.full(options), 1L, Progress.NONE);
        int layers = base.hiddenLayerCount() + 1;
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = base.weights(l);
            b[l] = base.bias(l);
        }
        double[][][] m = new double[2 * layers][][];
        double[][][] v = new double[2 * layers][][];
        for (int l = 0; l < layers; l++) {
            m[2 * l] = new double[w[l].length][w[l][0].length];
            v[2 * l] = new double[w[l].length][w[l][0].length];
            m[2 * l + 1] = new double[1][b[l].length];
            v[2 * l + 1] = new double[1][b[l].length];
        }
        MlpRegressor current = base;
        for (int t = 1; t <= steps; t++) {
            float[][] g = MlpTrainer.lossGradients(current, x, y);
            double correction = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int l = 0; l < layers; l++) {
                int cols = w[l][0].length;
                for (int o = 0; o < w[l].length; o++) {
                    for (int i = 0; i < cols; i++) {
                        double decayed = w[l][o][i] - lr * wd * w[l][o][i];
                        w[l][o][i] = (float) adam(decayed, g[2 * l][o * cols + i], m, v, 2 * l, o, i, correction);
                    }
                    b[l][o] = (float) adam(b[l][o], g[2 * l + 1][o], m, v, 2 * l + 1, 0, o, correction);
                }
            }
            current = MlpRegressor.of(base.activation(), java.util.Arrays.asList(w), java.util.Arrays.asList(b));
        }

        // Then every parameter moved as the reference says (to 0.5% of one step)
        for (int l = 0; l < layers; l++) {
            float[][] got = trained.weights(l);
            float[][] start = base.weights(l);
            for (int o = 0; o < got.length; o++) {
                for (int i = 0; i < got[o].length; i++) {
                    assertClose(got[o][i] - start[o][i], w[l][o][i] - start[o][i], 0, 5e-3 * lr,
                            "W" + l + "[" + o + "][" + i + "]");
                }
                assertClose(trained.bias(l)[o] - base.bias(l)[o], b[l][o] - base.bias(l)[o], 0, 5e-3 * lr,
                        "b" + l + "[" + o + "]");
            }
        }
    }

    /** One Adam moment update and step for a scalar parameter; state kept in m, v. */
    private static double adam(double w, double g, double[][][] m, double[][][] v, int p, int r, int c,
                               double correction) {
        m[p][r][c] = 0.9 * m[p][r][c] + 0.1 * g;
        v[p][r][c] = 0.999 * v[p][r][c] + 0.001 * g * g;
        return w - correction * m[p][r][c] / (Math.sqrt(v[p][r][c]) + 1e-8);
    }

    @Test
    void rejectsBadData() {
        double[][] x = NnFixtures.uniform(10, 2, 8);
        double[][] y = NnFixtures.sinPlusSquare(x);
        assertThrows(IllegalArgumentException.class,
                () -> MlpTrainer.fit(new double[0][], new double[0][], SMALL, 1L, Progress.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> MlpTrainer.fit(x, java.util.Arrays.copyOf(y, 9), SMALL, 1L, Progress.NONE));
        double[][] nan = NnFixtures.uniform(10, 2, 8);
        nan[3][1] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> MlpTrainer.fit(nan, y, SMALL, 1L, Progress.NONE));
        double[][] one = {{0.1, 0.2}};
        MlpOptions early = SMALL.withTraining(SMALL.training().withEarlyStopping(0.5, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MlpTrainer.fit(one, new double[][] {{1.0}}, early, 1L, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> MlpTrainer.trainer(null));
    }
}
