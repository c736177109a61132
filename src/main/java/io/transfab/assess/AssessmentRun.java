package io.transfab.assess;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.ShiftDiagnostics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Compositions;
import io.transfab.model.Json;
import io.transfab.model.LogRatio;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.SweepExecutor;
import io.transfab.transfer.FineTuneOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code assess} workflow: read and check the tables, pre-train (once, cached for resumes),
 * run the learning curves and the whole-table resampling, summarise, train the recommended method
 * on all target rows, and write everything atomically.
 */
public final class AssessmentRun {
    private AssessmentRun() {
    }

    /**
     * The command's settings; sizes use {@link Integer#MAX_VALUE} for "all".
     *
     * @param baseline the verdict's comparator named with --baseline (a non-transfer method, added to
     *                 the methods when missing), or null: chosen per split by inner cross-validation
     * @param composition the composition inputs as {@code --composition} takes them ({@code auto},
     *                 {@code off} or {@code a+b+c}; null: auto), resolved once on the source table (the
     *                 target without one) by {@link Compositions#resolve}, tabular assessments only
     */
    public record Settings(List<String> features, List<String> targets, List<String> ignore, List<Integer> sizes,
            int repeats, List<Method> methods, String protocol, int folds, int cvRepeats, String groups, int ensemble,
            int jobs, long seed, Method baseline, String composition) {
        public Settings {
            composition = Compositions.Choice.parse(composition, "--composition").text();
            features = List.copyOf(features);
            targets = List.copyOf(targets);
            ignore = List.copyOf(ignore);
            sizes = List.copyOf(sizes);
            if (baseline != null && (baseline.isTransfer() || baseline.isHybrid())) {
                throw DataException.option("--baseline must be a non-transfer tabular method (gp, ridge, "
                        + "xgboost or mlp); got " + baseline.cliName());
            }
            if (baseline != null && !methods.contains(baseline)) {
                List<Method> with = new ArrayList<>(methods);
                with.add(baseline);
                methods = with;
            }
            methods = List.copyOf(methods);
            if (methods.isEmpty()) {
                throw DataException.option("--methods must name at least one method");
            }
            if (repeats < 1) {
                throw DataException.option("--repeats must be >= 1; got " + repeats);
            }
            if (ensemble < 1) {
                throw DataException.option("--ensemble must be >= 1; got " + ensemble);
            }
            for (int s : sizes) {
                if (s < 2) {
                    throw DataException.option("--sizes must be >= 2 rows; got " + s);
                }
            }
        }

        /** Settings with composition inputs detected (auto). */
        public Settings(List<String> features, List<String> targets, List<String> ignore, List<Integer> sizes,
                int repeats, List<Method> methods, String protocol, int folds, int cvRepeats, String groups,
                int ensemble, int jobs, long seed, Method baseline) {
            this(features, targets, ignore, sizes, repeats, methods, protocol, folds, cvRepeats, groups, ensemble,
                    jobs, seed, baseline, null);
        }

        /** Settings without --baseline (the comparator is chosen by inner cross-validation). */
        public Settings(List<String> features, List<String> targets, List<String> ignore, List<Integer> sizes,
                int repeats, List<Method> methods, String protocol, int folds, int cvRepeats, String groups,
                int ensemble, int jobs, long seed) {
            this(features, targets, ignore, sizes, repeats, methods, protocol, folds, cvRepeats, groups, ensemble,
                    jobs, seed, null);
        }
    }

    /**
     * What the run produced.
     *
     * @param compositions one line per composition group every method used (see {@link Compositions.Found}),
     *                     then why candidate groups were declined
     */
    public record Outcome(Summary summary, TrainedModel recommended, ImportanceComparison importance,
            ShiftDiagnostics shift, int units, int resumedUnits, Map<String, Double> phaseSeconds,
            List<String> compositions) {
        public Outcome {
            phaseSeconds = Map.copyOf(phaseSeconds);
            compositions = List.copyOf(compositions);
        }
    }

    public static Outcome run(Table source, Table target, Table test, Settings s, Path out, Progress progress)
            throws IOException {
        return run(source, target, test, s, OutputTarget.of(out, OutputKind.ASSESSMENT), null, progress);
    }

    /** As {@link #run(Table, Table, Table, Settings, Path, Progress)}, to a target the command checked. */
    public static Outcome run(Table source, Table target, Table test, Settings s, OutputTarget out,
            Progress progress) throws IOException {
        return run(source, target, test, s, out, null, progress);
    }

    /** As {@link #run(Table, Table, Table, Settings, OutputTarget, TrainedModel, Progress)} to a plain path. */
    public static Outcome run(Table source, Table target, Table test, Settings s, Path out, TrainedModel givenBase,
            Progress progress) throws IOException {
        return run(source, target, test, s, OutputTarget.of(out, OutputKind.ASSESSMENT), givenBase, progress);
    }

