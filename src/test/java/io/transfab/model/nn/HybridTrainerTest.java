package io.transfab.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridTrainerTest {
    private static final List<String> FEATURES = List.of("x1", "x2", "image", "profile");
    private static final HybridOptions SMALL = new HybridOptions(List.of(6, 8), 8, 16, 16,
            new TrainingOptions(3e-3, 40, 16, 1e-4, 0.0, 0.0, 1));

    @TempDir
    static Path dir;
    static Table train;
    static Table test;
    static Schema schema;

    @BeforeAll
    static void data() {
        // 16x16 images whose bright-pixel share drives y: 160 training rows, 60 held-out rows
        Table all = CsvReader.read(HybridFixtures.imageTable(dir, 220, 16, 5));
        int[] tr = new int[160];
        int[] te = new int[60];
        for (int i = 0; i < 220; i++) {
            if (i < 160) {
                tr[i] = i;
            } else {
                te[i - 160] = i;
            }
        }
        train = all.select(tr);
        test = all.select(te);
        schema = Schema.infer(train, FEATURES, List.of("y"), List.of());
    }

    private static double r2(Prediction p, Table t) {
        double[] y = new double[t.rowCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.number(i, t.indexOf("y"));
        }
        return Metrics.of(y, p.meanOf(0)).r2();
    }

    @Test
    void learnsASignalThatIsOnlyInTheImageBetterThanATabularModel() {
        // Given a hybrid and a tabular-only MLP trained on the same rows
        HybridModel hybrid = HybridTrainer.fit(MediaDataset.of(train, schema), SMALL, 1, 3, Progress.NONE);
        Schema tabular = Schema.infer(train, List.of("x1", "x2"), List.of("y"), List.of());
        TrainedModel mlp = Training.fit(Dataset.of(train, tabular), MlpTrainer.trainer(MlpOptions.defaults()), 1, 3,
                Map.of(), Progress.NONE);
        // When both predict the held-out rows
        double hybridR2 = r2(hybrid.predict(test), test);
        double tabularR2 = r2(mlp.predict(test), test);
        // Then the hybrid explains most of the variance and the tabular model cannot
        assertThat(hybridR2).isGreaterThan(0.7);
        assertThat(hybridR2).isGreaterThan(tabularR2 + 0.4);
    }

    @Test
    void sameSeedSameModelAndSaveLoadKeepsPredictions(@TempDir Path out) throws Exception {
        // Given two short trainings of a 2-member ensemble with the same seed
        HybridOptions quick = SMALL.withTraining(SMALL.training().withMaxEpochs(3).withDropout(0.1)
                .withEarlyStopping(0.2, 2));
        MediaDataset d = MediaDataset.of(train, schema);
        HybridModel a = HybridTrainer.fit(d, quick, 2, 9, Progress.NONE);
        HybridModel b = HybridTrainer.fit(d, quick, 2, 9, Progress.NONE);
        // Then their parameters are bit-identical
        for (int k = 0; k < 2; k++) {
            Map<String, float[]> pb = b.members().get(k).parameters();
            a.members().get(k).parameters().forEach((name, v) -> assertThat(pb.get(name)).containsExactly(v));
        }
        // When one is saved and loaded
        a.save(out.resolve("m"));
        assertThat(HybridModel.isHybrid(out.resolve("m"))).isTrue();
        HybridModel loaded = HybridModel.load(out.resolve("m"));
        // Then it predicts exactly the same means and ensemble spreads, with provenance kept
        Prediction before = a.predict(test);
        Prediction after = loaded.predict(test);
        assertThat(after.mean()).isDeepEqualTo(before.mean());
        assertThat(after.std()).isDeepEqualTo(before.std());
        assertThat(before.std()[0][0]).isPositive();
        assertThat(loaded.provenance().dataSha256()).isEqualTo(d.sha256()).isNotEqualTo(train.sha256());
        assertThat(loaded.schema()).isEqualTo(schema);
    }

    @Test
    void trainingStreamsOneBatchOfImagesAtATime() {
        // Given a dataset of 160 image rows and batches of 16
        MediaDataset d = MediaDataset.of(train, schema);
        // When a hybrid trains 2 epochs on it
        HybridTrainer.fit(d, SMALL.withTraining(SMALL.training().withMaxEpochs(2)), 1, 1, Progress.NONE);
        // Then no more than one batch of decoded images was held at once, and every epoch re-read them
        assertThat(d.peakImagesHeld()).isLessThanOrEqualTo(16);
        assertThat(d.imagesDecoded()).isGreaterThanOrEqualTo(3L * 160);
    }

    @Test
    void freezeKeepsTheEncodersAndHeadRedrawsOnlyTheOutputLayer() {
        // Given a pre-trained hybrid and target rows of a shifted relation
        MediaDataset source = MediaDataset.of(train, schema);
        HybridModel base = HybridTrainer.fit(source, SMALL.withTraining(SMALL.training().withMaxEpochs(3)), 1, 2,
                Progress.NONE);
        Table shifted = CsvReader.read(HybridFixtures.imageTable(dir.resolve("target"), 20, 16, 8, 1.0));
        MediaDataset target = MediaDataset.of(shifted, schema);
        TrainingOptions ft = new TrainingOptions(1e-3, 5, 0, 0, 0, 0, 1);
        Map<String, float[]> before = base.members().get(0).parameters();
        // When fine-tuned with freeze and with head
        Map<String, float[]> frozen = HybridTrainer.fineTune(base, target, HybridFineTune.of("freeze", 1, 0, ft), 4,
                Progress.NONE).members().get(0).parameters();
        HybridModel headModel = HybridTrainer.fineTune(base, target, HybridFineTune.of("head", 1, 0, ft), 4,
                Progress.NONE);
        Map<String, float[]> head = headModel.members().get(0).parameters();
        // Then freeze left image and series encoders bit-identical and moved the rest
        before.forEach((name, v) -> {
            if (name.startsWith("image.") || name.startsWith("series.")) {
                assertThat(frozen.get(name)).as(name).containsExactly(v);
            }
        });
        assertThat(frozen.get("head.out.weight")).isNotEqualTo(before.get("head.out.weight"));
        assertThat(frozen.get("tabular.fc.weight")).isNotEqualTo(before.get("tabular.fc.weight"));
        // and head kept everything but the output layer
        before.forEach((name, v) -> {
            if (!name.startsWith("head.out.")) {
                assertThat(head.get(name)).as(name).containsExactly(v);
            }
        });
        assertThat(headModel.method()).isEqualTo("hybrid-finetune:head");
        assertThat(headModel.provenance().baseDataSha256()).isEqualTo(source.sha256());
    }

    @Test
    void targetNormalisationStoresTheTargetRowsStatisticsAndPredictsInUnits(@TempDir Path out) throws Exception {
        // Given a pre-trained hybrid and 20 target rows of a shifted relation
        HybridModel base = HybridTrainer.fit(MediaDataset.of(train, schema),
                SMALL.withTraining(SMALL.training().withMaxEpochs(3)), 1, 2, Progress.NONE);
        MediaDataset target = MediaDataset.of(CsvReader.read(HybridFixtures.imageTable(dir.resolve("tn"), 20, 16, 8,
                1.0)), schema);
        TrainingOptions ft = new TrainingOptions(1e-3, 20, 0, 0, 0, 0, 1);
        double[][] x = target.tabular().x();
        double[][] y = target.tabular().y();
        // When fine-tuned with the target rows' statistics (--normalize target) and with the source's (source)
        HybridModel all = HybridTrainer.fineTune(base, target,
                HybridFineTune.of("full", 1, 0, ft, HybridFineTune.Rescale.ALL), 4, Progress.NONE);
        HybridModel targets = HybridTrainer.fineTune(base, target,
                HybridFineTune.of("full", 1, 0, ft, HybridFineTune.Rescale.TARGETS), 4, Progress.NONE);
        // Then 'target' stores the target rows' mean and population sd for the numeric inputs and the targets
        for (int j = 0; j < 2; j++) { // x1, x2: the numeric tabular columns
            assertClose(all.scaling().tabular().center()[j], mean(x, j), 1e-12, 1e-12, "input mean");
            assertClose(all.scaling().tabular().scale()[j], sd(x, j), 1e-12, 1e-12, "input sd");
        }
        assertClose(all.scaling().targets().center()[0], mean(y, 0), 1e-12, 1e-12, "target mean");
        assertClose(all.scaling().targets().scale()[0], sd(y, 0), 1e-12, 1e-12, "target sd");
        assertThat(all.scaling().tabular().center()).isNotEqualTo(base.scaling().tabular().center());
        // and images and series keep the base's scaling
        assertThat(all.scaling().imageMean()).containsExactly(base.scaling().imageMean());
        assertThat(all.scaling().seriesStd()).containsExactly(base.scaling().seriesStd());
        // and 'source' keeps the base's input statistics but re-standardises the targets
        assertThat(targets.scaling().tabular().center()).containsExactly(base.scaling().tabular().center());
        assertClose(targets.scaling().targets().center()[0], mean(y, 0), 1e-12, 1e-12, "target mean (source)");
        // And the saved model predicts with the stored scaling, in the targets' units
        all.save(out.resolve("m"));
        HybridModel loaded = HybridModel.load(out.resolve("m"));
        Prediction p = loaded.predict(target, Progress.NONE);
        assertThat(p.mean()).isDeepEqualTo(all.predict(target, Progress.NONE).mean());
        assertThat(Math.abs(mean(p.mean(), 0) - mean(y, 0))).isLessThan(0.5 * sd(y, 0));
    }

    private static double mean(double[][] m, int j) {
        double s = 0;
        for (double[] r : m) {
            s += r[j];
        }
        return s / m.length;
    }

    private static double sd(double[][] m, int j) {
        double mu = mean(m, j);
        double s = 0;
        for (double[] r : m) {
            s += (r[j] - mu) * (r[j] - mu);
        }
        return Math.sqrt(s / m.length);
    }

    @Test
    void unknownStrategyIsAClearOptionError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HybridFineTune.of("auto", 1, 0, TrainingOptions.fineTuneDefaults()));
        assertThat(e.getMessage()).contains("auto").contains("full, freeze, head or l2sp");
    }
}
