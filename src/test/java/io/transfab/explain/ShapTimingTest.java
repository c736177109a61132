package io.transfab.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall time of the yardstick: 200 rows of an 8-parameter, 5-member MLP ensemble
 * ([64, 64] SiLU, the defaults), exact mode, at several background sizes. Heavy: run with
 * {@code -DexcludedGroups=none -Dtest=ShapTimingTest}.
 */
@Tag("heavy")
class ShapTimingTest {
    @Test
    void explainsTwoHundredRowsOfAnEnsembleInSeconds() {
        // Given a 5-member MLP ensemble on 8 parameters and 3 targets (a few epochs: only speed matters)
        int p = 8;
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = new double[400][p];
        double[][] y = new double[400][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = rng.nextDouble();
            }
            y[i][0] = x[i][0] + x[i][1] * x[i][2];
            y[i][1] = Math.sin(3 * x[i][3]) + x[i][4];
            y[i][2] = x[i][5] - x[i][6] * x[i][7];
        }
        List<Column> features = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            features.add(Column.numeric("x" + j, ""));
        }
        Schema schema = new Schema(features, List.of(Column.numeric("a", ""), Column.numeric("b", ""),
                Column.numeric("c", "")));
        MlpOptions opts = MlpOptions.defaults();
        opts = opts.withTraining(opts.training().withMaxEpochs(3));
        TrainedModel model = Training.fit(Dataset.of(schema, x, y, "timing"), MlpTrainer.trainer(opts), 5, 1L,
                Map.of(), Progress.NONE);
        double[][] rows = java.util.Arrays.copyOf(x, 200);
        EncodedPredictor f = EncodedPredictor.of(model);
        f.predict(x); // warm-up
        ShapExplainer.of(f, Players.of(schema), schema.targetNames(), Background.sample(x, 10, 1L, "data"))
                .explain(java.util.Arrays.copyOf(x, 20), ShapOptions.defaults(), 1L, Progress.NONE);

        long t0 = System.nanoTime();
        f.predict(new double[100_000][p]);
        double perRow = (System.nanoTime() - t0) / 1e9 / 100_000;
        System.out.printf("predictEncoded, 5 x [64,64] ensemble: %.2f us per row%n", perRow * 1e6);
        // When explaining 200 rows with backgrounds of several sizes
        int auto = ExplainOptions.defaults().backgroundSizeFor(200, p);
        System.out.printf("automatic background size for 200 rows, 8 parameters: %d%n", auto);
        for (int threads : new int[] {1, 2}) {
            long s = System.nanoTime();
            ShapExplainer.of(f, Players.of(schema), schema.targetNames(), Background.sample(x, auto, 2L, "data"))
                    .explain(rows, ShapOptions.defaults().withThreads(threads), 1L, Progress.NONE);
            System.out.printf("exact, 200 rows, background %d, %d thread(s): %.2f s%n", auto, threads,
                    (System.nanoTime() - s) / 1e9);
        }
        for (int b : new int[] {25, 50}) {
            long s = System.nanoTime();
            ShapValues v = ShapExplainer.of(f, Players.of(schema), schema.targetNames(),
                    Background.sample(x, b, 2L, "data")).explain(rows, ShapOptions.defaults(), 1L, Progress.NONE);
            double sec = (System.nanoTime() - s) / 1e9;
            System.out.printf("exact, 200 rows, 8 players, background %d: %.2f s (%d model rows)%n", b, sec,
                    v.evaluations());
            assertTrue(v.maxAdditivityError() < 1e-9);
        }
    }
}
