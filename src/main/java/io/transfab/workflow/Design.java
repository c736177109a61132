package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.design.DesignMethod;
import io.transfab.design.DesignOptions;
import io.transfab.design.Designer;
import io.transfab.design.ModelBasedDesigner;
import io.transfab.design.ModelForm;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Plan;
import io.transfab.design.SpaceResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code design}: a plan of experiments over a parameter space file, written as CSV (see docs/design.md). */
public final class Design {
    private final Options options;

    private Design(Options options) {
        this.options = options;
    }

    public static Design of(Options options) {
        return new Design(options);
    }

    /**
     * The options of {@code design}.
     *
     * @param base    the model whose bends inflection and informative locate, or null for the other methods
     * @param targets properties of {@code base} to analyse (empty: all of the model's)
     * @param force   replace an --out that transfab did not write
     */
    public record Options(Path space, int runs, DesignMethod method, Path base, List<String> targets, int levels,
            ModelForm model, Path out, boolean force, long seed) {
        public Options {
            Objects.requireNonNull(space, "--space");
            Objects.requireNonNull(method, "--method");
            Objects.requireNonNull(model, "--model");
            Objects.requireNonNull(out, "--out");
            targets = List.copyOf(targets);
            if (method.needsModel() && base == null) {
                throw DataException.option("--method " + method.cliName() + " reads a model: give --base MODEL_DIR");
            }
            if (!method.needsModel() && (base != null || !targets.isEmpty())) {
                throw DataException.option(
                        "--base and --targets are read by --method inflection and informative only");
            }
        }

        static Options of(JobParams p) {
            Integer levels = p.integer("levels");
            return new Options(p.requiredPath("space"), Suggest.requiredInt(p, "n"),
                    DesignMethod.fromCliName(p.string("method", "lhs")), p.path("base"), p.list("targets"),
                    levels != null ? levels : 3, ModelForm.fromCliName(p.string("model", "quadratic")),
                    p.output("out"), p.flag("force"), p.seed());
        }
    }

    /** The written plan and the summary the CLI prints. */
    public record Result(Plan plan, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget target = Outputs.file(o.out(), OutputKind.DESIGN_PLAN, o.force(), o.space(), o.base());
        DesignOptions design = new DesignOptions(o.method(), o.runs(), o.levels(), o.model(), o.seed());
        ParameterSpace s = ParameterSpace.read(o.space());
        cancellation.check();
        Plan plan = o.method().needsModel()
                ? ModelBasedDesigner.design(s, design, SpaceResponse.of(SavedModels.tabular(o.base(), listener), s,
                        o.space().toString(), o.targets()))
                : Designer.design(s, design);
        cancellation.check();
        List<String> summary = new ArrayList<>(Outputs.writeCsv(target, plan.toTable(o.out().toString())));
        summary.add(String.format(Locale.ROOT, "Design: %s, %d runs, %d parameters, %d constraints -> %s",
                design.method().cliName(), plan.runs(), s.dimension(), s.constraints().size(), o.out()));
        if (plan.runs() > 1) {
            summary.add(String.format(Locale.ROOT, "Min pairwise distance (unit cube): %.4f", plan.minPairwiseDistance()));
        }
        if (plan.dEfficiency().isPresent()) {
            summary.add(String.format(Locale.ROOT, "D-efficiency (%s model): %.1f%%",
                    design.model().name().toLowerCase(Locale.ROOT), plan.dEfficiency().getAsDouble()));
        }
        summary.addAll(s.compositionLines());
        for (String note : plan.notes()) {
            summary.add("Note: " + note);
        }
        return new Result(plan, summary);
    }
}
