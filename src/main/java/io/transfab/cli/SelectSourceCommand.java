package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.SelectSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Ranks candidate source tables for a target table and pre-trains on the chosen one. */
@Command(name = "select-source", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rank candidate source tables (and their union) by how much pre-training on each helps on the "
                + "target (k-fold CV of fine-tuning vs a network from scratch) and by parameter shift; optionally "
                + "pre-train on the best. See docs/transfer.md, 'Choosing a source'.")
final class SelectSourceCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CSV", description = "A candidate source table; "
            + "repeat for each candidate.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--target", required = true, paramLabel = "CSV", description = "The small target table.")
    Path target;

    @Option(names = "--targets", required = true, split = ",", paramLabel = "COL", description = "Measured "
            + "properties to predict; every table needs them.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Manufacturing parameters (required "
            + "unless the target table has a roles file beside it, e.g. x.csv -> x.roles.yaml).")
    List<String> features = new ArrayList<>();

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds on the target (default: "
            + "${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for ranking.csv, "
            + "ranking.json, union.csv and the pre-trained base model (DIR/base).")
    Path out;

    @Option(names = "--pretrain", defaultValue = "best", description = "best, union or none: pre-train on the "
            + "top-ranked candidate, on the union of all sources, or not at all (default: ${DEFAULT-VALUE}).")
    String pretrain;

    @Option(names = "--strategy", defaultValue = "l2sp", description = "Fine-tuning strategy inside the CV: full, "
            + "freeze, head or l2sp (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--cv-epochs", defaultValue = "100", description = "Pre-training epochs of each candidate inside "
            + "the selection (default: ${DEFAULT-VALUE}); --epochs sets those of the final base model.")
    int cvEpochs;

    @Option(names = "--ensemble", defaultValue = "3", description = "Networks of the final base model "
            + "(default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Mixin
    NetworkOptions network;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Mixin
    ExecutorOptions executor;

    /** The options record of the use case; --pretrain, --cv-epochs and --strategy are checked here. */
    SelectSource.Options options() {
        return new SelectSource.Options(sources, target, targets, features, folds, out, pretrain, strategy, cvEpochs,
                ensemble, network.settings(), output.force, common.seed, executor.kind(), executor.master);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        SelectSource.Result result = SelectSource.of(options()).run(listener, Cancellation.none());
        listener.finish();
        result.summary().forEach(System.out::println);
        return 0;
    }
}
