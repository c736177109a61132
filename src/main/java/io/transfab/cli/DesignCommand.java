package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.design.DesignMethod;
import io.transfab.design.DesignOptions;
import io.transfab.design.Designer;
import io.transfab.design.ModelBasedDesigner;
import io.transfab.design.ModelForm;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Plan;
import io.transfab.design.SpaceResponse;
import io.transfab.workflow.SavedModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        DesignMethod m = DesignMethod.fromCliName(method);
        if (m.needsModel() && base == null) {
            throw DataException.option("--method " + m.cliName() + " reads a model: give --base MODEL_DIR");
        }
        if (!m.needsModel() && (base != null || !targets.isEmpty())) {
            throw DataException.option("--base and --targets are read by --method inflection and informative only");
        }
        AtomicOutput.checkFile(out, base == null ? List.of(space) : List.of(space, base));
        DesignOptions options = new DesignOptions(m, runs, levels, ModelForm.fromCliName(model), common.seed);
        ParameterSpace s = ParameterSpace.read(space);
        Plan plan = m.needsModel()
                ? ModelBasedDesigner.design(s, options, SpaceResponse.of(SavedModels.tabular(base, CliListener.stderr()), s,
                        space.toString(), targets))
                : Designer.design(s, options);
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
