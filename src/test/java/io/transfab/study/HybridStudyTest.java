package io.transfab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Dataset;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/hybrid.md: one hybrid (default options) trained on 2000 rows of 64x64 images,
 * its wall time, and held-out R2 against a tabular-only MLP on 500 rows. Run with
 * {@code mvn test -Dtest=HybridStudyTest -DexcludedGroups=none}.
 */
@Tag("study")
class HybridStudyTest {
    @TempDir
    Path dir;

    @Test
    void hybridOn2000ImagesOf64x64() {
        Table all = CsvReader.read(HybridFixtures.imageTable(dir, 2500, 64, 2024));
        int[] tr = java.util.stream.IntStream.range(0, 2000).toArray();
        int[] te = java.util.stream.IntStream.range(2000, 2500).toArray();
        Table train = all.select(tr);
        Table test = all.select(te);
        Schema schema = Schema.infer(train, List.of("x1", "x2", "image", "profile"), List.of("y"), List.of());
        long t0 = System.nanoTime();
        HybridModel hybrid = HybridTrainer.fit(MediaDataset.of(train, schema), HybridOptions.defaults(), 1, 1,
                (task, done, total) -> System.out.printf("%s %d/%d at %.0f s%n", task, done, total,
                        (System.nanoTime() - t0) / 1e9));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Schema tab = Schema.infer(train, List.of("x1", "x2", "profile"), List.of("y"), List.of());
        Schema tabOnly = Schema.infer(train, List.of("x1", "x2"), List.of("y"), List.of());
        TrainedModel mlp = Training.fit(Dataset.of(train, tabOnly), MlpTrainer.trainer(MlpOptions.defaults()), 1, 1,
                Map.of(), Progress.NONE);
        double hybridR2 = r2(hybrid.predict(test), test);
        double mlpR2 = r2(mlp.predict(test), test);
        System.out.printf("hybrid: %.1f s on 2000 rows (%s), held-out R2 %.3f; tabular MLP (x1, x2) R2 %.3f%n",
                seconds, hybrid.details().get("parameters") + " parameters", hybridR2, mlpR2);
        assertThat(tab.hasMedia()).isTrue();
        assertThat(hybridR2).isGreaterThan(mlpR2);
    }

    private static double r2(Prediction p, Table t) {
        double[] y = new double[t.rowCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.number(i, t.indexOf("y"));
        }
        return Metrics.of(y, p.meanOf(0)).r2();
    }
}
