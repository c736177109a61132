package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.ColumnChoice;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Numbers;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.SourceSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    @Override
    public Integer call() throws Exception {
        String mode = pretrain.trim().toLowerCase(Locale.ROOT);
        if (!List.of("best", "union", "none").contains(mode)) {
            throw DataException.option("--pretrain must be best, union or none; got '" + pretrain + "'");
        }
        if (mode.equals("union") && sources.size() < 2) {
            throw DataException.option("--pretrain union needs at least two --source tables");
        }
        if (cvEpochs < 1) {
            throw DataException.option("--cv-epochs must be >= 1; got " + cvEpochs);
        }
        FineTuneStrategy s = FineTuneStrategy.fromCliName(strategy);
        if (s == FineTuneStrategy.AUTO) {
            throw DataException.option("--strategy auto is not available here; choose full, freeze, head or "
                    + "l2sp");
        }
        MlpOptions finalNet = network.toOptions();
        MlpOptions cvNet = finalNet.withTraining(finalNet.training().withMaxEpochs(cvEpochs));
        SourceSelection.Options options = new SourceSelection.Options(folds, cvNet,
                FineTuneOptions.defaults().withStrategy(s), true);
        List<Path> inputs = new ArrayList<>(sources);
        inputs.add(target);
        OutputTarget destination = output.directory(out, OutputKind.SOURCE_RANKING, inputs.toArray(Path[]::new));
        List<SourceSelection.Source> candidates = readSources();
        Table targetTable = CsvReader.read(target);
        List<String> features = ColumnChoice.of(target, targetTable, this.features, targets, List.of(), null, null)
                .features();

        ProgressBar bar = common.progress();
        SourceSelection.Ranking ranking = SourceSelection.rank(candidates, targetTable, features, targets, options,
                common.seed, executor.of(1), bar);
        bar.finishLine();
        String pretrainedOn = mode.equals("none") ? null
                : mode.equals("union") ? SourceSelection.UNION : ranking.best().name();
        AtomicOutput.writeDirectory(destination, dir -> {
            AtomicOutput.writeString(dir.resolve("ranking.csv"), rankingCsv(ranking));
            List<String> columns = SourceSelection.columns(targetTable, features, targets);
            if (candidates.size() >= 2) {
                CsvWriter.write(SourceSelection.union(candidates, columns), dir.resolve("union.csv"));
            }
            if (pretrainedOn != null) {
                Table chosen = pretrainedOn.equals(SourceSelection.UNION) ? SourceSelection.union(candidates, columns)
                        : candidates.stream().filter(c -> c.name().equals(ranking.best().name())).findFirst()
                                .orElseThrow().table();
                Dataset ds = Dataset.of(SourceSelection.project(chosen, columns),
                        SourceSelection.schema(candidates, targetTable, columns, targets));
                ProgressBar b = common.progress();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("options", finalNet);
                details.put("selectedSource", pretrainedOn);
                TrainedModel base = Training.fit(ds, MlpTrainer.trainer(finalNet), ensemble, common.seed, details, b);
                b.finishLine();
                base.save(dir.resolve("base"));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target.toString());
            json.put("seed", common.seed);
            json.put("strategy", s.cliName());
            json.put("cvEpochs", cvEpochs);
            json.put("ranking", ranking);
            json.put("pretrainedOn", pretrainedOn);
            AtomicOutput.writeString(dir.resolve("ranking.json"), Json.toString(json) + "\n");
        });
        OutputOptions.printReplaced(destination, System.out);
        print(ranking, pretrainedOn);
        return 0;
    }

    /** Sources named by file name, or by the path as given where two file names coincide. */
    private List<SourceSelection.Source> readSources() {
        Set<String> names = new HashSet<>();
        Set<String> duplicate = new HashSet<>();
        for (Path p : sources) {
            if (!names.add(p.getFileName().toString())) {
                duplicate.add(p.getFileName().toString());
            }
        }
        List<SourceSelection.Source> out = new ArrayList<>();
        for (Path p : sources) {
            String name = p.getFileName().toString();
            out.add(new SourceSelection.Source(duplicate.contains(name) ? p.toString() : name, CsvReader.read(p)));
        }
        return out;
    }

    private static String rankingCsv(SourceSelection.Ranking r) {
        StringBuilder sb = new StringBuilder("rank,candidate,source_rows,cv_rmse,cv_rmse_se,tied_with_best,gain_over_scratch,mmd2,mmd_p_value,"
                + "fraction_outside_support\n");
        for (SourceSelection.Candidate c : r.candidates()) {
            sb.append(c.rank()).append(',').append(csv(c.name())).append(',').append(c.sourceRows()).append(',')
                    .append(Numbers.format(c.cvRmse())).append(',').append(Numbers.format(c.cvRmseSe())).append(',')
                    .append(c.tiedWithBest()).append(',').append(Numbers.format(c.gainOverScratch()))
                    .append(',').append(Numbers.format(c.mmd2())).append(',').append(Numbers.format(c.mmdPValue()))
                    .append(',').append(Numbers.format(c.fractionOutsideSupport())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private void print(SourceSelection.Ranking r, String pretrainedOn) {
        System.out.printf(Locale.ROOT, "Source ranking for %s (%d rows, %d-fold CV of fine-tuning; RMSE in "
                + "standardised target units, lower is better):%n", target, r.targetRows(), r.folds());
        System.out.printf(Locale.ROOT, "  %4s  %-24s %7s %8s %4s %11s %9s %7s %8s%n", "rank", "candidate", "rows",
                "CV RMSE", "tie", "vs scratch", "MMD^2", "p", "outside");
        for (SourceSelection.Candidate c : r.candidates()) {
            System.out.printf(Locale.ROOT, "  %4d  %-24s %7d %8.4f %4s %+10.0f%% %9.4f %7.3f %7.0f%%%n", c.rank(),
                    c.name(), c.sourceRows(), c.cvRmse(), c.tiedWithBest() ? "*" : "",
                    100 * c.gainOverScratch(), c.mmd2(), c.mmdPValue(),
                    100 * c.fractionOutsideSupport());
        }
        System.out.printf(Locale.ROOT, "  %4s  %-24s %7s %8.4f%n", "", "(scratch, no source)", "-", r.scratchRmse());
        System.out.println("  * within one standard error of the lowest CV RMSE: the target rows cannot tell these "
                + "apart, so the least shifted (smallest MMD^2) ranks first");
        for (SourceSelection.Candidate c : r.candidates()) {
            for (String w : c.warnings()) {
                System.out.println("  warning (" + c.name() + "): " + w);
            }
        }
        if (!r.transferHelps()) {
            System.out.println("  warning: no candidate beats training from scratch on these target rows; "
                    + "consider 'transfab train' on the target alone");
        }
        System.out.println("Ranking -> " + out.resolve("ranking.csv") + ", " + out.resolve("ranking.json"));
        if (pretrainedOn != null) {
            System.out.println("Pre-trained on " + pretrainedOn + " -> " + out.resolve("base")
                    + " (use: transfab finetune --base " + out.resolve("base") + " ...)");
        }
    }
}
