package io.transfab.workflow;

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
import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.SweepExecutors;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.SourceSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code select-source}: candidate source tables ranked for a target table (see docs/transfer.md,
 * "Choosing a source"), optionally a base model pre-trained on the chosen one; all written to one directory.
 */
public final class SelectSource {
    private final Options options;

    private SelectSource(Options options) {
        this.options = options;
    }

    public static SelectSource of(Options options) {
        return new SelectSource(options);
    }

    /**
     * The options of {@code select-source}.
     *
     * @param pretrain    best, union or none
     * @param strategy    the fine-tuning strategy inside the CV (not auto)
     * @param cvEpochs    pre-training epochs of each candidate inside the selection
     * @param ensemble    networks of the final base model
     * @param sparkMaster the Spark master with {@code --executor spark}, or null for the default
     */
    public record Options(List<Path> sources, Path target, List<String> targets, List<String> features, int folds,
            Path out, String pretrain, String strategy, int cvEpochs, int ensemble, NetworkSettings network,
            boolean force, long seed, ExecutorKind executor, String sparkMaster) {
        public Options {
            sources = List.copyOf(sources);
            Objects.requireNonNull(target, "--target");
            targets = List.copyOf(targets);
            features = List.copyOf(features);
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(pretrain, "--pretrain");
            Objects.requireNonNull(strategy, "--strategy");
            Objects.requireNonNull(network, "network");
            executor = executor == null ? ExecutorKind.LOCAL : executor;
            String mode = mode(pretrain);
            if (!List.of("best", "union", "none").contains(mode)) {
                throw DataException.option("--pretrain must be best, union or none; got '" + pretrain + "'");
            }
            if (mode.equals("union") && sources.size() < 2) {
                throw DataException.option("--pretrain union needs at least two --source tables");
            }
            if (cvEpochs < 1) {
                throw DataException.option("--cv-epochs must be >= 1; got " + cvEpochs);
            }
            if (FineTuneStrategy.fromCliName(strategy) == FineTuneStrategy.AUTO) {
                throw DataException.option("--strategy auto is not available here; choose full, freeze, head or "
                        + "l2sp");
            }
        }

        private static String mode(String pretrain) {
            return pretrain.trim().toLowerCase(Locale.ROOT);
        }

        /** best, union or none, as --pretrain named it. */
        public String pretrainMode() {
            return mode(pretrain);
        }

        public FineTuneStrategy fineTuneStrategy() {
            return FineTuneStrategy.fromCliName(strategy);
        }
    }

