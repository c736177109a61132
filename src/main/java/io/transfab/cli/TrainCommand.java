package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.ModelChoice;
import io.transfab.workflow.Train;
import io.transfab.workflow.TrainOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a model from scratch on one table. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model from scratch on one table: mlp, ridge, gp (Matern 5/2 Gaussian process) or "
                + "xgboost.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--model", defaultValue = "gp", description = "mlp, ridge, gp or xgboost (default: "
            + "${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--ensemble", description = "Members with different seeds; prediction = mean, uncertainty = "
            + "spread (default: 5 for mlp, 1 otherwise; a GP gives its own predictive standard deviation).")
    Integer ensemble;

    @Mixin
    NetworkOptions network;

    @Mixin
    DomainOptions domains;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; --model and the domain options are checked here. */
    TrainOptions options() {
        return new TrainOptions(data.settings(), ModelChoice.fromCliName(model), out, ensemble, network.settings(),
                domains.settings(), output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Train.Result result = Train.of(options()).run(listener, Cancellation.none());
        listener.finish();
        result.summary().forEach(System.out::println);
        return 0;
    }
}
