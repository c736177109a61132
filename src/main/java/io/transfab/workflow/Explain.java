package io.transfab.workflow;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.explain.ExplainOptions;
import io.transfab.explain.ExplainOutput;
import io.transfab.explain.Explainer;
import io.transfab.explain.Explanation;
import io.transfab.explain.HybridExplainer;
import io.transfab.explain.ShapMethod;
import io.transfab.explain.ShapOptions;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code explain}: Shapley values, importances and dependence plots of a saved model on a table, written
 * to an explanation directory (shap.csv, importance.csv, explain.html); the summary goes to
 * {@link JobListener#info}.
 */
public final class Explain {
    /**
     * The options of {@code explain}.
     *
     * @param background     reference rows, or null for a seeded sample of --data
     * @param backgroundSize rows sampled as background; 0 = automatic
     * @param method         auto, exact or kernel
     * @param threads        threads calling the model, or null for the processors (at most 4)
     * @param row            0-based data row of the waterfall plot
     */
    public record Options(Path model, Path data, Path background, int backgroundSize, String method,
            int kernelCoalitions, Integer threads, int row, Path out, boolean force, Path mediaRoot, long seed) {
        public Options {
            Objects.requireNonNull(model, "--model");
            Objects.requireNonNull(data, "--data");
            Objects.requireNonNull(out, "--out");
            shapMethod(method);
        }

        static Options of(JobParams p) {
            Integer backgroundSize = p.integer("background-size");
            Integer coalitions = p.integer("kernel-coalitions");
            Integer row = p.integer("row");
            return new Options(p.requiredPath("model"), p.requiredPath("data"), p.path("background"),
                    backgroundSize != null ? backgroundSize : 0, p.string("method", "auto"),
                    coalitions != null ? coalitions : 2048, p.integer("threads"), row != null ? row : 0,
                    p.output("out"), p.flag("force"), p.path("media-root"), p.seed());
        }

        /** --method as the SHAP method. */
        public ShapMethod shapMethod() {
            return shapMethod(method);
        }

        private static ShapMethod shapMethod(String method) {
            try {
                return ShapMethod.valueOf(method.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw DataException.option("unknown --method '" + method + "'; choose auto, exact or kernel");
            }
        }
    }

    private final Options options;

    private Explain(Options options) {
        this.options = options;
    }

    public static Explain of(Options options) {
        return new Explain(options);
    }

    /** Where the explanation was written, and the explanation. */
    public record Result(OutputTarget target, Explanation explanation) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        ShapMethod m = o.shapMethod();
        int th = o.threads() != null ? o.threads() : Math.min(4, Runtime.getRuntime().availableProcessors());
        ExplainOptions explain = ExplainOptions.defaults().withBackgroundSize(o.backgroundSize())
                .withShap(new ShapOptions(m, o.kernelCoalitions(), th));
        OutputTarget target = Outputs.directory(o.out(), OutputKind.EXPLANATION, o.force(), o.model(), o.data(),
                o.background());
        Table table = TableSettings.withMediaRoot(CsvReader.read(o.data()), o.mediaRoot());
        Explainer.requireRow(table, o.row());
        Table bg = o.background() == null ? null
                : TableSettings.withMediaRoot(CsvReader.read(o.background()), o.mediaRoot());
        Progress progress = cancellation.watching(listener);
        cancellation.check();
        Explanation e;
        String modelMethod;
        if (HybridModel.isHybrid(o.model())) {
            // images and series are one player each; see HybridExplainer
            HybridModel hybrid = SavedModels.hybrid(o.model(), listener);
            modelMethod = hybrid.method();
            e = HybridExplainer.run(hybrid, table, bg, explain, o.seed(), progress);
        } else {
            TrainedModel trained = SavedModels.tabular(o.model(), listener);
            modelMethod = trained.method();
            e = Explainer.run(trained, table, bg, explain, o.seed(), progress);
        }
        cancellation.check();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", o.model().toString());
        settings.put("model method", modelMethod);
        settings.put("data", o.data().toString());
        settings.put("background option", o.background() == null ? "(sample of data)" : o.background().toString());
        settings.put("requested method", m.name().toLowerCase(Locale.ROOT));
        settings.put("kernel coalitions", o.kernelCoalitions());
        settings.put("threads", th);
        settings.put("waterfall row", o.row());
        settings.put("seed", o.seed());
        ExplainOutput.write(target, e, o.row(), settings);
        Outputs.replaced(target).forEach(listener::info);
        listener.info(String.format("Explained %d rows x %d targets (%s, background: %s) in %.1f s -> %s",
                e.shap().rowCount(), e.shap().targets().size(), e.shap().method().name().toLowerCase(Locale.ROOT),
                e.background().source(), e.seconds().values().stream().mapToDouble(Double::doubleValue).sum(),
                o.out()));
        for (int t = 0; t < e.shap().targets().size(); t++) {
            int[] rank = e.importance().ranking(t);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < Math.min(3, rank.length); k++) {
                sb.append(k == 0 ? "" : ", ").append(e.shap().players().get(rank[k]));
            }
            listener.info(String.format("  %-24s driven most by %s", e.shap().targets().get(t), sb));
        }
        return new Result(target, e);
    }
}
