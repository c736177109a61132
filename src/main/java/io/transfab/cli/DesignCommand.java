package io.transfab.cli;

import io.transfab.design.DesignMethod;
import io.transfab.design.ModelForm;
import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Design;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plans experiments over a parameter space file (see docs/design.md). */
@Command(name = "design", mixinStandardHelpOptions = true, description = "Plan experiments over a YAML parameter "
        + "space: Latin hypercube, Sobol, factorial, extremes, D-optimal, or from a model's bends (inflection, "
        + "informative; see docs/design.md).")
final class DesignCommand implements Callable<Integer> {
    @Option(names = "--space", required = true, paramLabel = "YAML", description = "Parameter space file.")
    Path space;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of experiments.")
    int runs;

    @Option(names = "--method", defaultValue = "lhs", description = "lhs, sobol, factorial, extremes, dopt, "
            + "inflection or informative (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--base", paramLabel = "DIR", description = "Model (pre-trained or trained) whose bends "
            + "inflection and informative locate.")
    Path base;

    @Option(names = "--targets", split = ",", paramLabel = "Y", description = "Properties of --base to analyse, "
            + "comma-separated (default: all of the model's).")
    List<String> targets = List.of();

    @Option(names = "--levels", defaultValue = "3", description = "Levels per numeric parameter for factorial "
            + "(default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--model", defaultValue = "quadratic", description = "Model for dopt: linear or quadratic "
            + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output plan CSV.")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; --method, --model and --base/--targets are checked here. */
    Design.Options options() {
        return new Design.Options(space, runs, DesignMethod.fromCliName(method), base, targets, levels,
                ModelForm.fromCliName(model), out, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        Design.Result result = Design.of(options()).run(CliListener.stderr(), Cancellation.none());
        result.summary().forEach(System.out::println);
        return 0;
    }
}
