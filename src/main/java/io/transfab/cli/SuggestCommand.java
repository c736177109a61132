package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Suggest;
import java.nio.file.Path;
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
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    /** The options record of the use case; --goal, --n and --level are checked here. */
    Suggest.Options options() {
        return new Suggest.Options(model, space, runs, goal, out, intervals.level, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Suggest.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
