package io.transfab.workflow;

import io.transfab.accuracy.DemoComparison;
import io.transfab.assess.AssessmentRun;
import io.transfab.assess.Method;
import io.transfab.data.CsvWriter;
import io.transfab.data.Dataset;
import io.transfab.data.Numbers;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Json;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the demo computed, and how it is written and summarised. */
public final class DemoResult {
    /** Manufacturing parameters used as features. */
    public static final List<String> FEATURES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    /** Measured properties predicted. */
    public static final List<String> TARGETS = List.of("mass_loading_mg_cm2", "density_g_cm3", "porosity");

    /** One compared method: its name, model and test predictions. */
    record MethodResult(String name, String description, TrainedModel model, Prediction test,
            List<Metrics> metrics) {
    }

    final Table source;
    final Table targetTrain;
    final Table targetTest;
    final TrainedModel pretrained;
    final FineTuner.Selection selection;
    final List<MethodResult> methods;
    final long seed;
    final DemoComparison comparison;

    private DemoResult(Table source, Table targetTrain, Table targetTest, TrainedModel pretrained,
            FineTuner.Selection selection, List<MethodResult> methods, long seed, DemoComparison comparison) {
        this.comparison = comparison;
        this.source = source;
        this.targetTrain = targetTrain;
        this.targetTest = targetTest;
        this.pretrained = pretrained;
        this.selection = selection;
        this.methods = List.copyOf(methods);
        this.seed = seed;
    }

    public static DemoResult run(int sourceRows, int targetRows, int testRows, int ensemble, long seed, Progress progress) {
        Table source = ElectrodeSimulator.of(Chemistry.NMC).simulate(sourceRows, Seeds.derive(seed, "source"));
        Table target = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(targetRows + testRows,
                Seeds.derive(seed, "target"));
        Splits.Split split = Splits.trainTest(target.rowCount(), targetRows, Seeds.derive(seed, "split"));
        Table train = target.select(split.train());
        Table test = target.select(split.test());

        Schema schema = Schema.infer(source, FEATURES, TARGETS, List.of());
        Dataset src = Dataset.of(source, schema);
        Dataset tgt = Dataset.of(train, schema);
        Dataset tst = Dataset.of(test, schema);

        MlpOptions netOptions = MlpOptions.defaults();
        TrainedModel pretrained = Training.fit(src, MlpTrainer.trainer(netOptions), ensemble,
                Seeds.derive(seed, "pretrain"), Map.of("options", netOptions), wrap(progress, "pre-train on NMC"));
        FineTuner.Result transfer = FineTuner.fineTune(pretrained, tgt, FineTuneOptions.defaults(),
                Seeds.derive(seed, "finetune"), wrap(progress, "fine-tune"));
        MlpOptions scratchOptions = FineTuner.scratchOptions(netOptions, FineTuneOptions.defaults());
        TrainedModel scratch = Training.fit(tgt, MlpTrainer.trainer(scratchOptions), ensemble,
                Seeds.derive(seed, "scratch"), Map.of("options", scratchOptions), wrap(progress, "from-scratch MLP"));
        TrainedModel gp = Training.fit(tgt, GaussianProcessTrainer.withDefaults(), 1,
                Seeds.derive(seed, "gp"), Map.of(), wrap(progress, "Gaussian process"));

        List<MethodResult> methods = new ArrayList<>();
        methods.add(method("transfer (auto: " + transfer.selection().chosen() + ")",
                "pre-trained on " + sourceRows + " NMC rows, fine-tuned on " + targetRows + " Si-graphite rows",
                transfer.model(), tst));
        methods.add(method("MLP from scratch", "same architecture, trained on the " + targetRows + " rows only",
                scratch, tst));
        methods.add(method("Gaussian process", "Matern 5/2 with one length scale per parameter, on the "
                + targetRows + " rows", gp, tst));
        return new DemoResult(source, train, test, pretrained, transfer.selection(), methods, seed,
                DemoComparison.run(seed, wrap(progress, "real table")));
    }

    private static Progress wrap(Progress p, String phase) {
        return (task, done, total) -> p.update(phase + ": " + task, done, total);
    }

