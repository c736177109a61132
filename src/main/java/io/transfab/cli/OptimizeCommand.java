package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.design.InverseDesigner;
import io.transfab.design.Objective;
import io.transfab.design.OptimizeOptions;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Proposal;
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

/** Inverse design: parameter sets whose predictions meet several goals (see docs/design.md). */
@Command(name = "optimize", mixinStandardHelpOptions = true, description = "Inverse design: the top N diverse "
        + "parameter sets for comma-separated goals target:Y=VALUE, max:Y, min:Y (see docs/design.md).")
final class OptimizeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--space", required = true, paramLabel = "YAML", description = "Parameter space file.")
    Path space;

    @Option(names = "--goal", required = true, description = "Comma-separated terms: target:Y=VALUE, max:Y, min:Y.")
    String goal;

    @Option(names = "--n", defaultValue = "10", paramLabel = "N", description = "Number of parameter sets "
            + "(default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV.")
    Path out;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    @Override
    public Integer call() throws Exception {
        AtomicOutput.checkFile(out, List.of(space));
        OptimizeOptions options = OptimizeOptions.of(Objective.parse(goal), runs, common.seed);
        ParameterSpace s = ParameterSpace.read(space);
        TrainedModel m = SavedModels.tabular(model, CliListener.stderr());
        Proposal p = InverseDesigner.optimize(m, s, options, space.toString());
        CsvWriter.write(Intervals.append(p.toTable(out.toString()), p.targets(), intervals.of(m, p)), out);
        System.out.printf(Locale.ROOT, "Optimize: %s, top %d of %d scored points -> %s%n", goal.strip(), p.runs(),
                p.candidates(), out);
        return 0;
    }
}
