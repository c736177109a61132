package io.transfab.model.nn;

import io.transfab.model.Progress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wall times of the sizes the CLI demo uses; heavy, run on demand with -DexcludedGroups=none. */
@Tag("heavy")
class MlpTimingTest {

    @Test
    void reportsFitAndFineTuneTimes() {
        // Given 2000 rows x 10 inputs -> 3 targets and 20 target rows
        double[][] x = new double[2000][10];
        double[][] y = new double[2000][3];
        SplittableRandom rng = new SplittableRandom(1);
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < 10; c++) {
                x[r][c] = rng.nextGaussian();
            }
            y[r][0] = Math.sin(x[r][0]) + x[r][1] * x[r][1];
            y[r][1] = x[r][2] * x[r][3];
            y[r][2] = Math.tanh(x[r][4] + x[r][5]);
        }
        MlpOptions options = new MlpOptions(List.of(64, 64), Activation.RELU,
                new TrainingOptions(1e-3, 200, 64, 1e-4, 0.0, 0.0, 1));
        MlpTrainer.fit(x, y, options.withTraining(options.training().withMaxEpochs(5)), 1L, Progress.NONE); // warm-up

        // When fitting 200 epochs at batch 64, then fine-tuning 300 full-batch epochs on 20 rows
        long t0 = System.nanoTime();
        MlpRegressor base = MlpTrainer.fit(x, y, options, 7L, Progress.NONE);
        long t1 = System.nanoTime();
        double[][] xs = java.util.Arrays.copyOf(x, 20);
        double[][] ys = java.util.Arrays.copyOf(y, 20);
        MlpRegressor tuned = MlpTrainer.fineTune(base, xs, ys, FineTuneSpec.full(TrainingOptions.fineTuneDefaults()),
                3L, Progress.NONE);
        long t2 = System.nanoTime();
        MlpRegressor head = MlpTrainer.fineTune(base, xs, ys, FineTuneSpec.head(base, TrainingOptions.fineTuneDefaults()),
                3L, Progress.NONE);
        long t3 = System.nanoTime();
        MlpRegressor sp = MlpTrainer.fineTune(base, xs, ys, FineTuneSpec.anchored(0.01, TrainingOptions.fineTuneDefaults()),
                3L, Progress.NONE);
        long t4 = System.nanoTime();
        base.predict(x);
        long t5 = System.nanoTime();
        MlpTrainer.Outcome defaults = MlpTrainer.fitWithHistory(x, y, MlpOptions.defaults(), 7L, Progress.NONE);
        long t6 = System.nanoTime();
        int epochs = 0;
        while (epochs < defaults.trainLoss().length && !Double.isNaN(defaults.trainLoss()[epochs])) {
            epochs++;
        }

        // Then report
        System.out.printf("fit 2000x10 -> [64,64] -> 3, 200 epochs, batch 64: %.2f s%n", (t1 - t0) / 1e9);
        System.out.printf("fine-tune full, 20 rows, 300 epochs full batch: %.3f s%n", (t2 - t1) / 1e9);
        System.out.printf("fine-tune head, 20 rows, 300 epochs full batch: %.3f s%n", (t3 - t2) / 1e9);
        System.out.printf("fine-tune L2-SP, 20 rows, 300 epochs full batch: %.3f s%n", (t4 - t3) / 1e9);
        System.out.printf("predict 2000 rows: %.3f s%n", (t5 - t4) / 1e9);
        System.out.printf("fit with MlpOptions.defaults(): %.2f s, %d epochs (best %d)%n", (t6 - t5) / 1e9, epochs,
                defaults.bestEpoch() + 1);
        assertTrue((t1 - t0) / 1e9 < 30, "fit took over 30 s");
        assertTrue((t4 - t1) / 1e9 < 5, "three fine-tunes took over 5 s");
        assertTrue(tuned.outputCount() == 3 && head.outputCount() == 3 && sp.outputCount() == 3);
    }
}
