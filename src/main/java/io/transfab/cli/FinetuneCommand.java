package io.transfab.cli;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.evaluate.SourceRanges;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import io.transfab.transfer.InputNormalization;
import io.transfab.workflow.TableSettings;
import io.transfab.workflow.SavedModels;
import io.transfab.workflow.Summaries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fine-tunes a pre-trained model on the small target table. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Adapt a pre-trained model to the target table. --strategy auto (default) compares full, "
                + "freeze, head, l2sp, transfer-gp and a from-scratch network by inner cross-validation and reports "
                + "its choice.")
final class FinetuneCommand implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Model directory from pretrain.")
    Path base;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--strategy", description = "full, freeze, head, l2sp, transfer-gp, adapter (per-domain adapters "
            + "on the frozen network; needs --domain) or auto, which considers adapter only with --domain (default: auto).")
    String strategy;

    @Option(names = "--normalize", description = "Statistics that standardise the target inputs: target (the target "
            + "rows' own) or source (the pre-trained model's) (default: target; see docs/transfer.md).")
    String normalize;

    @Option(names = "--frozen-layers", description = "Lower hidden layers frozen by 'freeze' (default: 1).")
    Integer frozenLayers;

    @Option(names = "--l2sp-alpha", description = "Pull towards the pre-trained weights for 'l2sp' "
            + "(default: 0.01).")
    Double l2spAlpha;

    @Option(names = "--lr", description = "Fine-tuning learning rate (default: 0.003).")
    Double learningRate;

    @Option(names = "--epochs", description = "Full-batch fine-tuning epochs (default: 300).")
    Integer epochs;

    @Option(names = "--ensemble", description = "Members; 0 = one per pre-trained network (default: 0).")
    Integer ensemble;

    @Mixin
    DomainOptions domains;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        OutputTarget destination = output.directory(out, OutputKind.MODEL, data.data, base);
        if (io.transfab.model.nn.HybridModel.isHybrid(base)) {
            return HybridCommands.finetune(this, destination);
        }
        TrainedModel baseModel = SavedModels.tabular(base, CliListener.stderr());
        List<String> used = new ArrayList<>(baseModel.schema().featureNames()); // features are the base model's
        used.addAll(data.targets.isEmpty() ? baseModel.schema().targetNames() : data.targets);
        if (domains.domain != null) {
            used.add(domains.domain);
        }
        TableSettings.Loaded loaded = data.settings().load(used, CliListener.stderr());
        Table table = loaded.table();
        checkColumns(baseModel, table);
        List<String> wanted = new ArrayList<>(data.targets);
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
            System.out.println("Fine-tuning " + String.join(", ", wanted) + " of the base model's targets "
                    + String.join(", ", baseModel.schema().targetNames()));
            baseModel = FineTuner.withTargets(baseModel, wanted);
        }
        Dataset target = Dataset.of(table, baseModel.schema());
        TableSettings.warnLeakage(target, CliListener.stderr());
        FineTuneOptions d = FineTuneOptions.defaults();
        FineTuneOptions options = new FineTuneOptions(
                strategy != null ? FineTuneStrategy.fromCliName(strategy) : d.strategy(),
                normalize != null ? InputNormalization.fromCliName(normalize) : d.normalization(),
                frozenLayers != null ? frozenLayers : d.frozenLayers(),
                l2spAlpha != null ? l2spAlpha : d.l2spAlpha(),
                learningRate != null ? learningRate : d.learningRate(),
                epochs != null ? epochs : d.epochs(),
                ensemble != null ? ensemble : d.ensemble(),
                d.innerFolds(),
                domains.scheme(),
                domains.domain);
        String[] labels = domains.labels(table);
        Object ranges = baseModel.details().get("inputRanges");
        if (ranges != null) {
            SourceRanges source = Json.MAPPER.convertValue(ranges, SourceRanges.class);
            System.out.println(source.describe(source.coverage(target.x())));
        }
        ProgressBar bar = common.progress();
        FineTuner.Result result = FineTuner.fineTune(baseModel, target, labels, options, common.seed, bar);
        bar.finishLine();
        result.model().save(destination);
        OutputOptions.printReplaced(destination, System.out);
        if (result.selection() != null) {
            System.out.println("auto compared (inner " + result.selection().folds() + "-fold CV RMSE, standardised "
                    + "units; lower is better):");
            for (FineTuner.CandidateScore s : result.selection().scores()) {
                System.out.printf("  %-8s %.4f%s%n", s.candidate(), s.cvRmse(),
                        s.candidate().equals(result.selection().chosen()) ? "  <- chosen" : "");
            }
            System.out.println("  why: " + result.selection().reason());
        }
        Summaries.fit(result.model(), target, labels, "Fine-tuned", out).forEach(System.out::println);
        return 0;
    }

    /** The target table must carry the base model's columns; --features/--targets may only restate them. */
    private void checkColumns(TrainedModel baseModel, Table table) {
        for (String t : data.targets) {
            if (!baseModel.schema().targetNames().contains(t)) {
                throw DataException.of(table.source(), "--targets " + t + " is not a target of the base model ("
                        + String.join(", ", baseModel.schema().targetNames()) + "); fine-tuning can keep all or some "
                        + "of them, not add new ones");
            }
        }
        if (!data.features.isEmpty() && !data.features.equals(baseModel.schema().featureNames())) {
            throw DataException.of(table.source(), "--features differ from the base model's features "
                    + String.join(",", baseModel.schema().featureNames()) + " (omit --features)");
        }
    }
}