    /**
     * As {@link #run(Table, Table, Table, Settings, Path, Progress)}, reusing a network already
     * pre-trained on {@code source} (null: pre-train here). The base must have the schema the
     * settings give. A null {@code source} compares non-transfer methods on the target alone (no
     * pre-training, no shift diagnostics, no importance comparison).
     */
    public static Outcome run(Table source, Table target, Table test, Settings s, OutputTarget output,
            TrainedModel givenBase, Progress progress) throws IOException {
        return run(source, target, test, s, output, givenBase, LocalSweepExecutor.of(s.jobs()), progress);
    }

    /**
     * As {@link #run(Table, Table, Table, Settings, OutputTarget, TrainedModel, Progress)}, the splits run
     * by {@code executor} (docs/scale-out.md): the outputs are the same bytes on every executor, except
     * for timings and the {@code executor} field of metrics.json.
     */
    public static Outcome run(Table source, Table target, Table test, Settings s, OutputTarget output,
            TrainedModel givenBase, SweepExecutor executor, Progress progress) throws IOException {
        Path out = output.path();
        if (source == null && s.methods().stream().anyMatch(Method::isTransfer)) {
            throw DataException.option("transfer methods (" + String.join(", ", s.methods().stream()
                    .filter(Method::isTransfer).map(Method::cliName).toList()) + ") need --source; without it "
                    + "assess compares mlp, ridge, gp and xgboost");
        }
        String[] groupLabels = groupLabels(target, s.groups());
        Table schemaTable = source != null ? source : target;
        Schema schema = Schema.infer(schemaTable, s.features(), s.targets(), ignoring(s, schemaTable));
        Dataset src = source == null ? null : Dataset.of(source, schema);
        Dataset tgt = Dataset.of(target, schema);
        Dataset tst = test == null ? null : Dataset.of(test, schema);
        // one set of composition groups for every method: found on the table the base is pre-trained on, as
        // pretrain would; the non-transfer methods fit its coordinates on each draw's rows, as train would
        Compositions.Found found = Compositions.resolve(Compositions.Choice.parse(s.composition(), "--composition"),
                schema, (src != null ? src : tgt).x());
        Compositions.Choice groups = found.logRatio() == null ? Compositions.Choice.OFF
                : new Compositions.Choice(Compositions.Choice.Mode.DECLARED, found.logRatio().groups().stream()
                        .map(LogRatio.Group::names).toList());
        List<String> compositionLines = new ArrayList<>(found.lines());
        found.declined().forEach(d -> compositionLines.add("composition inputs: " + d));
        ShiftDiagnostics shift = src == null ? null : ShiftDiagnostics.of(schema.encodedNames(), src.x(), tgt.x(),
                Seeds.derive(s.seed(), "shift"));
        List<Integer> sizes = new ArrayList<>();
        for (int size : s.sizes()) {
            int n = Math.min(size, tgt.size());
            if (n >= tgt.size() && tst == null) {
                continue; // "all" without a test table is covered by the whole-table resampling
            }
            if (!sizes.contains(n)) {
                sizes.add(n);
            }
        }
        List<Splits.Split> cv = Stats.resampling(s.protocol(), tgt.size(), s.folds(), s.cvRepeats(), groupLabels,
                Seeds.derive(s.seed(), "resampling"));
        int foldsPerRepeat = Stats.foldsPerRepeat(s.protocol(), tgt.size(), s.folds(), groupLabels);

        Map<String, Double> phases = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        String fingerprint = fingerprint(s, source, target, test);
        Path work = out.toAbsolutePath().resolveSibling(out.getFileName() + ".partial");
        UnitStore store = UnitStore.open(work, fingerprint);
        MlpOptions architecture = MlpOptions.defaults();
        if (givenBase != null && !givenBase.schema().equals(schema)) {
            throw DataException.option("the given pre-trained model has another schema than the assessment");
        }
        TrainedModel base = givenBase != null ? givenBase : src == null ? null
                : pretrained(src, architecture, s, found.logRatio(), store.directory().resolve("pretrained"),
                        progress);
        t0 = lap(phases, "pretrain", t0);
        MethodTrainer trainer = new MethodTrainer(base, architecture, FineTuneOptions.defaults(), s.ensemble())
                .withCompositions(groups);
        Assessment.Result result = Assessment.run(trainer, s.methods(), s.baseline(), tgt, tst, sizes, s.repeats(),
                cv, foldsPerRepeat, executor, s.seed(), work, fingerprint, progress);
        t0 = lap(phases, "splits", t0);
        Summary summary = Summary.of(result.units(), schema.targetNames(), tgt.y(), s.methods(), s.baseline(),
                s.seed());
        t0 = lap(phases, "statistics", t0);
        Method best = summary.recommended();
        progress.update("training the recommended method (" + best.cliName() + ") on all target rows", 0, 1);
        TrainedModel recommended = trainer.train(best, tgt, Seeds.derive(s.seed(), "recommended"), Progress.NONE)
                .model();
        progress.update("training the recommended method (" + best.cliName() + ") on all target rows", 1, 1);
        t0 = lap(phases, "recommended model", t0);
        ImportanceComparison importance = base == null ? null : ImportanceComparison.of(recommended, target, base,
                source, s.seed(), (task, done, total) -> progress.update("importance rankings: " + task, done,
                        total));
        t0 = lap(phases, "importance rankings", t0);
        AtomicOutput.writeDirectory(output, dir -> {
            Map<String, Object> json = summary.toJson(settingsJson(s, source, target, test, base));
            json.put("executor", executor.description());
            json.put("composition", compositionJson(s, found));
            json.put("importance", importance);
            json.put("shift", shift);
            json.put("coverage", CoverageReport.toJson(CoverageReport.of(result.units(), schema.targetNames()),
                    schema.targetNames()));
            Json.write(dir.resolve("metrics.json"), json);
            CsvWriter.write(Summary.predictionsTable(result.units(), schema.targetNames()),
                    dir.resolve("predictions.csv"));
            recommended.save(dir.resolve("recommended"));
            if (base != null) {
                base.save(dir.resolve("pretrained"));
            }
            AssessmentReport.of(summary, s, source, target, test, base, recommended, importance, shift,
                    found.lines()).write(dir.resolve("report.html"));
        });
        AtomicOutput.deleteRecursively(work);
        lap(phases, "report and outputs", t0);
        return new Outcome(summary, recommended, importance, shift, result.units().size(), result.resumedUnits(),
                phases, compositionLines);
    }

