package io.transfab.transfer;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.ShiftDiagnostics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.TrainingRounds;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepTaskFailure;
import io.transfab.sweep.SweepWorker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chooses among several candidate source tables for one target table. Each candidate (every source
 * and, with two or more, their union with a {@value #SOURCE_COLUMN} domain column) gets (i) shift
 * diagnostics of its manufacturing parameters against the target's ({@link ShiftDiagnostics}: MMD
 * with a permutation p-value, share of target rows outside its support) and (ii) the benefit of
 * pre-training on it, measured by k-fold cross-validation on the target: a network pre-trained on
 * the candidate is fine-tuned on k-1 folds and scored on the held-out fold, next to the same network
 * trained from scratch on the same folds. Candidates are ranked by that CV RMSE (standardised target
 * units) with the one-standard-error rule: those within one paired standard error of the lowest are ranked by
 * shift (smaller MMD^2 first), because the target rows cannot tell them apart.
 *
 * <p>The union is trained on the shared columns only: the {@value #SOURCE_COLUMN} label stays out
 * of the network's inputs (the target has no value for it), but it is kept in the union table for
 * per-domain normalisation.
 */
public final class SourceSelection {
    /** Domain column that names each row's source table in the union. */
    public static final String SOURCE_COLUMN = "source";
    /** Name of the union candidate. */
    public static final String UNION = "union";

    private SourceSelection() {
    }

    /** One candidate source table and the name it is reported under (e.g. its file name). */
    public record Source(String name, Table table) {
        public Source {
            Objects.requireNonNull(table, "table");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a source needs a name");
            }
        }
    }

    /**
     * @param folds        folds of the cross-validation on the target (at least 2, at most the target rows)
     * @param network      architecture and pre-training options of the networks (keep epochs modest)
     * @param fineTune     fine-tuning options; the strategy must be a single one, not {@code auto}
     * @param includeUnion whether the union of two or more sources is a further candidate
     */
    public record Options(int folds, MlpOptions network, FineTuneOptions fineTune, boolean includeUnion) {
        public Options {
            if (folds < 2) {
                throw DataException.option("--folds must be >= 2; got " + folds);
            }
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(fineTune, "fineTune");
            if (fineTune.strategy() == FineTuneStrategy.AUTO) {
                throw DataException.option("source selection fine-tunes with one strategy (full, freeze, head "
                        + "or l2sp), not auto: auto's own inner CV would nest inside this one");
            }
        }

        /** 5 folds, the default network with at most 100 pre-training epochs, l2sp fine-tuning, union included. */
        public static Options defaults() {
            MlpOptions n = MlpOptions.defaults();
            return new Options(5, n.withTraining(n.training().withMaxEpochs(100)),
                    FineTuneOptions.defaults().withStrategy(FineTuneStrategy.L2SP), true);
        }
    }

    /**
     * One candidate's scores.
     *
     * @param rank                   1 = best
     * @param name                   the source's name, or {@value #UNION}
     * @param sourceRows             rows of the candidate table
     * @param cvRmse                 out-of-fold RMSE after fine-tuning, standardised target units, mean over targets
     * @param cvRmseSe               standard error of the difference in per-row loss to the lowest-RMSE candidate
     *                               (paired over target rows; 0 for that candidate itself)
     * @param tiedWithBest           whether its per-row loss is within one standard error of the lowest-RMSE
     *                               candidate's; tied candidates are ranked by shift (smaller MMD first)
     * @param gainOverScratch        {@code 1 - cvRmse / scratchRmse}: share of the error pre-training removes
     * @param mmd2                   squared MMD of parameters, candidate vs target
     * @param mmdPValue              permutation p-value of the MMD
     * @param fractionOutsideSupport share of target rows outside the candidate's parameter ranges
     * @param warnings               shift warnings for this candidate
     */
    public record Candidate(int rank, String name, int sourceRows, double cvRmse, double cvRmseSe,
            boolean tiedWithBest, double gainOverScratch, double mmd2, double mmdPValue,
            double fractionOutsideSupport, List<String> warnings) {
        public Candidate {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The ranking.
     *
     * @param candidates  best first
     * @param scratchRmse out-of-fold RMSE of the network trained on the target folds alone
     * @param folds       folds used
     * @param targetRows  rows of the target table
     * @param features    feature columns
     * @param targets     target columns
     */
    public record Ranking(List<Candidate> candidates, double scratchRmse, int folds, int targetRows,
            List<String> features, List<String> targets) {
        public Ranking {
            candidates = List.copyOf(candidates);
            features = List.copyOf(features);
            targets = List.copyOf(targets);
        }

        public Candidate best() {
            return candidates.get(0);
        }

        /** Whether the best candidate beats training from scratch at all. */
        public boolean transferHelps() {
            return best().cvRmse() < scratchRmse;
        }
    }

    /** The columns every table must have: the features (named, never defaulted) then the targets. */
    public static List<String> columns(Table target, List<String> features, List<String> targets) {
        if (targets == null || targets.isEmpty()) {
            throw DataException.of(target.source(), "no target given; name the measured properties with --targets");
        }
        Schema.requireFeatures(target, features, targets, List.of(SOURCE_COLUMN));
        Set<String> cols = new LinkedHashSet<>(features);
        cols.addAll(targets);
        return List.copyOf(cols);
    }

    /**
     * The table restricted to {@code columns}, in that order.
     *
     * @throws DataException naming the table's file and the first missing column
     */
    public static Table project(Table t, List<String> columns) {
        int[] idx = new int[columns.size()];
        List<String> units = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            idx[k] = t.indexOf(columns.get(k));
            if (idx[k] < 0) {
                throw DataException.at(t.source(), 0, columns.get(k), "column is missing (needed as a feature or "
                        + "target of the target table); this table has: " + String.join(", ", t.names()));
            }
            units.add(t.units().get(idx[k]));
        }
        List<List<String>> rows = new ArrayList<>(t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>(idx.length);
            for (int c : idx) {
                row.add(t.cell(r, c));
            }
            rows.add(row);
        }
        return Table.of(t.source(), columns, units, rows);
    }

    /** The sources stacked on {@code columns}, with a last column {@value #SOURCE_COLUMN} naming each row's source. */
    public static Table union(List<Source> sources, List<String> columns) {
        List<String> names = new ArrayList<>(columns);
        names.add(SOURCE_COLUMN);
        List<String> units = null;
        List<List<String>> rows = new ArrayList<>();
        for (Source s : sources) {
            Table p = project(s.table(), columns);
            if (units == null) {
                units = new ArrayList<>(p.units());
                units.add("");
            }
            for (int r = 0; r < p.rowCount(); r++) {
                List<String> row = new ArrayList<>(p.row(r));
                row.add(s.name());
                rows.add(row);
            }
        }
        return Table.of(UNION, names, units, rows);
    }

    /** The schema shared by target and candidates (categories from all of them). */
    public static Schema schema(List<Source> sources, Table target, List<String> columns, List<String> targets) {
        List<List<String>> rows = new ArrayList<>();
        Table t = project(target, columns);
        List<Table> all = new ArrayList<>();
        all.add(t);
        for (Source s : sources) {
            all.add(project(s.table(), columns));
        }
        for (Table p : all) {
            for (int r = 0; r < p.rowCount(); r++) {
                rows.add(p.row(r));
            }
        }
        Table stacked = Table.of(target.source(), columns, t.units(), rows);
        List<String> features = columns.subList(0, columns.size() - targets.size());
        return Schema.infer(stacked, features, targets, List.of());
    }

    /**
     * Ranks the candidates. Every candidate and the from-scratch reference see the same folds and the
     * same fine-tuning seeds (a paired comparison).
     *
     * @param features feature columns (required: see {@link Schema#requireFeatures})
     */
    public static Ranking rank(List<Source> sources, Table target, List<String> features, List<String> targets,
            Options options, long seed, Progress progress) {
        try {
            return rank(sources, target, features, targets, options, seed, LocalSweepExecutor.of(1), progress);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As {@link #rank(List, Table, List, List, Options, long, Progress)}, the reference and the candidates
     * scored as tasks of {@code executor} (local threads or Spark, docs/scale-out.md): the same ranking on each.
     */
    public static Ranking rank(List<Source> sources, Table target, List<String> features, List<String> targets,
            Options options, long seed, SweepExecutor executor, Progress progress) throws java.io.IOException {
        if (sources.isEmpty()) {
            throw DataException.option("need at least one source table (--source)");
        }
        List<String> columns = columns(target, features, targets);
        Schema schema = schema(sources, target, columns, targets);
        Dataset tgt = Dataset.of(project(target, columns), schema);
        int n = tgt.size();
        if (options.folds() > n) {
            throw DataException.of(target.source(), "has " + n + " rows, fewer than --folds " + options.folds());
        }
        List<Source> candidates = new ArrayList<>(sources);
        if (options.includeUnion() && sources.size() >= 2) {
            candidates.add(new Source(UNION, union(sources, columns)));
        }
        List<Dataset> sourceData = new ArrayList<>();
        for (Source s : candidates) {
            sourceData.add(Dataset.of(project(s.table(), columns), schema));
        }
        Scoring scoring = new Scoring(tgt, sourceData, options, seed);
        // one task for the from-scratch reference and one per candidate (pre-training and its folds)
        List<SweepTask> tasks = new ArrayList<>();
        tasks.add(new SweepTask(SCRATCH_TASK, "-1"));
        for (int c = 0; c < candidates.size(); c++) {
            tasks.add(new SweepTask(CANDIDATE_TASK + c, String.valueOf(c)));
        }
        Map<String, CvScore> scores = new java.util.HashMap<>();
        progress.update("source selection", 0, tasks.size());
        Sweep sweep = Sweep.of("select-source", tasks, scoring.worker(candidates.stream().map(Source::name)
                .toList()), () -> SourceSelectionTasks.job(scoring, candidates.stream().map(Source::name).toList()));
        executor.run(sweep, r -> {
            if (r.badInput() != null) {
                throw DataException.option(r.badInput());
            }
            scores.put(r.key(), SourceSelectionTasks.score(r));
            progress.update("source selection", scores.size(), tasks.size());
        });
        double scratch = scores.get(SCRATCH_TASK).rmse();
        List<Candidate> scored = new ArrayList<>();
        List<double[]> losses = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            Source s = candidates.get(c);
            Dataset src = sourceData.get(c);
            ShiftDiagnostics shift = ShiftDiagnostics.of(schema.encodedNames(), src.x(), tgt.x(),
                    Seeds.derive(seed, "select-shift"));
            CvScore cv = scores.get(CANDIDATE_TASK + c);
            losses.add(cv.rowLoss());
            scored.add(new Candidate(0, s.name(), src.size(), cv.rmse(), 0, false, 1.0 - cv.rmse() / scratch,
                    shift.mmd2(), shift.mmdPValue(), shift.fractionOutsideSupport(), shift.warnings()));
        }
        List<Candidate> ranked = rankOneStandardError(scored, losses);
        return new Ranking(ranked, scratch, Splits.kFold(n, options.folds(), Seeds.derive(seed, "select-folds")).size(), n, schema.featureNames(), schema.targetNames());
    }

    /** Trains a model on the training rows of one fold. */
    private interface FoldFit {
        TrainedModel fit(Dataset train, int fold);
    }

    /** Pooled out-of-fold RMSE and each target row's loss (mean squared standardised error over targets). */
    record CvScore(double rmse, double[] rowLoss) {
    }

    /** Task keys: the from-scratch reference, and candidate {@code c} as this prefix and {@code c}. */
    static final String SCRATCH_TASK = "scratch";
    static final String CANDIDATE_TASK = "candidate-";

    /**
     * What every task needs: the target, the candidates' rows (encoded with the common schema), the
     * options and the seed; the folds and the fine-tuning seeds follow from them, the same for all.
     */
    record Scoring(Dataset target, List<Dataset> sources, Options options, long seed) {
        Scoring {
            sources = List.copyOf(sources);
        }

        /** The out-of-fold score of the from-scratch MLP ({@code index} -1) or of candidate {@code index}. */
        CvScore score(int index) {
            return score(index, true);
        }

        /**
         * {@link #score(int)}, the folds trained as one training round ({@code asRound}) or one after
         * the other (the reference the round must match to float rounding).
         */
        CvScore score(int index, boolean asRound) {
            Progress quiet = (task, d, t) -> { };
            List<Splits.Split> splits = Splits.kFold(target.size(), options.folds(),
                    Seeds.derive(seed, "select-folds"));
            double[] ySd = sd(target.y());
            if (index < 0) {
                return crossValidate(target, splits, ySd, (train, fold) -> Training.fitUncalibrated(train,
                        MlpTrainer.trainer(FineTuner.scratchOptions(options.network(), options.fineTune())), 1,
                        Seeds.derive(seed, 1000L + fold), Map.of(), quiet), asRound);
            }
            // Only means are scored and fine-tuning reads no calibration: no out-of-fold refits for one.
            TrainedModel base = Training.fitUncalibrated(sources.get(index), MlpTrainer.trainer(options.network()),
                    1, Seeds.derive(seed, "select-pretrain-" + index), Map.of(), quiet);
            return crossValidate(target, splits, ySd, (train, fold) -> FineTuner.fineTune(base, train,
                    options.fineTune(), Seeds.derive(seed, 1000L + fold), quiet).model(), asRound);
        }

        /** Runs the tasks; {@code names} name the candidates in errors. */
        SweepWorker worker(List<String> names) {
            return new SweepWorker() {
                @Override
                public SweepResult run(SweepTask task) {
                    int index = Integer.parseInt(task.spec());
                    try {
                        return SweepResult.of(task.key(), Json.toString(score(index)));
                    } catch (DataException e) {
                        return SweepResult.badInput(task.key(), describe(task) + ": " + e.getMessage());
                    } catch (RuntimeException e) {
                        throw SweepTaskFailure.of(describe(task), e);
                    }
                }

                @Override
                public String describe(SweepTask task) {
                    int index = Integer.parseInt(task.spec());
                    return "select-source " + (index < 0 ? "from-scratch reference" : "candidate "
                            + names.get(index));
                }
            };
        }
    }

    /**
     * Pooled out-of-fold RMSE (each target divided by its standard deviation, averaged over targets) and the
     * per-row losses. With {@code asRound} the folds are participants of one training round, so their
     * networks train as one batched program; the errors are summed in fold order either way.
     */
    private static CvScore crossValidate(Dataset data, List<Splits.Split> splits, double[] ySd, FoldFit fit,
            boolean asRound) {
        List<Supplier<double[][]>> folds = new ArrayList<>();
        for (int f = 0; f < splits.size(); f++) {
            Splits.Split s = splits.get(f);
            int fold = f;
            folds.add(() -> fit.fit(data.subset(s.train()), fold).predictEncoded(data.subset(s.test()).x()).mean());
        }
        List<double[][]> predicted = asRound ? TrainingRounds.all(folds) : folds.stream().map(Supplier::get).toList();
        double[][] y = data.y();
        double[] sse = new double[ySd.length];
        double[] rowLoss = new double[y.length];
        for (int f = 0; f < splits.size(); f++) {
            Splits.Split s = splits.get(f);
            double[][] pred = predicted.get(f);
            for (int i = 0; i < s.test().length; i++) {
                for (int t = 0; t < ySd.length; t++) {
                    double e = (pred[i][t] - y[s.test()[i]][t]) / ySd[t];
                    sse[t] += e * e;
                    rowLoss[s.test()[i]] += e * e / ySd.length;
                }
            }
        }
        double sum = 0;
        for (double v : sse) {
            sum += Math.sqrt(v / y.length);
        }
        return new CvScore(sum / sse.length, rowLoss);
    }

    /**
     * One-standard-error rule (Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd ed.,
     * section 7.10): candidates whose mean per-row loss exceeds the lowest-RMSE candidate's by at most one paired
     * standard error are indistinguishable on these target rows, so among them the least shifted source (smallest
     * MMD^2) ranks first; the others follow by CV RMSE.
     */
    static List<Candidate> rankOneStandardError(List<Candidate> scored, List<double[]> losses) {
        int best = 0;
        for (int c = 1; c < scored.size(); c++) {
            if (scored.get(c).cvRmse() < scored.get(best).cvRmse()) {
                best = c;
            }
        }
        List<Candidate> marked = new ArrayList<>();
        for (int c = 0; c < scored.size(); c++) {
            double[] d = new double[losses.get(c).length];
            for (int i = 0; i < d.length; i++) {
                d[i] = losses.get(c)[i] - losses.get(best)[i];
            }
            double se = d.length > 1 ? FineTuner.standardError(d) : 0;
            boolean tied = c == best || FineTuner.mean(d) <= se;
            Candidate k = scored.get(c);
            marked.add(new Candidate(0, k.name(), k.sourceRows(), k.cvRmse(), se, tied, k.gainOverScratch(),
                    k.mmd2(), k.mmdPValue(), k.fractionOutsideSupport(), k.warnings()));
        }
        marked.sort(Comparator.comparing((Candidate k) -> !k.tiedWithBest())
                .thenComparingDouble(k -> k.tiedWithBest() ? k.mmd2() : k.cvRmse())
                .thenComparingDouble(Candidate::cvRmse));
        List<Candidate> ranked = new ArrayList<>();
        for (int i = 0; i < marked.size(); i++) {
            Candidate k = marked.get(i);
            ranked.add(new Candidate(i + 1, k.name(), k.sourceRows(), k.cvRmse(), k.cvRmseSe(), k.tiedWithBest(),
                    k.gainOverScratch(), k.mmd2(), k.mmdPValue(), k.fractionOutsideSupport(), k.warnings()));
        }
        return ranked;
    }

    private static double[] sd(double[][] y) {
        int d = y[0].length;
        double[] out = new double[d];
        for (int t = 0; t < d; t++) {
            double mean = 0;
            for (double[] row : y) {
                mean += row[t] / y.length;
            }
            double s = 0;
            for (double[] row : y) {
                s += (row[t] - mean) * (row[t] - mean);
            }
            double v = Math.sqrt(s / Math.max(1, y.length - 1));
            out[t] = v > 0 ? v : 1.0; // a constant target is scored in its own units
        }
        return out;
    }
}
