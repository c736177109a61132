package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Proposal;
import io.transfab.design.SuggestGoal;
import io.transfab.design.SuggestOptions;
import io.transfab.design.Suggester;
import io.transfab.model.TrainedModel;
import io.transfab.workflow.SavedModels;
import io.transfab.workflow.Intervals;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Proposes the next experiments for a trained model (see docs/design.md). */
@Command(name = "suggest", mixinStandardHelpOptions = true, description = "Propose the next N experiments inside a "
        + "parameter space for a trained model: explore, maximize:Y, minimize:Y or target:Y=VALUE (see docs/design.md).")
final class SuggestCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--space", required = true, paramLabel = "YAML", description = "Parameter space file.")
    Path space;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of experiments to propose.")
    int runs;

    @Option(names = "--goal", required = true, description = "explore, maximize:Y, minimize:Y or target:Y=VALUE.")
    String goal;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV.")
    Path out;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    @Override
    public Integer call() throws Exception {
        AtomicOutput.checkFile(out, List.of(space));
        SuggestOptions options = SuggestOptions.of(SuggestGoal.parse(goal), runs, common.seed);
        ParameterSpace s = ParameterSpace.read(space);
        TrainedModel m = SavedModels.tabular(model, CliListener.stderr());
        Proposal p = Suggester.suggest(m, s, options, space.toString());
        CsvWriter.write(Intervals.append(p.toTable(out.toString()), p.targets(), intervals.of(m, p)), out);
        System.out.printf(Locale.ROOT, "Suggest: %s, %d points from %d feasible candidates -> %s%n", goal.strip(),
                p.runs(), p.candidates(), out);
        if (p.runs() > 1) {
            System.out.printf(Locale.ROOT, "Min pairwise distance (unit cube): %.4f (exclusion radius %.4f)%n",
                    p.minPairwiseDistance(), p.radius());
        }
        return 0;
    }
}
