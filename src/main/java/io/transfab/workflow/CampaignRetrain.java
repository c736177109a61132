package io.transfab.workflow;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.ModelVersion;
import io.transfab.campaign.RetrainOptions;
import io.transfab.campaign.TargetScore;
import io.transfab.model.Compositions;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code campaign retrain}: a new model version on every recorded result, with its cross-validated error and
 * mean predicted uncertainty.
 */
public final class CampaignRetrain {
    private final Options options;

    private CampaignRetrain(Options options) {
        this.options = options;
    }

    public static CampaignRetrain of(Options options) {
        return new CampaignRetrain(options);
    }

    /**
     * The options of {@code campaign retrain}.
     *
     * @param strategy fine-tuning strategy, or null for the default (auto)
     * @param epochs   fine-tuning epochs, or null for the default
     */
    public record Options(Path dir, boolean repretrain, FineTuneStrategy strategy, Integer epochs, long seed) {
        public Options {
            Objects.requireNonNull(dir, "--dir");
        }

        public static Options of(Path dir, boolean repretrain, String strategy, Integer epochs, long seed) {
            return new Options(dir, repretrain, strategy != null ? FineTuneStrategy.fromCliName(strategy) : null,
                    epochs, seed);
        }

        /** The fine-tuning options: the defaults with --strategy and --epochs where given. */
        public FineTuneOptions fineTune() {
            FineTuneOptions d = FineTuneOptions.defaults();
            return new FineTuneOptions(strategy != null ? strategy : d.strategy(), d.normalization(), d.frozenLayers(),
                    d.l2spAlpha(), d.learningRate(), epochs != null ? epochs : d.epochs(), d.ensemble(),
                    d.innerFolds());
        }
    }

    /** The new version and the summary the CLI prints. */
    public record Result(ModelVersion version, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        FineTuneOptions ft = o.fineTune();
        Campaign c = Campaign.open(o.dir());
        cancellation.check();
        Campaign.Retrained r = c.retrain(new RetrainOptions(ft, o.repretrain(), o.seed()),
                cancellation.watching(listener));
        ModelVersion v = r.version();
        // the base model's composition groups, which fine-tuning and --repretrain keep (null without a base)
        Compositions.inherited(r.model().inputScaling().logRatio(), null).forEach(listener::log);
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "Model %s: %s on %d recorded rows%s -> %s", v.name(), v.method(),
                v.rows(), v.repretrained() ? " (re-pre-trained)" : "", o.dir().resolve("models").resolve(v.name())));
        for (TargetScore s : v.scores()) {
            summary.add(String.format(Locale.ROOT, "  %-26s CV RMSE %s  CV R2 %s  mean predicted std %s", s.target(),
                    CampaignStatus.fmt(s.cvRmse()), CampaignStatus.fmt(s.cvR2()), CampaignStatus.fmt(s.meanStd())));
        }
        if (!v.note().isEmpty()) {
            summary.add("Note: " + v.note());
        }
        return new Result(v, summary);
    }
}
