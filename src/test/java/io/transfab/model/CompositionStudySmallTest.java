package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.testing.CathodeCompositions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized part of {@link CompositionStudyTest}: 20 rows of the ratio response, seeds 1-3. The
 * study measured raw R2 0.776 / 0.344 / 0.776 and ilr 0.822 / 0.926 / 0.816 for these seeds.
 */
class CompositionStudySmallTest {
    @Test
    void logRatioCoordinatesBeatRawFractionsOnTheRatioResponseAtTwentyRows() {
        double[][] r2 = new double[2][3];
        for (int seed = 1; seed <= 3; seed++) {
            // Given the plate's training and test rows
            Dataset train = CathodeCompositions.rows(20, seed);
            Dataset test = CathodeCompositions.rows(300, 1000 + seed);
            LogRatio lr = Compositions.detect(train.schema(), train.x()).logRatio();
            for (int v = 0; v < 2; v++) {
                // When a GP is trained on raw fractions and on ilr coordinates
                TrainedModel m = Training.fit(train, NormalizationScheme.STANDARD, null, null, v == 0 ? null : lr,
                        GaussianProcessTrainer.withDefaults(), 1, seed, Map.of(), Progress.NONE);
                r2[v][seed - 1] = Metrics.of(CompositionStudyTest.column(test.y()),
                        CompositionStudyTest.column(m.predictEncoded(test.x()).mean())).r2();
            }
        }
        // Then the study's values come back and ilr's median is higher
        io.transfab.testing.Approx.assertClose(r2[0], new double[] {0.776, 0.344, 0.776}, 0, 0.005, "raw");
        io.transfab.testing.Approx.assertClose(r2[1], new double[] {0.822, 0.926, 0.816}, 0, 0.005, "ilr");
        assertThat(CompositionStudyTest.median(r2[1])).isGreaterThan(CompositionStudyTest.median(r2[0]));
    }
}
