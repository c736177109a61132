package io.transfab.cli;

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
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import io.transfab.workflow.SavedModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shapley values, importances and dependence plots of a saved model on a table. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explain a saved model: Shapley values of every row and target per manufacturing parameter "
                + "(for a hybrid model the images and the series are one player each) (shap.csv), importances (importance.csv), partial dependence and an HTML report (explain.html).")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows to explain (every row); "
            + "with the measured targets also used for permutation importance.")
    Path data;

    @Option(names = "--background", paramLabel = "CSV", description = "Reference rows for the base value and for "
            + "the parameters a coalition leaves out (default: a seeded sample of --data).")
    Path background;

    @Option(names = "--background-size", defaultValue = "0", paramLabel = "N", description = "Rows sampled from "
            + "--data as background when --background is not given; 0 = automatic, 10..100 rows as fit about "
            + "500000 model evaluations (default: ${DEFAULT-VALUE}).")
    int backgroundSize;

    @Option(names = "--method", defaultValue = "auto", description = "auto (exact up to 12 parameters, kernel "
            + "above), exact or kernel (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--kernel-coalitions", defaultValue = "2048", paramLabel = "N", description = "Coalitions "
            + "sampled per row in kernel mode (default: ${DEFAULT-VALUE}).")
    int kernelCoalitions;

    @Option(names = "--threads", paramLabel = "N", description = "Threads calling the model; results do not "
            + "depend on it (default: the processors, at most 4).")
    Integer threads;

    @Option(names = "--row", defaultValue = "0", paramLabel = "N", description = "0-based data row for the "
            + "waterfall plot (default: ${DEFAULT-VALUE}).")
    int row;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    MediaRootOptions media;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ShapMethod m;
        try {
            m = ShapMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DataException.option("unknown --method '" + method + "'; choose auto, exact or kernel");
        }
        int th = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        ExplainOptions options = ExplainOptions.defaults().withBackgroundSize(backgroundSize)
                .withShap(new ShapOptions(m, kernelCoalitions, th));
        OutputTarget target = output.directory(out, OutputKind.EXPLANATION, model, data, background);
        Table table = media.apply(CsvReader.read(data));
        Explainer.requireRow(table, row);
        Table bg = background == null ? null : media.apply(CsvReader.read(background));
        ProgressBar bar = common.progress();
        Explanation e;
        String modelMethod;
        if (HybridModel.isHybrid(model)) {
            // images and series are one player each; see HybridExplainer
            HybridModel hybrid = SavedModels.hybrid(model, CliListener.stderr());
            modelMethod = hybrid.method();
            e = HybridExplainer.run(hybrid, table, bg, options, common.seed, bar);
        } else {
            TrainedModel trained = SavedModels.tabular(model, CliListener.stderr());
            modelMethod = trained.method();
            e = Explainer.run(trained, table, bg, options, common.seed, bar);
        }
        bar.finishLine();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", model.toString());
        settings.put("model method", modelMethod);
        settings.put("data", data.toString());
        settings.put("background option", background == null ? "(sample of data)" : background.toString());
        settings.put("requested method", m.name().toLowerCase(Locale.ROOT));
        settings.put("kernel coalitions", kernelCoalitions);
        settings.put("threads", th);
        settings.put("waterfall row", row);
        settings.put("seed", common.seed);
        ExplainOutput.write(target, e, row, settings);
        OutputOptions.printReplaced(target, System.out);
        System.out.printf("Explained %d rows x %d targets (%s, background: %s) in %.1f s -> %s%n",
                e.shap().rowCount(), e.shap().targets().size(), e.shap().method().name().toLowerCase(Locale.ROOT),
                e.background().source(), e.seconds().values().stream().mapToDouble(Double::doubleValue).sum(), out);
        for (int t = 0; t < e.shap().targets().size(); t++) {
            int[] rank = e.importance().ranking(t);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < Math.min(3, rank.length); k++) {
                sb.append(k == 0 ? "" : ", ").append(e.shap().players().get(rank[k]));
            }
            System.out.printf("  %-24s driven most by %s%n", e.shap().targets().get(t), sb);
        }
        return 0;
    }
}
