package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Optimize;
import java.nio.file.Path;
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
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    /** The options record of the use case; --goal, --n and --level are checked here. */
    Optimize.Options options() {
        return new Optimize.Options(model, space, goal, runs, out, intervals.level, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Optimize.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
