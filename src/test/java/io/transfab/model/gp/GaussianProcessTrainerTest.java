package io.transfab.model.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTrainerTest {
    @Test
    void largeFitsSideBySideGiveTheBitsOfFitsOneByOne() {
        // Given three fits of 64 rows or more (side by side) with few restarts
        GaussianProcessTrainer trainer = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(1));
        SplittableRandom r = new SplittableRandom(11);
        List<RegressorTrainer.FitTask> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = GaussianProcessTrainer.PARALLEL_MIN_ROWS + 3 * i;
            double[][] x = new double[n][2];
            double[][] y = new double[n][1];
            for (int k = 0; k < n; k++) {
                x[k][0] = r.nextDouble(-1, 1);
                x[k][1] = r.nextDouble(-1, 1);
                y[k][0] = Math.sin(2 * x[k][0]) + x[k][1] + 0.1 * r.nextGaussian();
            }
            tasks.add(new RegressorTrainer.FitTask(x, y, 5L + i));
        }

        // When they are fitted together and one by one
        List<Regressor> together = trainer.fitAll(tasks, Progress.NONE);

        // Then every GP has the same hyperparameters and predictions, in order
        assertEquals(tasks.size(), together.size());
        double[][] probe = {{0.1, -0.2}, {0.7, 0.3}};
        for (int i = 0; i < tasks.size(); i++) {
            RegressorTrainer.FitTask t = tasks.get(i);
            GaussianProcess alone = trainer.fit(t.x(), t.y(), t.seed(), Progress.NONE);
            GaussianProcess gp = (GaussianProcess) together.get(i);
            assertEquals(alone.hyperparameters(0), gp.hyperparameters(0), "fit " + i);
            assertArrayEquals(alone.predict(probe).mean()[1], gp.predict(probe).mean()[1], 0.0, "fit " + i);
        }
    }

    @Test
    void calibrationRefitsDrawFewerStartsWithTheSameBounds() {
        // Given the default trainer (10 restarts) and one configured with 2
        GaussianProcessTrainer full = GaussianProcessTrainer.withDefaults();
        GaussianProcessTrainer few = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(2));

        // When asking for the trainers of their calibration refits
        GaussianProcessTrainer refits = full.forCalibrationRefits();

        // Then the default's refits draw CALIBRATION_REFIT_RESTARTS starts in the same box, and a trainer
        // with fewer restarts than that refits with itself
        assertEquals(GpOptions.defaults().withRestarts(GaussianProcessTrainer.CALIBRATION_REFIT_RESTARTS),
                refits.options());
        assertSame(few, few.forCalibrationRefits());
        assertEquals(10, GaussianProcessTrainer.of(GpOptions.defaults(), 10).forCalibrationRefits().options().restarts());
        assertThrows(IllegalArgumentException.class, () -> GaussianProcessTrainer.of(GpOptions.defaults(), -1));
    }
}