    /**
     * The ranking and the summary the CLI prints.
     *
     * @param pretrainedOn the candidate the base model was pre-trained on, or null with --pretrain none
     */
    public record Result(SourceSelection.Ranking ranking, String pretrainedOn, OutputTarget destination,
            List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        String mode = o.pretrainMode();
        FineTuneStrategy s = o.fineTuneStrategy();
        MlpOptions finalNet = o.network().toOptions();
        MlpOptions cvNet = finalNet.withTraining(finalNet.training().withMaxEpochs(o.cvEpochs()));
        SourceSelection.Options selection = new SourceSelection.Options(o.folds(), cvNet,
                FineTuneOptions.defaults().withStrategy(s), true);
        List<Path> inputs = new ArrayList<>(o.sources());
        inputs.add(o.target());
        OutputTarget destination = Outputs.directory(o.out(), OutputKind.SOURCE_RANKING, o.force(),
                inputs.toArray(Path[]::new));
        List<SourceSelection.Source> candidates = readSources(o.sources());
        Table targetTable = CsvReader.read(o.target());
        List<String> features = ColumnChoice.of(o.target(), targetTable, o.features(), o.targets(), List.of(), null,
                null).features();

        cancellation.check();
        SourceSelection.Ranking ranking = SourceSelection.rank(candidates, targetTable, features, o.targets(),
                selection, o.seed(), SweepExecutors.of(o.executor(), o.sparkMaster(), 1),
                cancellation.watching(listener));
        cancellation.check();
        String pretrainedOn = mode.equals("none") ? null
                : mode.equals("union") ? SourceSelection.UNION : ranking.best().name();
        AtomicOutput.writeDirectory(destination, dir -> {
            AtomicOutput.writeString(dir.resolve("ranking.csv"), rankingCsv(ranking));
            List<String> columns = SourceSelection.columns(targetTable, features, o.targets());
            if (candidates.size() >= 2) {
                CsvWriter.write(SourceSelection.union(candidates, columns), dir.resolve("union.csv"));
            }
            if (pretrainedOn != null) {
                Table chosen = pretrainedOn.equals(SourceSelection.UNION) ? SourceSelection.union(candidates, columns)
                        : candidates.stream().filter(c -> c.name().equals(ranking.best().name())).findFirst()
                                .orElseThrow().table();
                Dataset ds = Dataset.of(SourceSelection.project(chosen, columns),
                        SourceSelection.schema(candidates, targetTable, columns, o.targets()));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("options", finalNet);
                details.put("selectedSource", pretrainedOn);
                TrainedModel base = Training.fit(ds, MlpTrainer.trainer(finalNet), o.ensemble(), o.seed(), details,
                        cancellation.watching(listener));
                base.save(dir.resolve("base"));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", o.target().toString());
            json.put("seed", o.seed());
            json.put("strategy", s.cliName());
            json.put("cvEpochs", o.cvEpochs());
            json.put("ranking", ranking);
            json.put("pretrainedOn", pretrainedOn);
            AtomicOutput.writeString(dir.resolve("ranking.json"), Json.toString(json) + "\n");
        });
        List<String> summary = new ArrayList<>(Outputs.replaced(destination));
        summary.addAll(summary(ranking, pretrainedOn));
        return new Result(ranking, pretrainedOn, destination, summary);
    }

    /** Sources named by file name, or by the path as given where two file names coincide. */
    private static List<SourceSelection.Source> readSources(List<Path> sources) {
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

    private List<String> summary(SourceSelection.Ranking r, String pretrainedOn) {
        Path out = options.out();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Source ranking for %s (%d rows, %d-fold CV of fine-tuning; RMSE in "
                + "standardised target units, lower is better):", options.target(), r.targetRows(), r.folds()));
        lines.add(String.format(Locale.ROOT, "  %4s  %-24s %7s %8s %4s %11s %9s %7s %8s", "rank", "candidate", "rows",
                "CV RMSE", "tie", "vs scratch", "MMD^2", "p", "outside"));
        for (SourceSelection.Candidate c : r.candidates()) {
            lines.add(String.format(Locale.ROOT, "  %4d  %-24s %7d %8.4f %4s %+10.0f%% %9.4f %7.3f %7.0f%%", c.rank(),
                    c.name(), c.sourceRows(), c.cvRmse(), c.tiedWithBest() ? "*" : "",
                    100 * c.gainOverScratch(), c.mmd2(), c.mmdPValue(),
                    100 * c.fractionOutsideSupport()));
        }
        lines.add(String.format(Locale.ROOT, "  %4s  %-24s %7s %8.4f", "", "(scratch, no source)", "-", r.scratchRmse()));
        lines.add("  * within one standard error of the lowest CV RMSE: the target rows cannot tell these "
                + "apart, so the least shifted (smallest MMD^2) ranks first");
        for (SourceSelection.Candidate c : r.candidates()) {
            for (String w : c.warnings()) {
                lines.add("  warning (" + c.name() + "): " + w);
            }
        }
        if (!r.transferHelps()) {
            lines.add("  warning: no candidate beats training from scratch on these target rows; "
                    + "consider 'transfab train' on the target alone");
        }
        lines.add("Ranking -> " + out.resolve("ranking.csv") + ", " + out.resolve("ranking.json"));
        if (pretrainedOn != null) {
            lines.add("Pre-trained on " + pretrainedOn + " -> " + out.resolve("base")
                    + " (use: transfab finetune --base " + out.resolve("base") + " ...)");
        }
        return lines;
    }
}
