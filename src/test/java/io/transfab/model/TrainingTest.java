package io.transfab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.data.Dataset;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingTest {
    @Test
    void aGpsCalibrationRefitsDrawTheRefitStartsOnlyAndTheFullFitKeepsAll() {
        // Given 12 simulator rows and GP trainers with 10 restarts whose refits draw 10 or 3, and one with 3 in all
        Dataset d = ConformalCoverageTest.electrode(12, 5);
        GpOptions ten = GpOptions.defaults().withRestarts(10);
        TrainedModel allTen = fit(d, GaussianProcessTrainer.of(ten, 10));
        TrainedModel refitsThree = fit(d, GaussianProcessTrainer.of(ten, 3));
        TrainedModel allThree = fit(d, GaussianProcessTrainer.of(ten.withRestarts(3), 3));

        // When predicting probe rows
        double[][] probe = ConformalCoverageTest.electrode(3, 6).x();

        // Then the full fit is that of 10 restarts (same means, same own std) and the calibration that of 3-start refits
        Prediction a = allTen.predictEncodedUncalibrated(probe);
        Prediction b = refitsThree.predictEncodedUncalibrated(probe);
        for (int i = 0; i < probe.length; i++) {
            assertArrayEquals(a.mean()[i], b.mean()[i], 0.0, "mean row " + i);
            assertArrayEquals(a.std()[i], b.std()[i], 0.0, "std row " + i);
        }
        boolean startsMatter = false; // else the check below could not tell 3-start refits from 10-start ones
        for (int t = 0; t < d.schema().targets().size(); t++) {
            startsMatter |= !java.util.Arrays.equals(allTen.calibration().targets().get(t).sorted(),
                    allThree.calibration().targets().get(t).sorted());
            assertArrayEquals(allThree.calibration().targets().get(t).sorted(),
                    refitsThree.calibration().targets().get(t).sorted(), 0.0, "scores of target " + t);
        }
        assertEquals(allThree.calibration().source(), refitsThree.calibration().source());
        assertTrue(startsMatter, "10 and 3 restarts give the same refits on these rows");
    }

    private static TrainedModel fit(Dataset d, GaussianProcessTrainer trainer) {
        return Training.fit(d, trainer, 1, 42, Map.of(), Progress.NONE);
    }
}
