package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.nn.HybridArchitecture;
import io.transfab.model.nn.HybridAutoTune;
import io.transfab.model.nn.HybridFineTune;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.InputNormalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hybrid path of pretrain, finetune and assess: taken when the feature list holds image or series
 * columns, or the model directory holds a hybrid model.
 */
public final class Hybrids {
    /** Fine-tuning defaults of the hybrid: fewer epochs than the MLP's 300 (every epoch convolves images). */
    public static final TrainingOptions FINE_TUNE = new TrainingOptions(1e-3, 100, 32, 0.0, 0.0, 0.0, 1);
    /**
     * Strategy when --strategy is left out. Not {@code auto} as for MLPs: its inner CV trains 5 folds x 5
     * candidates, each convolving every image on every epoch, which is minutes rather than seconds.
     */
    static final String DEFAULT_STRATEGY = "freeze";
    static final String AUTO = "auto";

    private Hybrids() {
    }

    /** Fine-tunes the hybrid at --base on the target table and saves it. */
    static Finetune.Result finetune(Finetune.Options o, OutputTarget out, JobListener listener,
            Cancellation cancellation) throws IOException {
        HybridModel base = SavedModels.hybrid(o.base(), listener);
        Table table = o.table().readTable();
        io.transfab.data.Dataset.requireTrainingRows(table);
        for (String t : base.schema().targetNames()) {
            if (!table.has(t)) {
                throw DataException.at(table.source(), 0, t, "target column is missing; a hybrid model is "
                        + "fine-tuned on all its targets (" + String.join(", ", base.schema().targetNames()) + ")");
            }
        }
        if (!o.table().features().isEmpty() && !o.table().features().equals(base.schema().featureNames())) {
            throw DataException.of(table.source(), "--features differ from the base model's features "
                    + String.join(",", base.schema().featureNames()) + " (omit --features)");
        }
        if (o.ensemble() != null && o.ensemble() != 0 && o.ensemble() != base.members().size()) {
            throw DataException.option("--ensemble: a hybrid model is fine-tuned member by member ("
                    + base.members().size() + " members); omit --ensemble");
        }
        MediaDataset target = MediaDataset.of(table, base.schema());
        FineTuneOptions d = FineTuneOptions.defaults();
        HybridFineTune.Rescale rescale = rescale(o.normalize() != null
                ? InputNormalization.fromCliName(o.normalize()) : d.normalization());
        String strategy = o.strategy() != null ? o.strategy() : DEFAULT_STRATEGY;
        TrainingOptions training = FINE_TUNE
                .withLearningRate(o.learningRate() != null ? o.learningRate() : FINE_TUNE.learningRate())
                .withMaxEpochs(o.epochs() != null ? o.epochs() : FINE_TUNE.maxEpochs());
        int frozen = o.frozenLayers() != null ? o.frozenLayers() : d.frozenLayers();
        double alpha = o.l2spAlpha() != null ? o.l2spAlpha() : d.l2spAlpha();
        if (o.strategy() == null) {
            listener.info("Strategy " + DEFAULT_STRATEGY + " (image and series encoders fixed), the hybrid "
                    + "default; --strategy auto chooses by inner cross-validation, full|head|l2sp are the others");
        }
        Progress progress = cancellation.watching(listener);
        cancellation.check();
        HybridModel model;
        if (AUTO.equalsIgnoreCase(strategy)) {
            HybridAutoTune.Result r = HybridAutoTune.run(base, target, frozen, alpha, training, rescale,
                    d.innerFolds(), o.seed(), progress);
            HybridAutoTune.Selection s = r.selection();
            listener.info(String.format("auto: chose '%s': %s", s.chosen(), s.reason()));
            for (HybridAutoTune.Score c : s.scores()) {
                listener.info(String.format("  %-8s out-of-fold RMSE %.3f%s", c.candidate(), c.cvRmse(),
                        c.candidate().equals(s.chosen()) ? "  <- chosen" : ""));
            }
            model = r.model();
        } else {
            model = HybridTrainer.fineTune(base, target, HybridFineTune.of(strategy, frozen, alpha, training, rescale),
                    o.seed(), progress);
        }
        cancellation.check();
        model.save(out);
        Outputs.replaced(out).forEach(listener::info);
        fit(model, target, "Fine-tuned", o.out(), progress, listener);
        return new Finetune.Result(out, model.method(), null);
    }

    /**
     * {@code --normalize} for hybrids, as for MLPs: targets always re-standardised with the target rows,
     * tabular inputs too with {@code target}; images and series keep the base's scaling.
     */
    static HybridFineTune.Rescale rescale(InputNormalization n) {
        return n == InputNormalization.TARGET ? HybridFineTune.Rescale.ALL : HybridFineTune.Rescale.TARGETS;
    }

    /** The fit summary of a hybrid: its architecture line, then the training-set fit per target. */
    static void fit(HybridModel model, MediaDataset data, String verb, Path out, Progress progress,
            JobListener listener) {
        HybridArchitecture a = model.architecture();
        listener.info(String.format("%s %s (%d member%s, %d parameters each) on %d rows: %s -> %s", verb,
                model.method(), model.members().size(), model.members().size() == 1 ? "" : "s",
                model.members().get(0).parameterCount(), data.size(), inputs(a), out));
        Prediction p = model.predict(data, progress);
        Summaries.targetFits(data.tabular().y(), p, model.schema().targetNames()).forEach(listener::info);
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
