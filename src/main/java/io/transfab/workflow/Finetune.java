package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.evaluate.SourceRanges;
import io.transfab.model.Json;
import io.transfab.model.Compositions;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import io.transfab.transfer.InputNormalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code finetune}: a pre-trained model adapted to the small target table ({@code --strategy auto} compares
 * the strategies by inner cross-validation), saved as a model directory; the summary goes to
 * {@link JobListener#info}.
 */
public final class Finetune {
    /**
     * The options of {@code finetune}; a null option takes the default of {@link FineTuneOptions#defaults()}
     * (for a hybrid base, of {@link Hybrids}).
     *
     * @param table     the target table; its --features and --targets may only restate the base model's
     * @param strategy  full, freeze, head, l2sp, transfer-gp, adapter or auto
     * @param normalize target or source
     * @param ensemble  members; 0 = one per pre-trained network
     */
    public record Options(Path base, TableSettings table, Path out, String strategy, String normalize,
            Integer frozenLayers, Double l2spAlpha, Double learningRate, Integer epochs, Integer ensemble,
            DomainSettings domains, boolean force, long seed) {
        public Options {
            Objects.requireNonNull(base, "--base");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(domains, "domains");
            if (normalize != null) {
                InputNormalization.fromCliName(normalize);
            }
        }

        static Options of(JobParams p) {
            return new Options(p.requiredPath("base"), TableSettings.of(p), p.output("out"), p.string("strategy"),
                    p.string("normalize"), p.integer("frozen-layers"), p.number("l2sp-alpha"), p.number("lr"),
                    p.integer("epochs"), p.integer("ensemble"), DomainSettings.of(p), p.flag("force"), p.seed());
        }
    }

    private final Options options;

    private Finetune(Options options) {
        this.options = options;
    }

    public static Finetune of(Options options) {
        return new Finetune(options);
    }

    /**
     * Where the model was saved, its method, and what {@code auto} compared (null for a fixed strategy
     * and for hybrids, whose comparison is in the summary).
     */
    public record Result(OutputTarget target, String method, FineTuner.Selection selection) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget destination = Outputs.directory(o.out(), OutputKind.MODEL, o.force(), o.table().data(),
                o.base());
        if (HybridModel.isHybrid(o.base())) {
            return Hybrids.finetune(o, destination, listener, cancellation);
        }
        TrainedModel baseModel = SavedModels.tabular(o.base(), listener);
        List<String> targets = o.table().targets();
        List<String> used = new ArrayList<>(baseModel.schema().featureNames()); // features are the base model's
        used.addAll(targets.isEmpty() ? baseModel.schema().targetNames() : targets);
        String domain = o.domains().domain();
        if (domain != null) {
            used.add(domain);
        }
        TableSettings.Loaded loaded = o.table().load(used, listener);
        Table table = loaded.table();
        checkColumns(baseModel, table);
        List<String> wanted = new ArrayList<>(targets);
        if (wanted.isEmpty()) {
            for (String t : baseModel.schema().targetNames()) {
                if (table.has(t)) {
                    wanted.add(t);
                }
            }
            if (wanted.isEmpty()) {
                throw DataException.of(table.source(), "has none of the base model's targets ("
                        + String.join(", ", baseModel.schema().targetNames()) + "); name the columns like the source");
            }
        }
        if (!wanted.equals(baseModel.schema().targetNames())) {
            listener.info("Fine-tuning " + String.join(", ", wanted) + " of the base model's targets "
                    + String.join(", ", baseModel.schema().targetNames()));
            baseModel = FineTuner.withTargets(baseModel, wanted);
        }
        Dataset target = Dataset.of(table, baseModel.schema());
        TableSettings.warnLeakage(target, listener);
        Compositions.inherited(baseModel.inputScaling().logRatio(), o.table().composition()).forEach(listener::log);
        FineTuneOptions d = FineTuneOptions.defaults();
        FineTuneOptions fine = new FineTuneOptions(
                o.strategy() != null ? FineTuneStrategy.fromCliName(o.strategy()) : d.strategy(),
                o.normalize() != null ? InputNormalization.fromCliName(o.normalize()) : d.normalization(),
                o.frozenLayers() != null ? o.frozenLayers() : d.frozenLayers(),
                o.l2spAlpha() != null ? o.l2spAlpha() : d.l2spAlpha(),
                o.learningRate() != null ? o.learningRate() : d.learningRate(),
                o.epochs() != null ? o.epochs() : d.epochs(),
                o.ensemble() != null ? o.ensemble() : d.ensemble(),
                d.innerFolds(),
                o.domains().scheme(),
                domain);
        String[] labels = o.domains().labels(table);
        Object ranges = baseModel.details().get("inputRanges");
        if (ranges != null) {
            SourceRanges source = Json.MAPPER.convertValue(ranges, SourceRanges.class);
            listener.info(source.describe(source.coverage(target.x())));
        }
        cancellation.check();
        FineTuner.Result result = FineTuner.fineTune(baseModel, target, labels, fine, o.seed(),
                cancellation.watching(listener));
        cancellation.check();
        result.model().save(destination);
        Outputs.replaced(destination).forEach(listener::info);
        if (result.selection() != null) {
            listener.info("auto compared (inner " + result.selection().folds() + "-fold CV RMSE, standardised "
                    + "units; lower is better):");
            for (FineTuner.CandidateScore s : result.selection().scores()) {
                listener.info(String.format("  %-8s %.4f%s", s.candidate(), s.cvRmse(),
                        s.candidate().equals(result.selection().chosen()) ? "  <- chosen" : ""));
            }
            listener.info("  why: " + result.selection().reason());
        }
        Summaries.fit(result.model(), target, labels, "Fine-tuned", o.out()).forEach(listener::info);
        return new Result(destination, result.model().method(), result.selection());
    }

    /** The target table must carry the base model's columns; --features/--targets may only restate them. */
    private void checkColumns(TrainedModel baseModel, Table table) {
        for (String t : options.table().targets()) {
            if (!baseModel.schema().targetNames().contains(t)) {
                throw DataException.of(table.source(), "--targets " + t + " is not a target of the base model ("
                        + String.join(", ", baseModel.schema().targetNames()) + "); fine-tuning can keep all or some "
                        + "of them, not add new ones");
            }
        }
        List<String> features = options.table().features();
        if (!features.isEmpty() && !features.equals(baseModel.schema().featureNames())) {
            throw DataException.of(table.source(), "--features differ from the base model's features "
                    + String.join(",", baseModel.schema().featureNames()) + " (omit --features)");
        }
    }
}
