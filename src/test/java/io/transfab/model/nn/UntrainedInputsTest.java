package io.transfab.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Progress;
import io.transfab.testing.Approx;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UntrainedInputsTest {

    @Test
    void inputsThatAreZeroInEveryTrainingRowGetZeroWeights() {
        // Given training data whose third input is 0 in every row (constant in the source after standardising)
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = new double[60][3];
        double[][] y = new double[60][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            x[i][1] = rng.nextDouble(-1, 1);
            y[i][0] = x[i][0] - 0.5 * x[i][1];
        }
        MlpOptions o = new MlpOptions(List.of(8), Activation.TANH, new TrainingOptions(1e-2, 30, 0, 0, 0, 0, 1));
        // When a network is fitted
        MlpRegressor m = MlpTrainer.fit(x, y, o, 1, Progress.NONE);
        // Then no hidden unit listens to the silent input, the others are trained, and training rows predict as before
        for (float[] unit : m.weights(0)) {
            assertThat(unit[2]).isZero();
        }
        assertThat(m.weights(0)[0][0]).isNotZero();
        MlpRegressor raw = MlpTrainer.fitWithHistory(x, y, o, 1, Progress.NONE).model();
        Approx.assertClose(m.predict(x).mean(), raw.predict(x).mean(), 1e-12, 1e-12, "training rows");
    }
}
