package io.transfab.accuracy;

import io.transfab.assess.Method;
import io.transfab.assess.MethodTrainer;
import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Quantiles;
import io.transfab.evaluate.Splits;
import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.gp.KernelChoice;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.transfer.FineTuneOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison of issue 13: on the same seeded splits of one {@link AccuracyTask}, every
 * {@link Contender} is trained on the split's training rows and scored by the R2 of its predictions
 * of the held-out rows (draws), or of the pooled out-of-fold predictions of the whole table (grouped
 * CV). Each contender gets the split's seed, so all of them see the same rows and the same seed.
 * transfab's side is trained exactly as the CLI trains it ({@link MethodTrainer}, base ensemble
 * pre-trained with {@link MlpOptions#defaults()}, {@link FineTuneOptions#defaults()}).
 */
public final class AccuracyStudy {
    private AccuracyStudy() {
    }

    /** Methods assess compares by default with a source (all ten tabular methods), for {@link Contender#ASSESS_RULE}. */
    static final List<Method> ASSESSED_WITH_SOURCE = List.of(Method.MLP, Method.RIDGE, Method.GP, Method.XGBOOST,
            Method.FULL, Method.FREEZE, Method.HEAD, Method.L2SP, Method.AUTO, Method.TRANSFER_GP);
    /** Methods assess compares without a source. */
    static final List<Method> ASSESSED_WITHOUT_SOURCE = List.of(Method.MLP, Method.RIDGE, Method.GP, Method.XGBOOST);
    /** Folds of assess's default resampling, which its recommendation averages over with --sizes all. */
    static final int RULE_FOLDS = 5;

    /**
     * @param contenders what is compared, in table order
     * @param splits     draws per size, or repetitions of the grouped CV
     * @param ensemble   members of transfab's pre-trained ensemble and of its network ensembles (assess's default 3)
     * @param seed       the study's seed; every split's seed derives from it
     */
    public record Options(List<Contender> contenders, int splits, int ensemble, long seed) {
        public Options {
            contenders = List.copyOf(contenders);
            if (contenders.isEmpty()) {
                throw io.transfab.data.DataException.option("--contenders must name at least one contender");
            }
            if (splits < 1) {
                throw io.transfab.data.DataException.option("--splits must be >= 1; got " + splits);
            }
            if (ensemble < 1) {
                throw io.transfab.data.DataException.option("--ensemble must be >= 1; got " + ensemble);
            }
        }
    }

    /**
     * The scores of one contender at one size (or the grouped CV) of one task.
     *
     * @param size      training rows per draw, or 0 for grouped CV
     * @param r2        test R2 per split, in split order; empty where the contender needs a source the task lacks
     * @param choices   per split, what auto or the assess rule chose (empty for the other contenders)
     * @param seconds   training and prediction time over all splits
     */
    public record Cell(String task, int size, Contender contender, List<Double> r2, List<String> choices,
            double seconds) {
        public Cell {
            r2 = List.copyOf(r2);
            choices = List.copyOf(choices);
        }

        /** Whether it was run (false: the task has no source for it). */
        public boolean ran() {
            return !r2.isEmpty();
        }

        public double median() {
            return quantile(0.5);
        }

        /** Lower quartile. */
        public double q25() {
            return quantile(0.25);
        }

        /** Upper quartile. */
        public double q75() {
            return quantile(0.75);
        }

        private double quantile(double q) {
            return ran() ? Quantiles.of(r2.stream().mapToDouble(Double::doubleValue).toArray(), q) : Double.NaN;
        }
    }

    /** Every cell of one task, and how long pre-training took. */
    public record TaskResult(String task, String description, boolean grouped, int folds, int targetRows,
            List<Cell> cells, double pretrainSeconds) {
        public TaskResult {
            cells = List.copyOf(cells);
        }

        /** The cell of a contender at a size (0 for grouped CV), or null. */
        public Cell cell(int size, Contender c) {
            return cells.stream().filter(x -> x.size() == size && x.contender() == c).findFirst().orElse(null);
        }

        /** The sizes in order (a single 0 for grouped CV). */
        public List<Integer> sizes() {
            return cells.stream().map(Cell::size).distinct().toList();
        }
    }

    /** Runs every contender of {@code o} on every split of {@code task}. */
    public static TaskResult run(AccuracyTask task, Options o, Progress progress) {
        long t0 = System.nanoTime();
        Trainers trainers = Trainers.of(task, o);
        double pretrain = (System.nanoTime() - t0) / 1e9;
        Dataset target = task.target();
        double[] y = Matrices.column(target.y(), 0);
        List<Integer> sizes = task.grouped() ? List.of(0) : task.sizes();
        List<Cell> cells = new ArrayList<>();
        int total = sizes.size() * o.splits() * o.contenders().size();
        int done = 0;
        String what = "accuracy " + task.name();
        for (int size : sizes) {
            Map<Contender, List<Double>> r2 = new LinkedHashMap<>();
            Map<Contender, List<String>> choices = new LinkedHashMap<>();
            Map<Contender, Double> seconds = new LinkedHashMap<>();
            for (int k = 0; k < o.splits(); k++) {
                long splitSeed = Seeds.derive(o.seed(), task.name() + "-" + size + "-" + k);
                List<Splits.Split> folds = task.grouped()
                        ? Splits.groupKFold(task.groups().toArray(String[]::new), task.folds(), splitSeed)
                        : List.of(Splits.trainTest(target.size(), size, splitSeed));
                for (Contender c : o.contenders()) {
                    progress.update(what, done++, total);
                    if (c.needsSource() && task.source() == null) {
                        continue;
                    }
                    long s0 = System.nanoTime();
                    List<Double> measured = new ArrayList<>();
                    List<Double> predicted = new ArrayList<>();
                    List<String> chosen = new ArrayList<>();
                    for (int f = 0; f < folds.size(); f++) {
                        Splits.Split split = folds.get(f);
                        Prediction p = trainers.predict(c, target.subset(split.train()),
                                target.subset(split.test()).x(), Seeds.derive(splitSeed, f));
                        for (int i = 0; i < split.test().length; i++) {
                            measured.add(y[split.test()[i]]);
                            predicted.add(p.mean()[i]);
                        }
                        if (p.choice() != null) {
                            chosen.add(p.choice());
                        }
                    }
                    seconds.merge(c, (System.nanoTime() - s0) / 1e9, Double::sum);
                    r2.computeIfAbsent(c, x -> new ArrayList<>()).add(Metrics.of(toArray(measured),
                            toArray(predicted)).r2());
                    if (!chosen.isEmpty()) {
                        choices.computeIfAbsent(c, x -> new ArrayList<>()).add(String.join("+", chosen));
                    }
                }
            }
            for (Contender c : o.contenders()) {
                cells.add(new Cell(task.name(), size, c, r2.getOrDefault(c, List.of()),
                        choices.getOrDefault(c, List.of()), seconds.getOrDefault(c, 0.0)));
            }
        }
        progress.update(what, total, total);
        return new TaskResult(task.name(), task.description(), task.grouped(), task.folds(), target.size(), cells,
                pretrain);
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Predicted means of the test rows and, for auto and the assess rule, what was chosen. */
    record Prediction(double[] mean, String choice) {
    }

    /** The pre-trained models of one task and how each contender is trained with them. */
    private record Trainers(MethodTrainer transfab, Map<Contender, MethodTrainer> variants,
            PlainFineTune plain, boolean hasSource, int ensemble) {
        static Trainers of(AccuracyTask task, Options o) {
            Dataset source = task.source();
            boolean needsBase = source != null && o.contenders().stream().anyMatch(c -> c == Contender.DEFAULT
                    || c == Contender.ASSESS_RULE || (c.method().isPresent() && c.method().get().isTransfer()));
            // pre-trained as Training.fit does, without its calibration refits: fine-tuning never reads them
            TrainedModel base = needsBase ? MeanOnlyTraining.fit(MlpTrainer.trainer(MlpOptions.defaults()),
                    o.ensemble(), source, Seeds.derive(o.seed(), "base-" + task.name())) : null;
            PlainFineTune plain = source != null && o.contenders().contains(Contender.PLAIN_FINETUNE)
                    ? PlainFineTune.pretrain(source.x(), Matrices.column(source.y(), 0),
                            Seeds.derive(o.seed(), "plain-base-" + task.name()))
                    : null;
            FineTuneOptions defaults = FineTuneOptions.defaults();
            Map<Contender, MethodTrainer> variants = new java.util.EnumMap<>(Contender.class);
            for (Contender c : o.contenders()) {
                c.variantOf(defaults).ifPresent(v -> variants.put(c, new MethodTrainer(base,
                        MlpOptions.defaults(), v, o.ensemble())));
            }
            return new Trainers(new MethodTrainer(base, MlpOptions.defaults(), defaults, o.ensemble()), variants, plain,
                    source != null, o.ensemble());
        }

        Prediction predict(Contender c, Dataset train, double[][] xTest, long seed) {
            double[] y = Matrices.column(train.y(), 0);
            MethodTrainer variant = variants.get(c);
            if (variant != null) {
                MethodTrainer.Trained t = variant.train(c.method().orElseThrow(), train, seed, Progress.NONE);
                return new Prediction(t.model().predictEncoded(xTest).meanOf(0), t.autoChoice());
            }
            return switch (c) {
                case PLAIN_GP -> new Prediction(PlainGp.fitPredict(train.x(), y, xTest, seed), null);
                case GP_ISO -> new Prediction(MeanOnlyTraining.fitPredictGp(KernelChoice.ISOTROPIC, train, xTest, seed),
                        null);
                case GP_EVIDENCE -> new Prediction(MeanOnlyTraining.fitPredictGp(KernelChoice.EVIDENCE, train, xTest,
                        seed), null);
                case GP_BIC -> new Prediction(MeanOnlyTraining.fitPredictGp(KernelChoice.BIC, train, xTest, seed), null);
                case PLAIN_FINETUNE -> new Prediction(plain.fitPredict(train.x(), y, xTest, seed), null);
                case DEFAULT -> hasSource ? method(Method.AUTO, train, xTest, seed)
                        : rule(ASSESSED_WITHOUT_SOURCE, train, xTest, seed);
                case ASSESS_RULE -> rule(hasSource ? ASSESSED_WITH_SOURCE : ASSESSED_WITHOUT_SOURCE, train, xTest,
                        seed);
                default -> method(c.method().orElseThrow(), train, xTest, seed);
            };
        }

        private Prediction method(Method m, Dataset train, double[][] xTest, long seed) {
            if (MeanOnlyTraining.handles(m)) {
                return new Prediction(MeanOnlyTraining.fitPredict(m, ensemble, train, xTest, seed), null);
            }
            MethodTrainer.Trained t = transfab.train(m, train, seed, Progress.NONE);
            return new Prediction(t.model().predictEncoded(xTest).meanOf(0), t.autoChoice());
        }

        /**
         * assess's recommendation with {@code --sizes all} on these rows ({@link io.transfab.assess.Summary}):
         * a {@value #RULE_FOLDS}-fold CV of every method; the lowest RMSE of the pooled out-of-fold
         * predictions marks the best; the recommended method is the first of
         * {@link io.transfab.assess.Summary#RECOMMENDATION_PREFERENCE} whose per-fold RMSE exceeds the
         * best's by no more than one Nadeau-Bengio corrected standard error of the paired per-fold
         * differences, {@code sqrt((1/J + n_test/n_train) s^2)} (the one-SE rule); it is refitted on every row.
         */
        private Prediction rule(List<Method> methods, Dataset train, double[][] xTest, long seed) {
            int n = train.size();
            List<Splits.Split> folds = Splits.kFold(n, Math.min(RULE_FOLDS, n), Seeds.derive(seed, "rule"));
            double[] y = Matrices.column(train.y(), 0);
            double[][] foldRmse = new double[methods.size()][folds.size()];
            double[] pooled = new double[methods.size()];
            int best = -1;
            for (int k = 0; k < methods.size(); k++) {
                double sse = 0;
                for (int f = 0; f < folds.size(); f++) {
                    Splits.Split s = folds.get(f);
                    double[] p = method(methods.get(k), train.subset(s.train()), train.subset(s.test()).x(),
                            Seeds.derive(seed, f)).mean();
                    double foldSse = 0;
                    for (int i = 0; i < p.length; i++) {
                        double e = p[i] - y[s.test()[i]];
                        foldSse += e * e;
                    }
                    foldRmse[k][f] = Math.sqrt(foldSse / p.length);
                    sse += foldSse;
                }
                pooled[k] = Math.sqrt(sse / n);
                if (pooled[k] < (best < 0 ? Double.POSITIVE_INFINITY : pooled[best])) { // NaN never wins
                    best = k;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("no method gave finite out-of-fold predictions");
            }
            int chosen = best;
            List<Method> preferred = new ArrayList<>(io.transfab.assess.Summary.RECOMMENDATION_PREFERENCE.stream()
                    .filter(methods::contains).toList());
            methods.stream().filter(m -> !preferred.contains(m)).forEach(preferred::add);
            for (Method m : preferred) {
                int k = methods.indexOf(m);
                if (k == best) {
                    break;
                }
                double[] d = new double[folds.size()];
                double ratio = 0;
                for (int f = 0; f < d.length; f++) {
                    d[f] = foldRmse[k][f] - foldRmse[best][f];
                    ratio += (double) folds.get(f).test().length / folds.get(f).train().length;
                }
                ratio /= d.length;
                double mean = java.util.Arrays.stream(d).average().orElseThrow();
                double ss = java.util.Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum();
                double se = Math.sqrt((1.0 / d.length + ratio) * ss / (d.length - 1));
                if (Double.isFinite(mean) && mean <= se) {
                    chosen = k;
                    break;
                }
            }
            Method pick = methods.get(chosen);
            Prediction p = method(pick, train, xTest, seed);
            return new Prediction(p.mean(), pick.cliName());
        }
    }
}