    private static MethodResult method(String name, String description, TrainedModel model, Dataset test) {
        Prediction p = model.predictEncoded(test.x());
        double[][] y = test.y();
        List<Metrics> metrics = new ArrayList<>();
        for (int t = 0; t < y[0].length; t++) {
            double[] measured = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                measured[i] = y[i][t];
            }
            metrics.add(Metrics.of(measured, p.meanOf(t)));
        }
        return new MethodResult(name, description, model, p, metrics);
    }

    /** Writes data, models, predictions, metrics and the report into {@code dir}. */
    public void write(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        CsvWriter.write(source, data.resolve("source-nmc.csv"));
        CsvWriter.write(targetTrain, data.resolve("target-si-graphite-train.csv"));
        CsvWriter.write(targetTest, data.resolve("target-si-graphite-test.csv"));
        Path models = Files.createDirectories(dir.resolve("models"));
        pretrained.save(models.resolve("pretrained-nmc"));
        String[] dirs = {"transfer", "scratch-mlp", "gp"};
        for (int m = 0; m < methods.size(); m++) {
            methods.get(m).model().save(models.resolve(dirs[m]));
        }
        CsvWriter.write(predictionTable(), dir.resolve("predictions.csv"));
        Json.write(dir.resolve("metrics.json"), metricsJson());
        DemoReport.of(this).write(dir.resolve("report.html"));
    }

    /** The assessment part of the demo: learning curves on the 20 target rows, scored on the test rows. */
    static AssessmentRun.Settings assessmentSettings(int targetRows, int ensemble, long seed) {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 5; n < targetRows; n *= 2) {
            sizes.add(n);
        }
        sizes.add(Integer.MAX_VALUE);
        return new AssessmentRun.Settings(FEATURES, TARGETS, List.of(), sizes, 8, List.of(Method.MLP, Method.GP,
                Method.FULL, Method.L2SP, Method.TRANSFER_GP), "kfold", 5, 1, null, Math.min(ensemble, 3),
                Runtime.getRuntime().availableProcessors(), Seeds.derive(seed, "assess"));
    }

    /** Runs the assessment into {@code dir}/assessment, reusing the pre-trained ensemble. */
    public AssessmentRun.Outcome assess(Path dir, int ensemble, Progress progress) throws IOException {
        return AssessmentRun.run(source, targetTrain, targetTest, assessmentSettings(targetTrain.rowCount(), ensemble,
                seed), dir.resolve("assessment"), pretrained, progress);
    }

    /** Test rows with every method's predictions. */
    Table predictionTable() {
        List<String> names = new ArrayList<>();
        String[] keys = {"transfer", "scratch_mlp", "gp"};
        for (int m = 0; m < methods.size(); m++) {
            for (String t : TARGETS) {
                names.add(t + "_pred_" + keys[m]);
                names.add(t + "_std_" + keys[m]);
            }
        }
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < targetTest.rowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (MethodResult mr : methods) {
                for (int t = 0; t < TARGETS.size(); t++) {
                    row.add(Numbers.format(mr.test().mean()[i][t]));
                    row.add(Numbers.format(mr.test().std()[i][t]));
                }
            }
            values.add(row);
        }
        return targetTest.withColumns(names, values);
    }

    Map<String, Object> metricsJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", seed);
        root.put("source", Map.of("chemistry", "nmc", "rows", source.rowCount()));
        root.put("target", Map.of("chemistry", "si-graphite", "trainRows", targetTrain.rowCount(), "testRows",
                targetTest.rowCount()));
        root.put("features", FEATURES);
        root.put("targets", TARGETS);
        Map<String, Object> ms = new LinkedHashMap<>();
        for (MethodResult mr : methods) {
            Map<String, Object> perTarget = new LinkedHashMap<>();
            for (int t = 0; t < TARGETS.size(); t++) {
                perTarget.put(TARGETS.get(t), mr.metrics().get(t));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", mr.description());
            entry.put("modelMethod", mr.model().method());
            entry.put("metrics", perTarget);
            ms.put(mr.name(), entry);
        }
        root.put("methods", ms);
        root.put("autoSelection", selection);
        root.put("realTableComparison", comparison.json());
        return root;
    }

    /** The summary the CLI prints: a blank line, the setup, auto's choice, test R2 per method and target, the files. */
    public List<String> summary(Path out) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format("Demo: NMC source (%d rows) -> silicon-graphite target (%d training rows, %d test rows)",
                source.rowCount(), targetTrain.rowCount(), targetTest.rowCount()));
        lines.add("auto chose '" + selection.chosen() + "': " + selection.reason());
        StringBuilder header = new StringBuilder(String.format("%-28s", "test R2"));
        for (String t : TARGETS) {
            header.append(String.format("%22s", t));
        }
        lines.add(header.toString());
        for (MethodResult mr : methods) {
            StringBuilder row = new StringBuilder(String.format("%-28s", mr.name()));
            for (Metrics m : mr.metrics()) {
                row.append(String.format("%22.3f", m.r2()));
            }
            lines.add(row.toString());
        }
        lines.addAll(comparison.lines());
        lines.add("Report: " + out.resolve("report.html") + "   metrics: " + out.resolve("metrics.json"));
        return lines;
    }
}
