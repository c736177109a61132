package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import io.transfab.model.Json;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentTest {
    private static final List<String> FEATURES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    private static Table source;
    private static Table target;

    @BeforeAll
    static void tables() {
        source = ElectrodeSimulator.of(Chemistry.NMC).simulate(250, 1);
        Table t = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(18, 2);
        List<List<String>> batch = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            batch.add(List.of("B" + (i % 6)));
        }
        target = t.withColumns(List.of("batch"), batch);
    }

    private static AssessmentRun.Settings settings(String protocol, String groups) {
        return new AssessmentRun.Settings(FEATURES, List.of("density_g_cm3"), List.of(), List.of(6, 12), 2,
                List.of(Method.RIDGE, Method.GP, Method.FULL, Method.TRANSFER_GP), protocol, 3, 1, groups, 1, 2, 7);
    }

    @Test
    void writesMetricsPredictionsReportAndARecommendedModel(@TempDir Path dir) throws Exception {
        // Given a source, a small target with batches, and group k-fold by batch
        Path out = dir.resolve("assess");
        // When assessing
        AssessmentRun.Outcome o = AssessmentRun.run(source, target, null, settings("group-kfold", "batch"), out,
                (t, d, n) -> { });
        // Then every output is there and the recommended model predicts the target table
        assertThat(out.resolve("report.html")).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("Learning curves").contains("Verdict");
        var json = Json.read(out.resolve("metrics.json"));
        assertThat(json.path("format").asText()).isEqualTo("transfab-assessment");
        assertThat(json.path("learningCurve")).hasSize(2);
        assertThat(json.at("/learningCurve/0/methods/gp/density_g_cm3/r2/median").isNumber()).isTrue();
        assertThat(json.at("/learningCurve/0/verdicts/0/verdict").asText()).isIn("TRANSFER_HELPS",
                "NO_SIGNIFICANT_DIFFERENCE", "NEGATIVE_TRANSFER");
        // And the comparator was chosen inside each draw among the non-transfer methods, the verdict
        // uses the corrected t-test with Holm over the sizes and the resampling
        assertThat(json.at("/learningCurve/0/verdicts/0/method").asText()).isEqualTo("transfer-gp");
        var choices = json.at("/learningCurve/0/comparatorChoices/density_g_cm3");
        assertThat(choices.fieldNames()).toIterable().isSubsetOf("ridge", "gp");
        int draws = 0;
        for (var c : choices) {
            draws += c.asInt();
        }
        assertThat(draws).isEqualTo(2);
        assertThat(json.at("/verdictTesting/adjustment").asText()).isEqualTo("holm");
        assertThat(json.at("/verdictTesting/family").asInt()).isEqualTo(3);
        assertThat(json.at("/resamplingVerdicts/0/test").asText()).isEqualTo(Verdicts.TEST);
        assertThat(json.at("/resamplingVerdicts/0/adjustedPValue").asDouble())
                .isGreaterThanOrEqualTo(json.at("/resamplingVerdicts/0/pValue").asDouble());
        assertThat(json.at("/resampling/ridge/density_g_cm3/intervals/rmse")).hasSize(2);
        assertThat(json.at("/recommended/method").asText()).isEqualTo(o.summary().recommended().cliName());
        assertThat(json.at("/importance/targets/0/spearman").asDouble()).isBetween(-1.0, 1.0);
        assertThat(json.at("/importance/parameters")).hasSize(FEATURES.size());
        TrainedModel rec = TrainedModel.load(out.resolve("recommended"));
        Prediction p = rec.predict(target);
        assertThat(p.rows()).isEqualTo(target.rowCount());
        Table preds = CsvReader.read(out.resolve("predictions.csv"));
        assertThat(preds.names()).containsExactly("phase", "train_size", "repeat", "fold", "method", "row", "target",
                "measured", "predicted", "std");
        assertThat(o.units()).isEqualTo(2 * 2 + 3);
        assertThat(out.resolveSibling("assess.partial")).doesNotExist();
    }

    @Test
    void withoutASourceTheNonTransferMethodsAreComparedByGroupResampling(@TempDir Path dir) throws Exception {
        // Given only the target with its batches, two non-transfer methods and group 3-fold by batch
        Path out = dir.resolve("nosource");
        AssessmentRun.Settings s = new AssessmentRun.Settings(FEATURES, List.of("density_g_cm3"), List.of(),
                List.of(Integer.MAX_VALUE), 2, List.of(Method.RIDGE, Method.GP), "group-kfold", 3, 1, "batch", 1, 2,
                7, null);
        // When assessing without a source
        AssessmentRun.Outcome o = AssessmentRun.run(null, target, null, s, out, (t, d, n) -> { });
        // Then the resampling compares the pair, nothing was pre-trained and no curve was drawn
        var json = Json.read(out.resolve("metrics.json"));
        assertThat(json.path("source").isMissingNode()).isTrue();
        assertThat(json.path("learningCurve")).isEmpty();
        assertThat(json.at("/resamplingVerdicts/0/method").asText()).isEqualTo("ridge");
        assertThat(json.at("/resamplingVerdicts/0/comparator").asText()).isEqualTo("gp");
        assertThat(json.at("/resamplingVerdicts/0/verdict").asText()).isIn("BETTER", "WORSE",
                "NO_SIGNIFICANT_DIFFERENCE");
        assertThat(json.at("/resamplingVerdicts/0/splits").asInt()).isEqualTo(3);
        assertThat(out.resolve("pretrained")).doesNotExist();
        assertThat(Files.readString(out.resolve("report.html"))).contains("Which method is better?");
        assertThat(o.units()).isEqualTo(3);
        // And transfer methods are refused without a source
        AssessmentRun.Settings transfer = new AssessmentRun.Settings(FEATURES, List.of("density_g_cm3"), List.of(),
                List.of(6), 2, List.of(Method.GP, Method.L2SP), "kfold", 3, 1, null, 1, 2, 7);
        assertThrows(io.transfab.data.DataException.class, () -> AssessmentRun.run(null, target, null, transfer,
                dir.resolve("refused"), (t, d, n) -> { }));
    }

    @Test
    void aNamedBaselineIsAddedToTheMethodsAndMustNotUseTheSource() {
        // When --baseline names a method missing from --methods, or a transfer method
        AssessmentRun.Settings s = new AssessmentRun.Settings(FEATURES, List.of("y"), List.of(), List.of(6), 2,
                List.of(Method.L2SP), "kfold", 3, 1, null, 1, 1, 7, Method.XGBOOST);
        // Then it is added; a transfer method or a combination containing one is refused
        assertThat(s.methods()).containsExactly(Method.L2SP, Method.XGBOOST);
        for (Method m : List.of(Method.TRANSFER_GP, Method.L2SP, Method.HYBRID_SCRATCH)) {
            assertThrows(io.transfab.data.DataException.class, () -> new AssessmentRun.Settings(FEATURES, List.of("y"),
                    List.of(), List.of(6), 2, List.of(Method.L2SP), "kfold", 3, 1, null, 1, 1, 7, m));
        }
    }

    @Test
    void groupKFoldNeverSplitsABatch() {
        String[] groups = new String[target.rowCount()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = target.cell(i, target.indexOf("batch"));
        }
        for (Splits.Split s : Stats.resampling("group-kfold", groups.length, 3, 1, groups, 3)) {
            Set<String> train = new HashSet<>();
            for (int i : s.train()) {
                train.add(groups[i]);
            }
            for (int i : s.test()) {
                assertThat(train).doesNotContain(groups[i]);
            }
        }
    }

    @Test
    void aSecondRunResumesFinishedSplits(@TempDir Path dir) throws Exception {
        // Given the work directory of an interrupted run (simulated: the units of a run with the same settings)
        AssessmentRun.Settings s = settings("kfold", null);
        Path work = dir.resolve("w");
        var schema = io.transfab.data.Schema.infer(source, FEATURES, List.of("density_g_cm3"), List.of());
        var tgt = io.transfab.data.Dataset.of(target, schema);
        var base = io.transfab.model.Training.fit(io.transfab.data.Dataset.of(source, schema),
                io.transfab.model.nn.MlpTrainer.trainer(io.transfab.model.nn.MlpOptions.defaults()), 1, 1,
                java.util.Map.of(), (t, d, n) -> { });
        MethodTrainer trainer = new MethodTrainer(base, io.transfab.model.nn.MlpOptions.defaults(),
                io.transfab.transfer.FineTuneOptions.defaults(), 1);
        List<Splits.Split> cv = Stats.resampling("kfold", tgt.size(), 3, 1, null, 5);
        Assessment.Result first = Assessment.run(trainer, s.methods(), null, tgt, null, List.of(6), 2, cv, 3, 2, 7, work,
                "fp", (t, d, n) -> { });
        // When the same command runs again
        Assessment.Result second = Assessment.run(trainer, s.methods(), null, tgt, null, List.of(6), 2, cv, 3, 2, 7, work,
                "fp", (t, d, n) -> { });
        // Then nothing is redone and the results are identical; other settings start afresh
        assertThat(first.resumedUnits()).isZero();
        assertThat(second.resumedUnits()).isEqualTo(5);
        assertThat(Json.toString(second.units())).isEqualTo(Json.toString(first.units()));
        Assessment.Result other = Assessment.run(trainer, s.methods(), null, tgt, null, List.of(6), 2, cv, 3, 2, 7, work,
                "other", (t, d, n) -> { });
        assertThat(other.resumedUnits()).isZero();
    }

    @Test
    void aRunKilledAfterPretrainingResumesToTheBytesOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        // Given an uninterrupted run, and a run with the same settings stopped once pre-training is saved
        AssessmentRun.Settings s = new AssessmentRun.Settings(FEATURES, List.of("density_g_cm3"), List.of(),
                List.of(6), 1, List.of(Method.RIDGE, Method.FULL), "kfold", 3, 1, null, 1, 1, 7);
        Path whole = dir.resolve("whole");
        AssessmentRun.run(source, target, null, s, whole, (t, d, n) -> { });
        Path resumed = dir.resolve("resumed");
        assertThrows(IllegalStateException.class, () -> AssessmentRun.run(source, target, null, s, resumed,
                (t, d, n) -> {
                    if (!t.startsWith("pre-training")) {
                        throw new IllegalStateException("stopped after pre-training");
                    }
                }));
        assertThat(dir.resolve("resumed.partial").resolve("pretrained").resolve("model.json")).exists();
        // When the stopped run is run again, reading the pre-trained model from resumed.partial/
        AssessmentRun.run(source, target, null, s, resumed, (t, d, n) -> { });
        // Then predictions.csv and metrics.json (its timing field aside) are the uninterrupted run's bytes
        assertThat(Files.readString(resumed.resolve("predictions.csv")))
                .isEqualTo(Files.readString(whole.resolve("predictions.csv")));
        assertThat(metricsWithoutTiming(resumed)).isEqualTo(metricsWithoutTiming(whole));
    }

    private static String metricsWithoutTiming(Path out) throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                out.resolve("metrics.json").toFile());
        root.remove("trainingSeconds");
        return Json.MAPPER.writeValueAsString(root);
    }

    @Test
    void spearmanOfIdenticalAndReversedRankings() {
        int[] a = ImportanceComparison.rankOf(new int[] {2, 0, 1, 3});
        assertThat(a).containsExactly(2, 3, 1, 4);
        io.transfab.testing.Approx.assertClose(ImportanceComparison.spearman(a, a), 1.0, 0, 1e-12, "rho");
        int[] reversed = ImportanceComparison.rankOf(new int[] {3, 1, 0, 2});
        io.transfab.testing.Approx.assertClose(ImportanceComparison.spearman(a, reversed), -1.0, 0, 1e-12, "rho");
    }

    @Test
    void unknownMethodOrProtocolIsAClearError() {
        assertThrows(DataException.class, () -> Method.fromCliName("svm"));
        assertThrows(DataException.class, () -> Stats.resampling("bootstrap", 10, 3, 1, null, 1));
        assertThrows(DataException.class, () -> Stats.resampling("group-kfold", 10, 3, 1, null, 1));
    }
}
