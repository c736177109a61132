package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.design.DesignMethod;
import io.transfab.design.DesignOptions;
import io.transfab.design.Designer;
import io.transfab.design.ModelForm;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plans experiments over a parameter space file (see docs/design.md). */
@Command(name = "design", mixinStandardHelpOptions = true, description = "Plan experiments over a YAML parameter "
        + "space: Latin hypercube, Sobol, factorial, extremes or D-optimal (see docs/design.md).")
final class DesignCommand implements Callable<Integer> {
    @Option(names = "--space", required = true, paramLabel = "YAML", description = "Parameter space file.")
    Path space;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of experiments.")
    int runs;

    @Option(names = "--method", defaultValue = "lhs", description = "lhs, sobol, factorial, extremes or dopt "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--levels", defaultValue = "3", description = "Levels per numeric parameter for factorial "
            + "(default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--model", defaultValue = "quadratic", description = "Model for dopt: linear or quadratic "
            + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output plan CSV.")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        AtomicOutput.checkFile(out, List.of(space));
        DesignOptions options = new DesignOptions(DesignMethod.fromCliName(method), runs, levels,
                ModelForm.fromCliName(model), common.seed);
        ParameterSpace s = ParameterSpace.read(space);
        Plan plan = Designer.design(s, options);
        CsvWriter.write(plan.toTable(out.toString()), out);
        System.out.printf(Locale.ROOT, "Design: %s, %d runs, %d parameters, %d constraints -> %s%n",
                options.method().cliName(), plan.runs(), s.dimension(), s.constraints().size(), out);
        if (plan.runs() > 1) {
            System.out.printf(Locale.ROOT, "Min pairwise distance (unit cube): %.4f%n", plan.minPairwiseDistance());
        }
        if (plan.dEfficiency().isPresent()) {
            System.out.printf(Locale.ROOT, "D-efficiency (%s model): %.1f%%%n",
                    options.model().name().toLowerCase(Locale.ROOT), plan.dEfficiency().getAsDouble());
        }
        for (String note : plan.notes()) {
            System.out.println("Note: " + note);
        }
        return 0;
    }
}
