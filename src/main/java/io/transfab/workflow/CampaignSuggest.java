package io.transfab.workflow;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.SuggestRequest;
import io.transfab.design.DesignMethod;
import io.transfab.design.SuggestGoal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code campaign suggest}: the next round, a designed plan while nothing is recorded, then the latest model's
 * proposals for the goal.
 */
public final class CampaignSuggest {
    private final Options options;

    private CampaignSuggest(Options options) {
        this.options = options;
    }

    public static CampaignSuggest of(Options options) {
        return new CampaignSuggest(options);
    }

    /** The options of {@code campaign suggest}; --goal and --method are parsed here. */
    public record Options(Path dir, int runs, SuggestGoal goal, DesignMethod method, long seed) {
        public Options {
            Objects.requireNonNull(dir, "--dir");
            Objects.requireNonNull(goal, "--goal");
            Objects.requireNonNull(method, "--method");
        }

        public static Options of(Path dir, int runs, String goal, String method, long seed) {
            return new Options(dir, runs, SuggestGoal.parse(goal), DesignMethod.fromCliName(method), seed);
        }
    }

    /**
     * The round written; the CLI prints {@code summary}, then the suggestions as CSV, then the notes.
     */
    public record Result(Campaign.Suggested suggested, String summary, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        SuggestRequest request = new SuggestRequest(o.goal(), o.runs(), o.method(), o.seed());
        Campaign c = Campaign.open(o.dir());
        cancellation.check();
        Campaign.Suggested s = c.suggest(request);
        String summary = String.format(Locale.ROOT, "Round %d (%s, goal %s): %d suggestions -> %s", s.round().round(),
                s.round().origin(), s.round().goal(), s.round().suggestions(),
                o.dir().resolve("rounds").resolve(s.round().name()).resolve("suggestions.csv"));
        return new Result(s, summary, s.notes().stream().map(n -> "Note: " + n).toList());
    }
}
