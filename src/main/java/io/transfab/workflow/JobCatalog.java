package io.transfab.workflow;

import io.transfab.data.DataException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The CLI commands that run as jobs (for the server): each kind reads its parameters into the options
 * record of its use case, with the CLI's validation, and runs it with the job's listener and cancellation.
 */
public final class JobCatalog {
    /** How one kind turns parameters into a job. */
    private record Kind<O extends Record>(Function<JobParams, O> options, PreparedJob.Runner<O> runner) {
        PreparedJob<O> prepare(JobParams params) {
            O o = options.apply(params);
            List<String> line = params.finish();
            return new PreparedJob<>(params.kind(), o, line, params.outputs(), runner);
        }
    }

    private static final Map<String, Kind<?>> KINDS = catalog();

    private JobCatalog() {
    }

    private static Map<String, Kind<?>> catalog() {
        Map<String, Kind<?>> k = new LinkedHashMap<>();
        k.put("pretrain", new Kind<>(Pretrain.Options::of, (o, l, c) -> Pretrain.of(o).run(l, c)));
        k.put("finetune", new Kind<>(Finetune.Options::of, (o, l, c) -> Finetune.of(o).run(l, c)));
        k.put("train", new Kind<>(TrainOptions::of, (o, l, c) -> Train.of(o).run(l, c).summary().forEach(l::info)));
        k.put("predict", new Kind<>(PredictOptions::of, (o, l, c) -> {
            Predict.Result r = Predict.of(o).run(l, c);
            l.info(r.summary());
            r.warnings().forEach(l::log);
            r.metrics().forEach(l::info);
        }));
        k.put("assess", new Kind<>(Assess.Options::of, (o, l, c) -> Assess.of(o).run(l, c)));
        k.put("explain", new Kind<>(Explain.Options::of, (o, l, c) -> Explain.of(o).run(l, c)));
        k.put("suggest", new Kind<>(Suggest.Options::of, (o, l, c) -> Suggest.of(o).run(l, c)));
        k.put("optimize", new Kind<>(Optimize.Options::of, (o, l, c) -> Optimize.of(o).run(l, c)));
        k.put("design", new Kind<>(Design.Options::of,
                (o, l, c) -> Design.of(o).run(l, c).summary().forEach(l::info)));
        k.put("demo", new Kind<>(Demo.Options::of, (o, l, c) -> Demo.of(o).run(l, c)));
        return k;
    }

    /** The job kinds, in the order of the CLI's help. */
    public static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * A job ready to run.
     *
     * @param params    the command's long option names without dashes -> value (lists comma-separated, flags
     *                  "true"); file options are paths relative to the workspace
     * @param workspace an existing directory
     * @throws DataException for an unknown kind or option, a bad value, a missing output option, or a path
     *                       escaping the workspace ({@code ..}, absolute, a link out): one line naming it
     */
    public static PreparedJob<?> prepare(String kind, Map<String, String> params, Path workspace) {
        Kind<?> k = KINDS.get(Objects.requireNonNull(kind, "kind"));
        if (k == null) {
            throw DataException.option("unknown job kind '" + kind + "'; choose one of " + String.join(", ", kinds()));
        }
        return k.prepare(JobParams.of(kind, params, workspace));
    }
}
