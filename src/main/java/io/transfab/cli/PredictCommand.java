package io.transfab.cli;

import io.transfab.model.InputCheck;
import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Predict;
import io.transfab.workflow.PredictOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Predicts a table with a saved model: the input rows plus {@code <target>_pred} and {@code <target>_std}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict new rows with a saved model; writes the input rows plus <target>_pred, "
                + "<target>_std (calibrated std at 90 %%), <target>_lower and <target>_upper (interval at --level) columns (and domain_status for a model with a domain column). If the table also has the measured targets, prints R2/MAE/RMSE.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows to predict.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV; - writes it to "
            + "standard output (the summary then goes to standard error).")
    Path out;

    @Option(names = "--unseen-domain", paramLabel = "RULE", description = "For a model with a domain column: input "
            + "statistics of rows whose domain the model never saw: pooled (the training rows') or own-rows (their own "
            + "rows in this table, at least 5; else pooled) (default: pooled). Such rows are flagged in "
            + "domain_status and their adapter is the mean of the trained ones.")
    String unseenDomain;

    @Option(names = "--strict", description = "Refuse rows with a parameter outside the model's training range "
            + "(exit 2 naming the first row and column) instead of predicting and flagging them in "
            + InputCheck.OUTSIDE + " and " + InputCheck.EXCESS + ".")
    boolean strict;

    @Mixin
    MediaRootOptions media;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    /** The options record of the use case; --unseen-domain and --level are checked here. */
    PredictOptions options() {
        return new PredictOptions(model, data, out, PredictOptions.rule(unseenDomain), strict, media.mediaRoot,
                intervals.level, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        PredictOptions o = options();
        CliListener listener = common.listener();
        Predict.Result r = Predict.of(o).run(listener, Cancellation.none());
        listener.finish();
        PrintStream info = o.toStandardOutput() ? CsvOutput.writeToStandardOutput(r.table()) : System.out;
        info.println(r.summary());
        r.warnings().forEach(System.err::println);
        r.metrics().forEach(info::println);
        return 0;
    }
}