    /** The target's group labels from the --groups column (null without one), for group k-fold. */
    static String[] groupLabels(Table target, String groups) {
        if (groups == null) {
            return null;
        }
        int c = target.indexOf(groups);
        if (c < 0) {
            throw DataException.at(target.source(), 0, groups, "no such column (named in --groups)");
        }
        String[] labels = new String[target.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = target.cell(i, c);
        }
        return labels;
    }

    /** The --ignore list plus the --groups column, so that the default feature list leaves the group label out. */
    static List<String> ignoring(Settings s, Table source) {
        List<String> ignore = new ArrayList<>(s.ignore());
        if (s.groups() != null && !ignore.contains(s.groups()) && source.has(s.groups())) {
            ignore.add(s.groups());
        }
        return ignore;
    }

    private static long lap(Map<String, Double> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1e9);
        return now;
    }

    /**
     * metrics.json's {@code composition}: the option as given, the groups every method used (parts and
     * total) and why candidate groups were declined.
     */
    private static Map<String, Object> compositionJson(Settings s, Compositions.Found found) {
        List<Map<String, Object>> used = new ArrayList<>();
        if (found.logRatio() != null) {
            for (LogRatio.Group g : found.logRatio().groups()) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("parts", g.names());
                m.put("total", g.total());
                m.put("transform", "ilr-pivot");
                used.add(m);
            }
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("option", s.composition());
        m.put("groups", used);
        m.put("declined", found.declined());
        return m;
    }

    private static TrainedModel pretrained(Dataset src, MlpOptions architecture, Settings s, LogRatio logRatio,
            Path dir, Progress progress) throws IOException {
        if (Files.exists(dir.resolve("model.json"))) {
            return TrainedModel.load(dir);
        }
        TrainedModel base = Training.fit(src, NormalizationScheme.STANDARD, null, null, logRatio,
                MlpTrainer.trainer(architecture), s.ensemble(), Seeds.derive(s.seed(), "pretrain"),
                Map.of("options", architecture),
                (task, done, total) -> progress.update("pre-training on the source: " + task, done, total));
        base.save(dir);
        // the model as a resumed run reads it back: its details are then the same maps, so that metrics.json
        // of an interrupted and resumed run has the bytes of an uninterrupted one
        return TrainedModel.load(dir);
    }

    private static Map<String, Object> settingsJson(Settings s, Table source, Table target, Table test,
            TrainedModel base) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("settings", s);
        if (source != null) {
            m.put("source", Map.of("file", source.source(), "rows", source.rowCount(), "sha256", source.sha256()));
        }
        m.put("target", Map.of("file", target.source(), "rows", target.rowCount(), "sha256", target.sha256()));
        if (test != null) {
            m.put("test", Map.of("file", test.source(), "rows", test.rowCount(), "sha256", test.sha256()));
        }
        if (base != null) {
            m.put("pretrained", Map.of("method", base.method(), "details", base.details(), "provenance",
                    base.provenance()));
        }
        return m;
    }

    /** Same settings and data -> same fingerprint -> a rerun resumes the finished splits. */
    static String fingerprint(Settings s, Table source, Table target, Table test) {
        Settings forPrint = new Settings(s.features(), s.targets(), s.ignore(), s.sizes(), s.repeats(), s.methods(),
                s.protocol(), s.folds(), s.cvRepeats(), s.groups(), s.ensemble(), 1, s.seed(), s.baseline(),
                s.composition());
        String text = Json.toString(forPrint) + (source == null ? "" : source.sha256()) + target.sha256()
                + (test == null ? "" : test.sha256());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
