package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Pretrain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Pre-trains a network (ensemble) on the large source table. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pre-train a neural network (an ensemble of K seeded networks) on the source table.")
final class PretrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--ensemble", defaultValue = "5", description = "Networks with different seeds; their spread "
            + "is the uncertainty and fine-tuning adapts each (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Mixin
    NetworkOptions network;

    @Mixin
    DomainOptions domains;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; the domain options are checked here. */
    Pretrain.Options options() {
        return new Pretrain.Options(data.settings(), out, ensemble, network.settings(), domains.settings(),
                output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Pretrain.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
