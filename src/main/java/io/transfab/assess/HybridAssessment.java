package io.transfab.assess;

import io.transfab.data.AtomicOutput;
import io.transfab.data.Column;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.MediaDataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.ShiftDiagnostics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Json;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridAutoTune;
import io.transfab.model.nn.HybridFineTune;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.transfer.FineTuneOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code assess} workflow when the features include image or series columns. It compares the
 * hybrid network pre-trained on the source and fine-tuned on each target draw
 * ({@link Method#HYBRID_TRANSFER}, strategy freeze), the same network trained on the draw alone
 * ({@link Method#HYBRID_SCRATCH}), and tabular baselines (mlp, ridge, gp, xgboost) on the tabular
 * columns only. The last comparison answers "do the images and series help" on the same rows.
 * The draws, resampling, resumable store, statistics and verdicts are those of
 * {@link AssessmentRun}, including group k-fold. It writes what the tabular path writes: metrics.json,
 * predictions.csv, pretrained/, recommended/ and report.html, with the source coverage check on the
 * tabular parameters and, when a hybrid is recommended, the importance comparison with the image and
 * the series as one player each.
 */
public final class HybridAssessment {
    /** Methods that can run on a table with image or series columns. */
    static final Set<Method> ALLOWED = Set.of(Method.HYBRID_TRANSFER, Method.HYBRID_SCRATCH, Method.MLP, Method.RIDGE,
            Method.GP, Method.XGBOOST);
    /** Default methods when the features include images or series. */
    public static final List<Method> DEFAULT_METHODS = List.of(Method.HYBRID_TRANSFER, Method.HYBRID_SCRATCH,
            Method.GP, Method.RIDGE, Method.XGBOOST);

    private HybridAssessment() {
    }

    /** What the run produced. */
    /**
     * @param importance null when the recommended method is a tabular baseline (its players differ from the hybrid's)
     * @param shift      of the tabular parameters; null without tabular features
     */
    public record Outcome(Summary summary, ImportanceComparison importance, ShiftDiagnostics shift, int units,
            int resumedUnits, Map<String, Double> phaseSeconds) {
        public Outcome {
            phaseSeconds = Map.copyOf(phaseSeconds);
        }
    }

    /**
     * @param network  the hybrid network and its pre-training (HybridOptions.defaults() in the CLI)
     * @param fineTune optimiser settings of hybrid fine-tuning (scratch: twice the epochs, as {@code auto})
     */
    public static Outcome run(Table source, Table target, Table test, AssessmentRun.Settings s, HybridOptions network,
            TrainingOptions fineTune, Path out, Progress progress) throws IOException {
        return run(source, target, test, s, network, fineTune, OutputTarget.of(out, OutputKind.ASSESSMENT), progress);
    }

    /** As the {@code Path} variant, to a target the command checked before the work. */
    public static Outcome run(Table source, Table target, Table test, AssessmentRun.Settings s, HybridOptions network,
            TrainingOptions fineTune, OutputTarget output, Progress progress) throws IOException {
        Path out = output.path();
        String[] groupLabels = AssessmentRun.groupLabels(target, s.groups());
        Schema schema = Schema.infer(source, s.features(), s.targets(), AssessmentRun.ignoring(s, source));
        if (!schema.hasMedia()) {
            throw DataException.option("hybrid assessment needs image or series columns among the features");
        }
        for (Method m : s.methods()) {
            if (!ALLOWED.contains(m)) {
                throw DataException.option("--methods " + m.cliName() + " cannot run on image or series "
                        + "columns; with them choose from hybrid-transfer, hybrid-scratch, mlp, ridge, gp, xgboost");
            }
        }
        List<Column> tabular = schema.features().stream().filter(f -> !f.type().isMedia()).toList();
        boolean tabularMethods = s.methods().stream().anyMatch(m -> !m.isHybrid());
        if (tabularMethods && tabular.isEmpty()) {
            throw DataException.option("the tabular baselines need at least one tabular feature; "
                    + "use --methods hybrid-transfer,hybrid-scratch");
        }
        Schema tabSchema = tabular.isEmpty() ? null : new Schema(tabular, schema.targets());
        MediaDataset src = MediaDataset.of(source, schema);
        MediaDataset tgt = MediaDataset.of(target, schema);
        MediaDataset tst = test == null ? null : MediaDataset.of(test, schema);
        Dataset tgtTab = tabSchema == null ? null : Dataset.of(target, tabSchema);
        Dataset tstTab = tabSchema == null || test == null ? null : Dataset.of(test, tabSchema);
        List<Integer> sizes = new ArrayList<>();
        for (int size : s.sizes()) {
            int n = Math.min(size, tgt.size());
            if ((n < tgt.size() || tst != null) && !sizes.contains(n)) {
                sizes.add(n);
            }
        }
        List<Splits.Split> cv = Stats.resampling(s.protocol(), tgt.size(), s.folds(), s.cvRepeats(), groupLabels,
                Seeds.derive(s.seed(), "resampling"));
        int foldsPerRepeat = Stats.foldsPerRepeat(s.protocol(), tgt.size(), s.folds(), groupLabels);
        // Shift of the tabular parameters only: an image has no range to compare.
        ShiftDiagnostics shift = tabSchema == null || src.size() < 2 || tgt.size() < 2 ? null
                : ShiftDiagnostics.of(tabSchema.encodedNames(), src.tabular().x(), tgt.tabular().x(),
                        Seeds.derive(s.seed(), "shift"));

        Map<String, Double> phases = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        // The media hashes make a resume notice a changed image, which the table text does not show.
        String fingerprint = io.transfab.data.Hashing.sha256((AssessmentRun.fingerprint(s, source, target, test)
                + Json.toString(network) + Json.toString(fineTune) + src.sha256() + tgt.sha256()
                + (tst == null ? "" : tst.sha256())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path work = out.toAbsolutePath().resolveSibling(out.getFileName() + ".partial");
        UnitStore store = UnitStore.open(work, fingerprint);
        Path baseDir = store.directory().resolve("pretrained");
        HybridModel base;
        if (Files.exists(baseDir.resolve("model.json"))) {
            base = HybridModel.load(baseDir);
        } else {
            base = HybridTrainer.fit(src, network, s.ensemble(), Seeds.derive(s.seed(), "pretrain"),
                    (task, done, total) -> progress.update("pre-training on the source: " + task, done, total));
            base.save(baseDir);
        }
        t0 = lap(phases, "pretrain", t0);
        MethodTrainer tabTrainer = new MethodTrainer(null, io.transfab.model.nn.MlpOptions.defaults(),
                FineTuneOptions.defaults(), s.ensemble());
        Trainers trainers = new Trainers(base, tabTrainer, fineTune, s.ensemble());
        Assessment.Result result = Assessment.run(p -> {
            MediaDataset train = tgt.subset(p.train());
            MediaDataset scored = p.externalTest() ? tst : tgt.subset(p.test());
            int[] rows = p.externalTest() ? Assessment.range(tst.size()) : p.test();
            double[][] x = tabSchema == null ? null : (p.externalTest() ? tstTab : tgtTab.subset(p.test())).x();
            Dataset tabTrain = tabSchema == null ? null : tgtTab.subset(p.train());
            long unitSeed = Seeds.derive(s.seed(), p.key());
            List<SplitResult> results = new ArrayList<>();
            for (Method m : s.methods()) {
                long t = System.nanoTime();
                Prediction pred;
                double[][] raw = null; // hybrid models have no calibration: their std is their own
                if (m.isHybrid()) {
                    pred = trainers.hybrid(m, train, unitSeed).predict(scored, Progress.NONE);
                } else {
                    io.transfab.model.TrainedModel tm = trainers.tabular(m, tabTrain, unitSeed);
                    pred = tm.predictEncoded(x);
                    raw = tm.predictEncodedUncalibrated(x).std();
                }
                results.add(new SplitResult(p.phase(), p.size(), p.repeat(), p.fold(), m.cliName(), null, rows,
                        scored.tabular().y(), pred.mean(), pred.std(), (System.nanoTime() - t) / 1e9, raw));
            }
            return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results, List.of(), 0);
        }, s.methods().size(), tgt.size(), tst != null, sizes, s.repeats(), cv, foldsPerRepeat, s.jobs(), s.seed(),
                work, fingerprint, progress);
        t0 = lap(phases, "splits", t0);
        // the pre-registered comparator of hybrid-transfer is the same network without the source
        Method comparator = s.baseline() != null ? s.baseline()
                : s.methods().contains(Method.HYBRID_SCRATCH) ? Method.HYBRID_SCRATCH : null;
        Summary summary = Summary.of(result.units(), schema.targetNames(), tgt.tabular().y(), s.methods(), comparator,
                s.seed());
        Method best = summary.recommended();
        long recSeed = Seeds.derive(s.seed(), "recommended");
        HybridModel recHybrid = best.isHybrid() ? trainers.hybrid(best, tgt, recSeed) : null;
        TrainedModel recTab = best.isHybrid() ? null : trainers.tabular(best, tgtTab, recSeed);
        t0 = lap(phases, "recommended model", t0);
        ImportanceComparison importance = recHybrid == null ? null : ImportanceComparison.ofHybrid(recHybrid, target,
                base, source, s.seed(), (task, done, total) -> progress.update("importance rankings: " + task, done,
                        total));
        t0 = lap(phases, "importance rankings", t0);
        AssessmentReport.ModelInfo baseInfo = new AssessmentReport.ModelInfo(base.method(), base.provenance());
        AssessmentReport.ModelInfo recInfo = recHybrid != null
                ? new AssessmentReport.ModelInfo(recHybrid.method(), recHybrid.provenance())
                : AssessmentReport.ModelInfo.of(recTab);
        List<String> notes = reportNotes(tabular, best, shift);
        AtomicOutput.writeDirectory(output, dir -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("settings", s);
            settings.put("hybrid", Map.of("network", network, "fineTune", fineTune, "fineTuneStrategy", "freeze",
                    "tabularBaselinesUse", tabular.stream().map(Column::name).toList()));
            settings.put("source", Map.of("file", source.source(), "rows", source.rowCount(), "sha256",
                    source.sha256()));
            settings.put("target", Map.of("file", target.source(), "rows", target.rowCount(), "sha256",
                    target.sha256()));
            Map<String, Object> json = summary.toJson(settings);
            json.put("importance", importance);
            json.put("shift", shift);
            json.put("coverage", CoverageReport.toJson(CoverageReport.of(result.units(), schema.targetNames()),
                    schema.targetNames()));
            Json.write(dir.resolve("metrics.json"), json);
            CsvWriter.write(Summary.predictionsTable(result.units(), schema.targetNames()),
                    dir.resolve("predictions.csv"));
            if (recHybrid != null) {
                recHybrid.save(dir.resolve("recommended"));
            } else {
                recTab.save(dir.resolve("recommended"));
            }
            base.save(dir.resolve("pretrained"));
            AssessmentReport.of(summary, s, source, target, test, baseInfo, recInfo, importance, shift, notes)
                    .write(dir.resolve("report.html"));
        });
        AtomicOutput.deleteRecursively(work);
        lap(phases, "report and outputs", t0);
        return new Outcome(summary, importance, shift, result.units().size(), result.resumedUnits(), phases);
    }

    /** How each method is trained on a draw (the recommended model is trained the same way on all rows). */
    private record Trainers(HybridModel base, MethodTrainer tabular, TrainingOptions fineTune, int ensemble) {
        HybridModel hybrid(Method m, MediaDataset rows, long seed) {
            if (m == Method.HYBRID_TRANSFER) {
                return HybridTrainer.fineTune(base, rows, HybridFineTune.of("freeze", 1, 0.0, fineTune,
                        HybridFineTune.Rescale.ALL), seed,
                        Progress.NONE);
            }
            return HybridTrainer.fit(rows, HybridAutoTune.scratchOptions(base.architecture(), fineTune), ensemble,
                    seed, Progress.NONE);
        }

        TrainedModel tabular(Method m, Dataset rows, long seed) {
            return tabular.train(m, rows, seed, Progress.NONE).model();
        }
    }

    private static long lap(Map<String, Double> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1e9);
        return now;
    }

    /** The console summary of a hybrid assessment. */
    public static void printSummary(Outcome o, Path out, PrintStream ps) {
        AssessmentReport.printSummary(o.summary(), o.shift(), o.importance(), o.units(), o.resumedUnits(), out, ps);
    }

    /** What the report says beyond the tabular one: the methods, and why a section is missing. */
    private static List<String> reportNotes(List<Column> tabular, Method best, ShiftDiagnostics shift) {
        List<String> notes = new ArrayList<>();
        String cols = tabular.isEmpty() ? "none" : String.join(", ", tabular.stream().map(Column::name).toList());
        notes.add("The features include image or series columns. hybrid-transfer is the hybrid network (image and "
                + "series encoders with a tabular branch) pre-trained on the source and fine-tuned with 'freeze' on "
                + "each draw; hybrid-scratch is the same network trained on the draw alone. The tabular methods see "
                + "only the tabular columns (" + cols + "): hybrid-scratch against them shows whether the images and "
                + "series help; hybrid-transfer against hybrid-scratch whether the source helps.");
        if (shift == null) {
            notes.add("No source coverage check: it compares tabular parameters, and there are none.");
        } else {
            notes.add("The source coverage check below compares the tabular parameters only; images and series "
                    + "are not compared.");
        }
        if (!best.isHybrid()) {
            notes.add("No importance comparison: the recommended method " + best.cliName() + " sees the tabular "
                    + "columns only, so its rankings cannot be set against the hybrid's (run 'transfab explain' on "
                    + "pretrained/).");
        }
        return notes;
    }
}
