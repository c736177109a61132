package io.transfab.cli;

import io.transfab.assess.AssessmentReport;
import io.transfab.assess.AssessmentRun;
import io.transfab.assess.HybridAssessment;
import io.transfab.assess.Method;
import io.transfab.data.ColumnChoice;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.workflow.TableSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    static final List<String> TABULAR_DEFAULT = List.of("mlp", "ridge", "gp", "xgboost", "full", "freeze", "head",
            "l2sp", "auto", "transfer-gp");

    static final List<String> SOURCELESS_DEFAULT = List.of("mlp", "ridge", "gp", "xgboost");

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
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        OutputTarget destination = output.directory(out, OutputKind.ASSESSMENT, source, target, test);
        Table srcRaw = source == null ? null : media.apply(CsvReader.read(source));
        Table tgtRaw = media.apply(CsvReader.read(target));
        ColumnChoice choice = ColumnChoice.of(target, tgtRaw, features, targets, ignore, groups, null);
        if (choice.roles() == null && srcRaw != null) {
            choice = ColumnChoice.of(source, srcRaw, features, targets, ignore, groups, null);
        }
        List<String> featureList = choice.features();
        List<String> targetList = choice.targets();
        String groupColumn = choice.group();
        Table src = srcRaw == null ? null : TableSettings.complete(srcRaw, choice, completeness.dropIncomplete, CliListener.stderr()).table();
        Table tgt = TableSettings.complete(tgtRaw, choice, completeness.dropIncomplete, CliListener.stderr()).table();
        Table tst = test == null ? null : TableSettings.complete(media.apply(CsvReader.read(test)), choice, completeness.dropIncomplete, CliListener.stderr()).table();
        if (src != null) {
            Dataset.requireTrainingRows(src);
        }
        Dataset.requireTrainingRows(tgt);
        Schema schema = Schema.infer(src != null ? src : tgt, featureList, targetList, ignore);
        boolean hybrid = schema.hasMedia();
        if (src == null && hybrid) {
            throw DataException.option("image or series features need --source (the hybrid assessment "
                    + "pre-trains on it)");
        }
        if (!hybrid) {
            TableSettings.warnLeakage(Dataset.of(tgt, schema), CliListener.stderr());
        }
        List<String> chosen = methods != null ? methods : src == null ? SOURCELESS_DEFAULT : hybrid
                ? HybridAssessment.DEFAULT_METHODS.stream().map(Method::cliName).toList() : TABULAR_DEFAULT;
        List<Method> ms = new ArrayList<>();
        for (String m : chosen) {
            Method method = Method.fromCliName(m);
            if (!ms.contains(method)) {
                ms.add(method);
            }
        }
        List<Integer> sizeList = new ArrayList<>();
        for (String s : sizes) {
            if (s.trim().equalsIgnoreCase("all")) {
                sizeList.add(Integer.MAX_VALUE);
            } else {
                try {
                    sizeList.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    throw DataException.option("--sizes takes numbers and 'all'; got '" + s + "'");
                }
            }
        }
        String proto = groupColumn != null ? "group-kfold" : protocol.toLowerCase(Locale.ROOT);
        if (proto.equals("group-kfold") && groupColumn == null) {
            throw DataException.of(target.toString(), "--protocol group-kfold needs --groups COLUMN");
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        AssessmentRun.Settings settings = new AssessmentRun.Settings(featureList, targetList, ignore, sizeList,
                repeats, ms, proto, folds, cvRepeats, groupColumn, ensemble, threads, common.seed,
                baseline == null ? null : Method.fromCliName(baseline));
        ProgressBar bar = common.progress();
        if (!hybrid && (epochs != null || finetuneEpochs != null)) {
            throw DataException.option("--epochs and --finetune-epochs apply to image or series features "
                    + "(the hybrid network) only; the tabular assessment uses the MLP defaults");
        }
        if (hybrid) {
            HybridOptions network = HybridOptions.defaults();
            if (epochs != null) {
                network = network.withTraining(network.training().withMaxEpochs(epochs));
            }
            if (finetuneEpochs != null && finetuneEpochs < 1) {
                // checked here: TrainingOptions would name the value --epochs
                throw DataException.option("--finetune-epochs must be at least 1, got " + finetuneEpochs);
            }
            TrainingOptions fineTune = finetuneEpochs == null ? HybridCommands.FINE_TUNE
                    : HybridCommands.FINE_TUNE.withMaxEpochs(finetuneEpochs);
            HybridAssessment.Outcome o = HybridAssessment.run(src, tgt, tst, settings, network, fineTune, destination,
                    bar);
            bar.finishLine();
            OutputOptions.printReplaced(destination, System.out);
            HybridAssessment.printSummary(o, out, System.out);
            return 0;
        }
        AssessmentRun.Outcome outcome = AssessmentRun.run(src, tgt, tst, settings, destination, bar);
        bar.finishLine();
        OutputOptions.printReplaced(destination, System.out);
        AssessmentReport.printSummary(outcome, out, System.out);
        return 0;
    }
}
