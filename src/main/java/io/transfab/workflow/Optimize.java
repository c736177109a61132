package io.transfab.workflow;

import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.design.InverseDesigner;
import io.transfab.design.Objective;
import io.transfab.design.OptimizeOptions;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Proposal;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code optimize}: inverse design, the top N diverse parameter sets whose predictions meet several goals,
 * written as a CSV with predictions and intervals at --level; the summary goes to {@link JobListener#info}.
 */
public final class Optimize {
    /**
     * The options of {@code optimize}.
     *
     * @param goal  comma-separated terms target:Y=VALUE, max:Y, min:Y
     * @param runs  parameter sets to return
     * @param level coverage of the interval columns, in (0, 1)
     * @param force replace an --out that transfab did not write
     */
    public record Options(Path model, Path space, String goal, int runs, Path out, double level, boolean force,
            long seed) {
        public Options {
            Objects.requireNonNull(model, "--model");
            Objects.requireNonNull(space, "--space");
            Objects.requireNonNull(goal, "--goal");
            Objects.requireNonNull(out, "--out");
            optimizeOptions(goal, runs, seed);
            Intervals.checkLevel(level);
        }

        static Options of(JobParams p) {
            Integer runs = p.integer("n");
            return new Options(p.requiredPath("model"), p.requiredPath("space"), p.required("goal"),
                    runs != null ? runs : 10, p.output("out"), p.number("level", 0.9), p.flag("force"), p.seed());
        }

        private static OptimizeOptions optimizeOptions(String goal, int runs, long seed) {
            return OptimizeOptions.of(Objective.parse(goal), runs, seed);
        }
    }

    private final Options options;

    private Optimize(Options options) {
        this.options = options;
    }

    public static Optimize of(Options options) {
        return new Optimize(options);
    }

    /** The parameter sets found (also in --out). */
    public record Result(Proposal proposal) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget target = Outputs.file(o.out(), OutputKind.OPTIMIZATION, o.force(), o.space(), o.model());
        OptimizeOptions optimize = Options.optimizeOptions(o.goal(), o.runs(), o.seed());
        ParameterSpace s = ParameterSpace.read(o.space());
        TrainedModel m = SavedModels.tabular(o.model(), listener);
        cancellation.check();
        Proposal p = InverseDesigner.optimize(m, s, optimize, o.space().toString());
        cancellation.check();
        Intervals.writeProposal(m, p, target, o.level(), listener).forEach(listener::info);
        p.space().compositionLines().forEach(listener::info);
        listener.info(String.format(Locale.ROOT, "Optimize: %s, top %d of %d scored points -> %s", o.goal().strip(),
                p.runs(), p.candidates(), o.out()));
        return new Result(p);
    }
}
