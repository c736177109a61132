package io.transfab.cli;

import io.transfab.workflow.Assess;
import io.transfab.workflow.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Learning curves and an honest comparison of transfer learning against training from scratch. */
@Command(name = "assess", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Does transfer learning help with my few target experiments, and how sure are we? Trains every "
                + "method on seeded draws of 5, 10, 20, 40... target rows and on a resampling of the whole target "
                + "table, scores them on held-out rows, compares transfer against a non-transfer method fixed "
                + "before the test (--baseline, or chosen by inner cross-validation inside each draw) with the "
                + "corrected resampled t-test and Holm's adjustment, and saves the recommended model in "
                + "OUT/recommended. Without --source it compares mlp, ridge, gp and xgboost with each other.")
final class AssessCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "CSV", description = "Large source table (omit it to compare the "
            + "non-transfer methods on the target alone, e.g. by --groups resampling).")
    Path source;

    @Option(names = "--target", required = true, paramLabel = "CSV", description = "Small target table.")
    Path target;

    @Option(names = "--test", paramLabel = "CSV", description = "Separate target test table (default: score on the "
            + "target rows left out of each draw).")
    Path test;

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Manufacturing parameters (required "
            + "unless the target or source table has a roles file beside it, e.g. x.csv -> x.roles.yaml).")
    List<String> features = new ArrayList<>();

    @Option(names = "--targets", split = ",", paramLabel = "COL",
            description = "Measured properties to predict (default: the roles file's targets).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "COL", description = "Columns to leave out.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--sizes", split = ",", defaultValue = "5,10,20,40,all", paramLabel = "N",
            description = "Target training sizes of the learning curve; 'all' = every target row (default: "
                    + "${DEFAULT-VALUE}). Sizes not below the target row count need --test.")
    List<String> sizes;

    @Option(names = "--repeats", defaultValue = "10", description = "Seeded draws per size (default: "
            + "${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--methods", split = ",", description = "Methods to compare (default: mlp,ridge,gp,xgboost,"
            + "full,freeze,head,l2sp,auto,transfer-gp; with image or series features: hybrid-transfer,"
            + "hybrid-scratch,gp,ridge,xgboost, the tabular ones on the tabular columns only).")
    List<String> methods;

    @Option(names = "--baseline", paramLabel = "METHOD", description = "The non-transfer method (gp, ridge, xgboost "
            + "or mlp) the verdicts compare with (default: chosen inside each draw by inner cross-validation on its "
            + "training rows; without --source: compare every pair of methods).")
    String baseline;

    @Option(names = "--protocol", defaultValue = "kfold", description = "Resampling of the whole target table: kfold, "
            + "repeated-kfold, loo or group-kfold (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--folds", defaultValue = "5", description = "Folds of the resampling (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--cv-repeats", defaultValue = "3", description = "Repeats of repeated-kfold (default: "
            + "${DEFAULT-VALUE}).")
    int cvRepeats;

    @Option(names = "--groups", paramLabel = "COL", description = "Column whose values (batch, equipment, operator) "
            + "never sit on both sides of a split; implies --protocol group-kfold.")
    String groups;

    @Option(names = "--ensemble", defaultValue = "3", description = "Networks per ensemble (default: "
            + "${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--epochs", paramLabel = "N", description = "Image or series features only: most epochs of the "
            + "hybrid's pre-training on the source (default: 40, with early stopping).")
    Integer epochs;

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "Image or series features only: epochs of "
            + "hybrid-transfer's fine-tuning on each draw; hybrid-scratch trains twice as many (default: 100).")
    Integer finetuneEpochs;

    @Option(names = "--jobs", description = "Parallel splits (default: the number of processors).")
    Integer jobs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    CompletenessOptions completeness;

    @Mixin
    OutputOptions output;

    @Mixin
    MediaRootOptions media;

    @Mixin
    CompositionOptions composition;

    @Mixin
    CommonOptions common;

    @Mixin
    ExecutorOptions executor;

    /** The options record of the use case; --sizes, --methods and --baseline are checked here. */
    Assess.Options options() {
        return new Assess.Options(source, target, test, features, targets, ignore, sizes, repeats, methods, baseline,
                protocol, folds, cvRepeats, groups, ensemble, epochs, finetuneEpochs, jobs, out,
                completeness.dropIncomplete, output.force, media.mediaRoot, common.seed, executor.kind(),
                executor.master, composition.composition);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Assess.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
