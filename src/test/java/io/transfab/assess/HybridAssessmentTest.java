package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
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
                .contains("tabularBaselinesUse").contains("\"shift\"");
        // And the report shows the learning curves, verdicts and parity plots of the tabular path
        String report = java.nio.file.Files.readString(out.resolve("report.html"));
        assertThat(report).contains("Learning curves").contains("Verdict").contains("hybrid-transfer")
                .contains("hybrid-scratch").contains("Whole-table resampling").contains("<svg")
                .contains("tabular columns (x1, x2)").contains("Does the source cover the target?");
        assertThat(o.shift().parameters()).extracting(p -> p.name()).containsExactly("x1", "x2");
    }

    @Test
    void groupKFoldKeepsEachBatchOnOneSideAndARecommendedHybridGetsAnImportanceComparison() throws Exception {
        // Given a target of 12 rows in 4 batches (a column the source does not have)
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 40, 8, 1));
        Table raw = CsvReader.read(HybridFixtures.imageTable(dir.resolve("t"), 12, 8, 2, 0.5));
        List<List<String>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < raw.rowCount(); i++) {
            batch.add(List.of("b" + (i % 4)));
        }
        Table target = raw.withColumns(List.of("batch"), batch);
        AssessmentRun.Settings s = new AssessmentRun.Settings(List.of("x1", "x2", "image", "profile"), List.of("y"),
                List.of("id"), List.of(6), 1,
                List.of(Method.HYBRID_TRANSFER, Method.HYBRID_SCRATCH), "group-kfold", 3, 1, "batch", 1, 1, 5);
        // When assessed with group k-fold by batch and only the hybrid methods
        HybridAssessment.Outcome o = HybridAssessment.run(source, target, null, s, TINY, TUNE, dir.resolve("out"),
                Progress.NONE);
        // Then every batch's rows are scored in one fold only: no batch sits on both sides of a split
        Table pred = CsvReader.read(dir.resolve("out/predictions.csv"));
        java.util.Map<String, java.util.Set<String>> foldsOfBatch = new java.util.HashMap<>();
        for (int i = 0; i < pred.rowCount(); i++) {
            if (pred.cell(i, pred.indexOf("phase")).equals("cv")) {
                int row = Integer.parseInt(pred.cell(i, pred.indexOf("row")));
                foldsOfBatch.computeIfAbsent(batch.get(row).get(0), k -> new java.util.HashSet<>())
                        .add(pred.cell(i, pred.indexOf("fold")));
            }
        }
        assertThat(foldsOfBatch).hasSize(4).allSatisfy((b, folds) -> assertThat(folds).hasSize(1));
        assertThat(o.units()).isEqualTo(1 + 3);
        // And the group column is no feature, and a hybrid is recommended, so its importance is compared
        assertThat(o.summary().recommended().isHybrid()).isTrue();
        assertThat(o.importance().parameters()).containsExactly("x1", "x2", "image", "profile");
        assertThat(o.importance().targets().get(0).spearman()).isBetween(-1.0, 1.0);
        String report = java.nio.file.Files.readString(dir.resolve("out/report.html"));
        assertThat(report).contains("Which parameters matter").contains("group-kfold by batch");
    }

    @Test
    void refusesTransferMethodsThatCannotReadImages() {
        // Given a table with images, when assess is asked for the tabular fine-tuning 'l2sp', then it says which can run
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 6, 8, 1));
        DataException e = assertThrows(DataException.class, () -> HybridAssessment.run(source,
                source, null, settings(List.of(Method.L2SP)), TINY, TUNE, dir.resolve("o"), Progress.NONE));
        assertThat(e.getMessage()).contains("l2sp").contains("hybrid-transfer");
    }
}
