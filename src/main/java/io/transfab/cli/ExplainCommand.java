package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Explain;
import java.nio.file.Path;
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

    /** The options record of the use case; --method is checked here. */
    Explain.Options options() {
        return new Explain.Options(model, data, background, backgroundSize, method, kernelCoalitions, threads, row,
                out, output.force, media.mediaRoot, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Explain.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
