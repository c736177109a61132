package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** assess with image and series columns: hybrid transfer and scratch against tabular baselines. */
class HybridAssessmentTest {
    private static final HybridOptions TINY = new HybridOptions(List.of(4, 6), 6, 8, 8,
            new TrainingOptions(3e-3, 15, 16, 1e-4, 0.0, 0.0, 1));
    private static final TrainingOptions TUNE = new TrainingOptions(1e-3, 8, 32, 0.0, 0.0, 0.0, 1);

    @TempDir
    Path dir;

    private AssessmentRun.Settings settings(List<Method> methods) {
        return new AssessmentRun.Settings(List.of("x1", "x2", "image", "profile"), List.of("y"), List.of(),
                List.of(8), 2, methods, "kfold", 3, 1, null, 1, 1, 5);
    }

    @Test
    void comparesHybridTransferScratchAndTabularBaselinesOnTheSameDraws() throws Exception {
        // Given a source of 60 rows and a target of 14 rows with 8x8 images (the image carries most of y)
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 60, 8, 1));
        Table target = CsvReader.read(HybridFixtures.imageTable(dir.resolve("t"), 14, 8, 2, 0.5));
        List<Method> methods = HybridAssessment.DEFAULT_METHODS;
        // When assessed with draws of 8 rows (2 repeats) and a 3-fold resampling, with very few epochs
        HybridAssessment.Outcome o = HybridAssessment.run(source, target, null, settings(methods), TINY, TUNE,
                dir.resolve("out"), Progress.NONE);
        // Then every method is scored on every split: 2 draws + 3 folds
        assertThat(o.units()).isEqualTo(5);
        assertThat(o.summary().methods()).containsExactlyElementsOf(methods);
        assertThat(o.summary().curves().get(8)).containsKeys(Method.HYBRID_TRANSFER, Method.HYBRID_SCRATCH,
                Method.GP, Method.RIDGE, Method.XGBOOST);
        assertThat(o.summary().recommended()).isIn(methods);
        // And the outputs are written: metrics, predictions, the pre-trained and the recommended model
        Path out = dir.resolve("out");
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("pretrained/model.json")).exists();
        assertThat(out.resolve("recommended/model.json")).exists();
        Table pred = CsvReader.read(out.resolve("predictions.csv"));
        assertThat(pred.rowCount()).isPositive();
        assertThat(java.nio.file.Files.readString(out.resolve("metrics.json"))).contains("hybrid-transfer")
                .contains("tabularBaselinesUse");
    }

    @Test
    void refusesTransferMethodsThatCannotReadImages() {
        // Given a table with images, when assess is asked for the tabular fine-tuning 'l2sp', then it says which can run
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 6, 8, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HybridAssessment.run(source,
                source, null, settings(List.of(Method.L2SP)), TINY, TUNE, dir.resolve("o"), Progress.NONE));
        assertThat(e.getMessage()).contains("l2sp").contains("hybrid-transfer");
    }
}
