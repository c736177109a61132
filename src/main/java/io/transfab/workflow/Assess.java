package io.transfab.workflow;

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
import io.transfab.model.Compositions;
import io.transfab.model.Progress;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.SweepExecutors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code assess}: learning curves and an honest comparison of transfer learning against training from
 * scratch, written to an assessment directory (resumable: finished units are kept); the summary goes to
 * {@link JobListener#info}.
 */
public final class Assess {
    /** --methods when left out, with a source table (tabular features). */
    public static final List<String> TABULAR_DEFAULT = List.of("mlp", "ridge", "gp", "xgboost", "full", "freeze",
            "head", "l2sp", "auto", "transfer-gp");
    /** --methods when left out, without a source table. */
    public static final List<String> SOURCELESS_DEFAULT = List.of("mlp", "ridge", "gp", "xgboost");
    /** --sizes when left out. */
    public static final List<String> DEFAULT_SIZES = List.of("5", "10", "20", "40", "all");

    /**
     * The options of {@code assess}.
     *
     * @param source   the large source table, or null to compare the non-transfer methods on the target alone
     * @param test     a separate target test table, or null
     * @param sizes    target training sizes, numbers or "all"
     * @param methods  the methods to compare, or null for the defaults
     * @param baseline the non-transfer method the verdicts compare with, or null (chosen inside each draw)
     * @param groups   column whose values never sit on both sides of a split, or null
     * @param jobs     parallel splits, or null for the number of processors
     * @param executor    where the splits run (docs/scale-out.md)
     * @param sparkMaster the Spark master with {@code --executor spark}, or null for the default
     * @param composition --composition (off, auto or a+b+c), or null: the roles file's (the target's, else
     *                    the source's), else auto
     */
    public record Options(Path source, Path target, Path test, List<String> features, List<String> targets,
            List<String> ignore, List<String> sizes, int repeats, List<String> methods, String baseline,
            String protocol, int folds, int cvRepeats, String groups, int ensemble, Integer epochs,
            Integer finetuneEpochs, Integer jobs, Path out, boolean dropIncomplete, boolean force, Path mediaRoot,
            long seed, ExecutorKind executor, String sparkMaster, String composition) {
        public Options {
            if (composition != null) {
                Compositions.Choice.parse(composition, "--composition"); // refuses a malformed value up front
            }
            executor = executor == null ? ExecutorKind.LOCAL : executor;
            Objects.requireNonNull(target, "--target");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(protocol, "--protocol");
            features = List.copyOf(features);
            targets = List.copyOf(targets);
            ignore = List.copyOf(ignore);
            sizes = List.copyOf(sizes);
            methods = methods == null ? null : List.copyOf(methods);
            sizeList(sizes);
            if (methods != null) {
                methods.forEach(Method::fromCliName);
            }
            if (baseline != null) {
                Method.fromCliName(baseline);
            }
        }

        static Options of(JobParams p) {
            List<String> sizes = p.list("sizes");
            String methods = p.string("methods");
            return new Options(p.path("source"), p.requiredPath("target"), p.path("test"), p.list("features"),
                    p.list("targets"), p.list("ignore"), sizes.isEmpty() ? DEFAULT_SIZES : sizes,
                    intOr(p, "repeats", 10), methods == null ? null : p.list("methods"), p.string("baseline"),
                    p.string("protocol", "kfold"), intOr(p, "folds", 5), intOr(p, "cv-repeats", 3),
                    p.string("groups"), intOr(p, "ensemble", 3), p.integer("epochs"), p.integer("finetune-epochs"),
                    p.integer("jobs"), p.output("out"), p.flag("drop-incomplete"), p.flag("force"),
                    p.path("media-root"), p.seed(), ExecutorKind.fromCliName(p.string("executor", "local")),
                    p.string("spark-master"), p.string("composition", null));
        }

        private static int intOr(JobParams p, String name, int defaultValue) {
            Integer v = p.integer(name);
            return v != null ? v : defaultValue;
        }
    }

    /** --sizes as numbers, "all" as {@link Integer#MAX_VALUE}. */
    static List<Integer> sizeList(List<String> sizes) {
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
        return sizeList;
    }

    private final Options options;

    private Assess(Options options) {
        this.options = options;
    }

    public static Assess of(Options options) {
        return new Assess(options);
    }

    /** Where the assessment was written; {@code tabular} or {@code hybrid} holds its outcome, the other is null. */
    public record Result(OutputTarget target, AssessmentRun.Outcome tabular, HybridAssessment.Outcome hybrid) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget destination = Outputs.directory(o.out(), OutputKind.ASSESSMENT, o.force(), o.source(),
                o.target(), o.test());
        Table srcRaw = o.source() == null ? null : read(o.source());
        Table tgtRaw = read(o.target());
        ColumnChoice choice = ColumnChoice.of(o.target(), tgtRaw, o.features(), o.targets(), o.ignore(), o.groups(),
                null);
        if (choice.roles() == null && srcRaw != null) {
            choice = ColumnChoice.of(o.source(), srcRaw, o.features(), o.targets(), o.ignore(), o.groups(), null);
        }
        List<String> featureList = choice.features();
        List<String> targetList = choice.targets();
        String groupColumn = choice.group();
        Table src = srcRaw == null ? null : complete(srcRaw, choice, listener);
        Table tgt = complete(tgtRaw, choice, listener);
        Table tst = o.test() == null ? null : complete(read(o.test()), choice, listener);
        if (src != null) {
            Dataset.requireTrainingRows(src);
        }
        Dataset.requireTrainingRows(tgt);
        Schema schema = Schema.infer(src != null ? src : tgt, featureList, targetList, o.ignore());
        boolean hybrid = schema.hasMedia();
        if (src == null && hybrid) {
            throw DataException.option("image or series features need --source (the hybrid assessment "
                    + "pre-trains on it)");
        }
        if (!hybrid) {
            TableSettings.warnLeakage(Dataset.of(tgt, schema), listener);
        }
        List<String> chosen = o.methods() != null ? o.methods() : src == null ? SOURCELESS_DEFAULT : hybrid
                ? HybridAssessment.DEFAULT_METHODS.stream().map(Method::cliName).toList() : TABULAR_DEFAULT;
        List<Method> ms = new ArrayList<>();
        for (String m : chosen) {
            Method method = Method.fromCliName(m);
            if (!ms.contains(method)) {
                ms.add(method);
            }
        }
        String proto = groupColumn != null ? "group-kfold" : o.protocol().toLowerCase(Locale.ROOT);
        if (proto.equals("group-kfold") && groupColumn == null) {
            throw DataException.of(o.target().toString(), "--protocol group-kfold needs --groups COLUMN");
        }
        int threads = o.jobs() != null ? o.jobs() : Runtime.getRuntime().availableProcessors();
        AssessmentRun.Settings settings = new AssessmentRun.Settings(featureList, targetList, o.ignore(),
                sizeList(o.sizes()), o.repeats(), ms, proto, o.folds(), o.cvRepeats(), groupColumn, o.ensemble(),
                threads, o.seed(), o.baseline() == null ? null : Method.fromCliName(o.baseline()),
                compositionChoice(tgtRaw, srcRaw).text());
        if (hybrid && o.composition() != null) {
            throw DataException.option("--composition applies to tabular features; the hybrid assessment (image "
                    + "or series features) reads the tabular columns as they are");
        }
        Progress progress = cancellation.watching(listener);
        if (!hybrid && (o.epochs() != null || o.finetuneEpochs() != null)) {
            throw DataException.option("--epochs and --finetune-epochs apply to image or series features "
                    + "(the hybrid network) only; the tabular assessment uses the MLP defaults");
        }
        cancellation.check();
        if (hybrid) {
            if (o.executor() != ExecutorKind.LOCAL || o.sparkMaster() != null) {
                throw DataException.option("--executor " + o.executor().cliName() + " does not apply: the hybrid "
                        + "assessment (image or series features) runs on local threads only");
            }
            HybridOptions network = HybridOptions.defaults();
            if (o.epochs() != null) {
                network = network.withTraining(network.training().withMaxEpochs(o.epochs()));
            }
            if (o.finetuneEpochs() != null && o.finetuneEpochs() < 1) {
                // checked here: TrainingOptions would name the value --epochs
                throw DataException.option("--finetune-epochs must be at least 1, got " + o.finetuneEpochs());
            }
            TrainingOptions fineTune = o.finetuneEpochs() == null ? Hybrids.FINE_TUNE
                    : Hybrids.FINE_TUNE.withMaxEpochs(o.finetuneEpochs());
            HybridAssessment.Outcome outcome = HybridAssessment.run(src, tgt, tst, settings, network, fineTune,
                    destination, progress);
            Outputs.replaced(destination).forEach(listener::info);
            Printed.info(ps -> HybridAssessment.printSummary(outcome, o.out(), ps), listener);
            return new Result(destination, null, outcome);
        }
        AssessmentRun.Outcome outcome = AssessmentRun.run(src, tgt, tst, settings, destination, null,
                SweepExecutors.of(o.executor(), o.sparkMaster(), threads), progress);
        outcome.compositions().forEach(listener::log);
        Outputs.replaced(destination).forEach(listener::info);
        Printed.info(ps -> AssessmentReport.printSummary(outcome, o.out(), ps), listener);
        return new Result(destination, outcome, null);
    }

    /** --composition when given, else the roles file's (the target's, else the source's), else auto. */
    private Compositions.Choice compositionChoice(Table targetRaw, Table sourceRaw) {
        if (options.composition() != null) {
            return Compositions.Choice.parse(options.composition(), "--composition");
        }
        return TableSettings.declaredBeside(options.target(), targetRaw)
                .or(() -> sourceRaw == null ? java.util.Optional.empty()
                        : TableSettings.declaredBeside(options.source(), sourceRaw))
                .orElse(Compositions.Choice.AUTO);
    }

    private Table read(Path table) {
        return TableSettings.withMediaRoot(CsvReader.read(table), options.mediaRoot());
    }

    private Table complete(Table raw, ColumnChoice choice, JobListener listener) {
        return TableSettings.complete(raw, choice, options.dropIncomplete(), listener).table();
    }
}
