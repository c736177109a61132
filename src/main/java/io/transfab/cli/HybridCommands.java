package io.transfab.cli;

import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Prediction;
import io.transfab.model.nn.HybridArchitecture;
import io.transfab.model.nn.HybridAutoTune;
import io.transfab.model.nn.HybridFineTune;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.InputNormalization;
import io.transfab.workflow.SavedModels;
import io.transfab.workflow.Summaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hybrid path of {@code pretrain}, {@code finetune} and {@code predict}: taken when the feature
 * list holds image or series columns, or the model directory holds a hybrid model. The commands
 * branch here at the top of {@code call()}, so their tabular code stays as it was.
 */
final class HybridCommands {
    /** Fine-tuning defaults of the hybrid: fewer epochs than the MLP's 300 (every epoch convolves images). */
    static final TrainingOptions FINE_TUNE = new TrainingOptions(1e-3, 100, 32, 0.0, 0.0, 0.0, 1);
    /**
     * Strategy when --strategy is left out. Not {@code auto} as for MLPs: its inner CV trains 5 folds x 5
     * candidates, each convolving every image on every epoch, which is minutes rather than seconds.
     */
    static final String DEFAULT_STRATEGY = "freeze";
    static final String AUTO = "auto";

    private HybridCommands() {
    }

    /** Pre-trains a hybrid on {@code table} with its already inferred {@code schema} (which has media columns). */
    static int pretrain(PretrainCommand cmd, OutputTarget out, Table table, Schema schema) throws IOException {
        MediaDataset data = MediaDataset.of(table, schema);
        HybridOptions options = options(cmd.network);
        ProgressBar bar = cmd.common.progress();
        HybridModel model = HybridTrainer.fit(data, options, cmd.ensemble, cmd.common.seed, bar);
        bar.finishLine();
        model.save(out);
        OutputOptions.printReplaced(out, System.out);
        printFit(model, data, "Pre-trained", cmd.out, bar);
        return 0;
    }

    /** HybridOptions.defaults() with the network options the user gave (--hidden: tabular width, head width). */
    static HybridOptions options(NetworkOptions n) {
        return n.settings().hybridOptions();
    }

    static int finetune(FinetuneCommand cmd, OutputTarget out) throws IOException {
        HybridModel base = SavedModels.hybrid(cmd.base, CliListener.stderr());
        Table table = cmd.data.settings().readTable();
        io.transfab.data.Dataset.requireTrainingRows(table);
        for (String t : base.schema().targetNames()) {
            if (!table.has(t)) {
                throw DataException.at(table.source(), 0, t, "target column is missing; a hybrid model is "
                        + "fine-tuned on all its targets (" + String.join(", ", base.schema().targetNames()) + ")");
            }
        }
        if (!cmd.data.features.isEmpty() && !cmd.data.features.equals(base.schema().featureNames())) {
            throw DataException.of(table.source(), "--features differ from the base model's features "
                    + String.join(",", base.schema().featureNames()) + " (omit --features)");
        }
        if (cmd.ensemble != null && cmd.ensemble != 0 && cmd.ensemble != base.members().size()) {
            throw DataException.option("--ensemble: a hybrid model is fine-tuned member by member ("
                    + base.members().size() + " members); omit --ensemble");
        }
        MediaDataset target = MediaDataset.of(table, base.schema());
        FineTuneOptions d = FineTuneOptions.defaults();
        HybridFineTune.Rescale rescale = rescale(cmd.normalize != null
                ? InputNormalization.fromCliName(cmd.normalize) : d.normalization());
        String strategy = cmd.strategy != null ? cmd.strategy : DEFAULT_STRATEGY;
        TrainingOptions training = FINE_TUNE
                .withLearningRate(cmd.learningRate != null ? cmd.learningRate : FINE_TUNE.learningRate())
                .withMaxEpochs(cmd.epochs != null ? cmd.epochs : FINE_TUNE.maxEpochs());
        int frozen = cmd.frozenLayers != null ? cmd.frozenLayers : d.frozenLayers();
        double alpha = cmd.l2spAlpha != null ? cmd.l2spAlpha : d.l2spAlpha();
        if (cmd.strategy == null) {
            System.out.println("Strategy " + DEFAULT_STRATEGY + " (image and series encoders fixed), the hybrid "
                    + "default; --strategy auto chooses by inner cross-validation, full|head|l2sp are the others");
        }
        ProgressBar bar = cmd.common.progress();
        HybridModel model;
        if (AUTO.equalsIgnoreCase(strategy)) {
            HybridAutoTune.Result r = HybridAutoTune.run(base, target, frozen, alpha, training, rescale,
                    d.innerFolds(), cmd.common.seed, bar);
            bar.finishLine();
            printSelection(r.selection());
            model = r.model();
        } else {
            model = HybridTrainer.fineTune(base, target, HybridFineTune.of(strategy, frozen, alpha, training, rescale),
                    cmd.common.seed, bar);
        }
        bar.finishLine();
        model.save(out);
        OutputOptions.printReplaced(out, System.out);
        printFit(model, target, "Fine-tuned", cmd.out, bar);
        return 0;
    }

    /**
     * {@code --normalize} for hybrids, as for MLPs: targets always re-standardised with the target rows,
     * tabular inputs too with {@code target}; images and series keep the base's scaling.
     */
    static HybridFineTune.Rescale rescale(InputNormalization n) {
        return n == InputNormalization.TARGET ? HybridFineTune.Rescale.ALL : HybridFineTune.Rescale.TARGETS;
    }

    private static void printSelection(HybridAutoTune.Selection s) {
        System.out.printf("auto: chose '%s': %s%n", s.chosen(), s.reason());
        for (HybridAutoTune.Score c : s.scores()) {
            System.out.printf("  %-8s out-of-fold RMSE %.3f%s%n", c.candidate(), c.cvRmse(),
                    c.candidate().equals(s.chosen()) ? "  <- chosen" : "");
        }
    }

    private static void printFit(HybridModel model, MediaDataset data, String verb, Path out, ProgressBar bar) {
        HybridArchitecture a = model.architecture();
        System.out.printf("%s %s (%d member%s, %d parameters each) on %d rows: %s -> %s%n", verb, model.method(),
                model.members().size(), model.members().size() == 1 ? "" : "s",
                model.members().get(0).parameterCount(), data.size(), inputs(a), out);
        Prediction p = model.predict(data, bar);
        bar.finishLine();
        Summaries.targetFits(data.tabular().y(), p, model.schema().targetNames()).forEach(System.out::println);
    }

    private static String inputs(HybridArchitecture a) {
        List<String> parts = new ArrayList<>();
        if (a.imageChannels() > 0) {
            parts.add(a.imageChannels() + " image channel(s) " + a.imageWidth() + "x" + a.imageHeight());
        }
        if (a.seriesChannels() > 0) {
            parts.add(a.seriesChannels() + " series of " + a.seriesLength() + " points");
        }
        if (a.tabularInputs() > 0) {
            parts.add(a.tabularInputs() + " tabular inputs");
        }
        return String.join(", ", parts);
    }
}
