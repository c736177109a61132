package io.transfab.workflow;

import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Proposal;
import io.transfab.design.SuggestGoal;
import io.transfab.design.SuggestOptions;
import io.transfab.design.Suggester;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code suggest}: the next experiments for a goal, from a saved model over a parameter space, written as a
 * CSV with predictions and intervals at --level; the summary goes to {@link JobListener#info}.
 */
public final class Suggest {
    /**
     * The options of {@code suggest}.
     *
     * @param runs  experiments to propose
     * @param goal  explore, maximize:Y, minimize:Y or target:Y=VALUE
     * @param level coverage of the interval columns, in (0, 1)
     * @param force replace an --out that transfab did not write
     */
    public record Options(Path model, Path space, int runs, String goal, Path out, double level, boolean force,
            long seed) {
        public Options {
            Objects.requireNonNull(model, "--model");
            Objects.requireNonNull(space, "--space");
            Objects.requireNonNull(goal, "--goal");
            Objects.requireNonNull(out, "--out");
            suggestOptions(goal, runs, seed);
            Intervals.checkLevel(level);
        }

        static Options of(JobParams p) {
            return new Options(p.requiredPath("model"), p.requiredPath("space"), requiredInt(p, "n"),
                    p.required("goal"), p.output("out"), p.number("level", 0.9), p.flag("force"), p.seed());
        }

        private static SuggestOptions suggestOptions(String goal, int runs, long seed) {
            return SuggestOptions.of(SuggestGoal.parse(goal), runs, seed);
        }
    }

    /** A required integer option of a job. */
    static int requiredInt(JobParams p, String name) {
        p.required(name);
        return p.integer(name);
    }

    private final Options options;

    private Suggest(Options options) {
        this.options = options;
    }

    public static Suggest of(Options options) {
        return new Suggest(options);
    }

    /** The proposed experiments (also in --out). */
    public record Result(Proposal proposal) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget target = Outputs.file(o.out(), OutputKind.SUGGESTIONS, o.force(), o.space(), o.model());
        SuggestOptions suggest = Options.suggestOptions(o.goal(), o.runs(), o.seed());
        ParameterSpace s = ParameterSpace.read(o.space());
        TrainedModel m = SavedModels.tabular(o.model(), listener);
        cancellation.check();
        Proposal p = Suggester.suggest(m, s, suggest, o.space().toString());
        cancellation.check();
        Intervals.writeProposal(m, p, target, o.level(), listener).forEach(listener::info);
        p.space().compositionLines().forEach(listener::info);
        listener.info(String.format(Locale.ROOT, "Suggest: %s, %d points from %d feasible candidates -> %s",
                o.goal().strip(), p.runs(), p.candidates(), o.out()));
        if (p.runs() > 1) {
            listener.info(String.format(Locale.ROOT, "Min pairwise distance (unit cube): %.4f (exclusion radius %.4f)",
                    p.minPairwiseDistance(), p.radius()));
        }
        return new Result(p);
    }
}
