package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.transfab.model.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Huber option. Golden values derived by hand with delta = 1.345 and the loss scaled to equal
 * r^2 inside the threshold: rho(0.5) = 0.25, rho(2) = 2 * 1.345 * 2 - 1.345^2 = 3.570975,
 * rho(-3) = 2 * 1.345 * 3 - 1.345^2 = 6.260975, mean 10.08195 / 3 = 3.36065; the derivative of the
 * mean is 2 clip(r, -1.345, 1.345) / 3 = (1/3, 2.69/3, -2.69/3).
 */
class LossTest {
    private static final float[] RESIDUALS = {0.5f, 2f, -3f};

    @Test
    void scalarHuberAndItsDerivativeMatchTheHandDerivation() {
        // Given the residuals 0.5, 2, -3
        // When the scalar loss and derivative are evaluated
        // Then they are the hand-derived values; the squared loss is r^2 and 2r
        assertClose(Loss.HUBER.of(0.5), 0.25, 1e-12, 0, "rho(0.5)");
        assertClose(Loss.HUBER.of(2), 3.570975, 1e-12, 0, "rho(2)");
        assertClose(Loss.HUBER.of(-3), 6.260975, 1e-12, 0, "rho(-3)");
        assertClose(Loss.HUBER.derivative(0.5), 1.0, 1e-12, 0, "rho'(0.5)");
        assertClose(Loss.HUBER.derivative(2), 2.69, 1e-12, 0, "rho'(2)");
        assertClose(Loss.HUBER.derivative(-3), -2.69, 1e-12, 0, "rho'(-3)");
        assertClose(Loss.SQUARED.of(-3), 9.0, 1e-12, 0, "r^2");
        assertClose(Loss.SQUARED.derivative(-3), -6.0, 1e-12, 0, "2r");
    }

    @Test
    void tensorHuberAndItsAutogradGradientMatchTheHandDerivation() {
        // Given predictions 0.5, 2, -3 against targets 0
        try (NDManager manager = Torch.newManager()) {
            NDArray prediction = Torch.owned(manager, RESIDUALS.clone(), new Shape(3, 1));
            prediction.setRequiresGradient(true);
            NDArray target = Torch.owned(manager, new float[3], new Shape(3, 1));
            NDArray delta = TorchMlp.delta(manager);

            // When the mean Huber loss is evaluated and differentiated by autograd
            float value;
            try (Torch.Collector collector = Torch.collect()) {
                NDArray loss = TorchMlp.meanLoss(Loss.HUBER, prediction, target, delta);
                collector.backward(loss);
                value = loss.getFloat();
            }
            float[] gradient = prediction.getGradient().toFloatArray();

            // Then both are the hand-derived values (float32)
            assertClose(value, 3.36065, 1e-6, 0, "mean Huber loss");
            assertClose(gradient[0], 1.0 / 3, 1e-6, 0, "d/dp0");
            assertClose(gradient[1], 2.69 / 3, 1e-6, 0, "d/dp1");
            assertClose(gradient[2], -2.69 / 3, 1e-6, 0, "d/dp2");
        }
    }

    @Test
    void networkGradientsOfTheHuberLossMatchCentralDifferences() {
        // Given a random network and targets far enough off that some residuals pass the threshold
        MlpRegressor model = NnFixtures.randomNetwork(Activation.TANH, 5L, 2, 4, 1);
        double[][] x = NnFixtures.uniform(12, 2, 6);
        double[][] y = new double[12][1];
        for (int r = 0; r < y.length; r++) {
            y[r][0] = (r % 3 == 0 ? 4.0 : 0.2) * (r % 2 == 0 ? 1 : -1);
        }

        // When the autograd gradient of the output bias is compared with central differences
        float[][] grads = MlpTrainer.lossGradients(model, x, y, Loss.HUBER);
        double h = 1e-3;
        float[] bias = model.bias(1);
        double[] numeric = new double[1];
        for (double sign : new double[] {1, -1}) {
            float[] shifted = {(float) (bias[0] + sign * h)};
            MlpRegressor m = model.withHead(model.weights(1), shifted);
            double[][] p = m.predict(x).mean();
            double mean = 0;
            for (int r = 0; r < x.length; r++) {
                mean += Loss.HUBER.of(p[r][0] - y[r][0]) / x.length;
            }
            numeric[0] += sign * mean / (2 * h);
        }

        // Then they agree
        assertClose(grads[3][0], numeric[0], 1e-3, 1e-5, "d huber / d b1");
    }

    @Test
    void huberFitIgnoresAGrossOutlierBetterThanTheSquaredFit() {
        // Given 20 rows of a smooth standardised response, one of them shifted by 8 standard deviations
        double[][] x = NnFixtures.uniform(20, 2, 21);
        double[][] clean = new double[20][1];
        for (int r = 0; r < 20; r++) {
            clean[r][0] = 0.8 * x[r][0] - 0.4 * x[r][1];
        }
        double[][] y = new double[20][];
        for (int r = 0; r < 20; r++) {
            y[r] = clean[r].clone();
        }
        y[7][0] += 8.0;
        TrainingOptions squared = new TrainingOptions(1e-2, 400, 0, 0.0, 0.0, 0.0, 1);
        MlpOptions options = new MlpOptions(List.of(4), Activation.TANH, squared);

        // When one network is fitted with each loss from the same seed
        MlpRegressor l2 = MlpTrainer.fit(x, y, options, 3L, Progress.NONE);
        MlpRegressor huber = MlpTrainer.fit(x, y, options.withTraining(squared.withLoss(Loss.HUBER)), 3L,
                Progress.NONE);

        // Then the Huber fit is closer to the 19 clean rows
        assertThat(cleanRmse(huber, x, clean)).isLessThan(cleanRmse(l2, x, clean));
    }

    @Test
    void theOldConstructorMeansSquaredErrorAndWithLossChangesOnlyTheLoss() {
        TrainingOptions old = new TrainingOptions(1e-3, 10, 0, 0, 0, 0, 1);
        assertEquals(Loss.SQUARED, old.loss());
        assertEquals(Loss.SQUARED, TrainingOptions.defaults().loss());
        TrainingOptions huber = old.withLoss(Loss.HUBER);
        assertEquals(Loss.HUBER, huber.loss());
        assertEquals(old, huber.withLoss(Loss.SQUARED));
        assertEquals(Loss.HUBER, huber.withMaxEpochs(20).loss());
        assertThrows(IllegalArgumentException.class, () -> old.withLoss(null));
    }

    private static double cleanRmse(MlpRegressor model, double[][] x, double[][] clean) {
        double[][] p = model.predict(x).mean();
        double sum = 0;
        int count = 0;
        for (int r = 0; r < x.length; r++) {
            if (r != 7) {
                sum += Math.pow(p[r][0] - clean[r][0], 2);
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }
}
