package io.transfab.workflow;

import io.transfab.campaign.Campaign;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code campaign init}: a new campaign directory from a parameter space and the targets to measure. */
public final class CampaignInit {
    private final Options options;

    private CampaignInit(Options options) {
        this.options = options;
    }

    public static CampaignInit of(Options options) {
        return new CampaignInit(options);
    }

    /**
     * The options of {@code campaign init}.
     *
     * @param base   pre-trained model to fine-tune, or null for a Gaussian process from scratch
     * @param data   results that exist already, or null
     * @param source source table of the base model, or null
     */
    public record Options(Path dir, Path space, List<String> targets, Path base, Path data, Path source, long seed) {
        public Options {
            Objects.requireNonNull(dir, "--dir");
            Objects.requireNonNull(space, "--space");
            targets = List.copyOf(targets);
        }
    }

    /** The new campaign and the line the CLI prints. */
    public record Result(Campaign campaign, String summary) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        if (o.base() != null) {
            SavedModels.tabular(o.base(), listener); // for its load warnings; Campaign.init loads and copies it
        }
        cancellation.check();
        Campaign c = Campaign.init(o.dir(), new Campaign.Setup(o.space(), o.targets(), o.base(), o.data(), o.source(),
                o.seed()));
        return new Result(c, String.format(Locale.ROOT, "Campaign %s: %d parameters, targets %s, %s, %d results recorded",
                o.dir(), c.space().dimension(), String.join(", ", c.targets()), c.store().manifest().hasBase()
                        ? "fine-tuning the base model" : "Gaussian process from scratch",
                c.store().manifest().history().results()));
    }
}
