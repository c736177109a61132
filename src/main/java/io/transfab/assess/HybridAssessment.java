package io.transfab.assess;

import io.transfab.data.AtomicOutput;
import io.transfab.data.Column;
import io.transfab.data.CsvWriter;
import io.transfab.data.Dataset;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
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
 * {@link AssessmentRun}. It writes metrics.json, predictions.csv, pretrained/ and recommended/,
 * but no report.html or importance comparison (SHAP of hybrids is {@code explain}'s job).
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
    public record Outcome(Summary summary, int units, int resumedUnits, Map<String, Double> phaseSeconds) {
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
        Schema schema = Schema.infer(source, s.features(), s.targets(), s.ignore());
        if (!schema.hasMedia()) {
            throw new IllegalArgumentException("hybrid assessment needs image or series columns among the features");
        }
        for (Method m : s.methods()) {
            if (!ALLOWED.contains(m)) {
                throw new IllegalArgumentException("--methods " + m.cliName() + " cannot run on image or series "
                        + "columns; with them choose from hybrid-transfer, hybrid-scratch, mlp, ridge, gp, xgboost");
            }
        }
        if (s.groups() != null) {
            throw new IllegalArgumentException("--groups is not supported with image or series columns yet");
        }
        List<Column> tabular = schema.features().stream().filter(f -> !f.type().isMedia()).toList();
        boolean tabularMethods = s.methods().stream().anyMatch(m -> !m.isHybrid());
        if (tabularMethods && tabular.isEmpty()) {
            throw new IllegalArgumentException("the tabular baselines need at least one tabular feature; "
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
        List<Splits.Split> cv = Stats.resampling(s.protocol(), tgt.size(), s.folds(), s.cvRepeats(), null,
                Seeds.derive(s.seed(), "resampling"));
        int foldsPerRepeat = Stats.foldsPerRepeat(s.protocol(), tgt.size(), s.folds(), null);

        Map<String, Double> phases = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        String fingerprint = io.transfab.data.Hashing.sha256((AssessmentRun.fingerprint(s, source, target, test)
                + Json.toString(network) + Json.toString(fineTune)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
                Prediction pred = m.isHybrid() ? trainers.hybrid(m, train, unitSeed).predict(scored, Progress.NONE)
                        : trainers.tabular(m, tabTrain, unitSeed).predictEncoded(x);
                results.add(new SplitResult(p.phase(), p.size(), p.repeat(), p.fold(), m.cliName(), null, rows,
                        scored.tabular().y(), pred.mean(), pred.std(), (System.nanoTime() - t) / 1e9));
            }
            return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results);
        }, s.methods().size(), tgt.size(), tst != null, sizes, s.repeats(), cv, foldsPerRepeat, s.jobs(), s.seed(),
                work, fingerprint, progress);
        t0 = lap(phases, "splits", t0);
        Summary summary = Summary.of(result.units(), schema.targetNames(), tgt.tabular().y(), s.methods(), s.seed());
        Method best = summary.recommended();
        long recSeed = Seeds.derive(s.seed(), "recommended");
        HybridModel recHybrid = best.isHybrid() ? trainers.hybrid(best, tgt, recSeed) : null;
        TrainedModel recTab = best.isHybrid() ? null : trainers.tabular(best, tgtTab, recSeed);
        t0 = lap(phases, "recommended model", t0);
        AtomicOutput.writeDirectory(out, dir -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("settings", s);
            settings.put("hybrid", Map.of("network", network, "fineTune", fineTune, "fineTuneStrategy", "freeze",
                    "tabularBaselinesUse", tabular.stream().map(Column::name).toList()));
            settings.put("source", Map.of("file", source.source(), "rows", source.rowCount(), "sha256",
                    source.sha256()));
            settings.put("target", Map.of("file", target.source(), "rows", target.rowCount(), "sha256",
                    target.sha256()));
            Json.write(dir.resolve("metrics.json"), summary.toJson(settings));
            CsvWriter.write(Summary.predictionsTable(result.units(), schema.targetNames()),
                    dir.resolve("predictions.csv"));
            if (recHybrid != null) {
                recHybrid.save(dir.resolve("recommended"));
            } else {
                recTab.save(dir.resolve("recommended"));
            }
            base.save(dir.resolve("pretrained"));
        });
        AtomicOutput.deleteRecursively(work);
        lap(phases, "outputs", t0);
        return new Outcome(summary, result.units().size(), result.resumedUnits(), phases);
    }

    /** How each method is trained on a draw (the recommended model is trained the same way on all rows). */
    private record Trainers(HybridModel base, MethodTrainer tabular, TrainingOptions fineTune, int ensemble) {
        HybridModel hybrid(Method m, MediaDataset rows, long seed) {
            if (m == Method.HYBRID_TRANSFER) {
                return HybridTrainer.fineTune(base, rows, HybridFineTune.of("freeze", 1, 0.0, fineTune), seed,
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
        AssessmentReport.printScores(o.summary(), o.units(), o.resumedUnits(), ps);
        ps.println("Recommended: " + o.summary().recommended().cliName() + " (" + o.summary().recommendation() + ")");
        ps.println("Metrics: " + out.resolve("metrics.json") + "   predictions: " + out.resolve("predictions.csv")
                + "   model: " + out.resolve("recommended"));
    }
}
