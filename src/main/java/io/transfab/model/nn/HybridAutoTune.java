package io.transfab.model.nn;

import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.evaluate.Splits;
import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * {@code finetune --strategy auto} for hybrid models: inner k-fold cross-validation on the target
 * rows over the base model as it is, the hybrid strategies (l2sp, freeze, full, head) and training
 * from scratch, then the
 * one-standard-error rule of {@code transfer.FineTuner}: the most preferred candidate whose
 * out-of-fold mean squared error exceeds the lowest by no more than one standard error of the
 * paired per-row differences (Hastie, Tibshirani &amp; Friedman 2009, sec. 7.10). The preference
 * order is the tabular one without the GP, after "base": base, l2sp, freeze, full, head, scratch.
 * "base" fits nothing, so it is the simplest candidate and first under the one-standard-error rule;
 * it costs one prediction per fold (a hybrid target always has the base's targets). The CV fits one
 * member per candidate and fold (the base's first member); a candidate's fold networks train as one
 * {@link HybridBatch} program, each on its fold's training rows, as it would alone. The chosen
 * candidate is then trained on every row with every member.
 */
public final class HybridAutoTune {
    /** Most preferred first: the unchanged base model, then the fine-tuning strategies; scratch last. */
    public static final List<String> PREFERENCE = List.of("base", "l2sp", "freeze", "full", "head", "scratch");
    static final String SCRATCH = "scratch";
    /** The candidate "the base model as it is": no fine-tuning. */
    public static final String BASE = "base";

    private HybridAutoTune() {
    }

    /** Out-of-fold RMSE of one candidate, in standardised target units (mean over targets). */
    public record Score(String candidate, double cvRmse) {
    }

    /** The candidate chosen, the scores behind it and why, in words. */
    public record Selection(String chosen, int folds, List<Score> scores, String reason) {
        public Selection {
            scores = List.copyOf(scores);
        }
    }

    /** The model trained with the chosen candidate on every target row, and the selection. */
    public record Result(HybridModel model, Selection selection) {
    }

    /**
     * @param frozenLevels {@code --frozen-layers} for freeze
     * @param alpha        {@code --l2sp-alpha}
     * @param training     the fine-tuning optimiser settings (scratch trains twice the epochs with a little decay)
     * @param folds        inner folds (at most one per row)
     */
    public static Result run(HybridModel base, MediaDataset target, int frozenLevels, double alpha,
            TrainingOptions training, int folds, long seed, Progress progress) {
        return run(base, target, frozenLevels, alpha, training, HybridFineTune.Rescale.NONE, folds, seed, progress);
    }

    /** As above, the fine-tuning candidates standardising as {@code rescale} says. */
    public static Result run(HybridModel base, MediaDataset target, int frozenLevels, double alpha,
            TrainingOptions training, HybridFineTune.Rescale rescale, int folds, long seed, Progress progress) {
        Tuning t = new Tuning(frozenLevels, alpha, training, rescale);
        Selection s = select(base, target, t, folds, Seeds.derive(seed, "auto"), progress);
        HybridModel model = fit(s.chosen(), base, target, t, base.members().size(), seed, progress);
        Map<String, Object> details = new LinkedHashMap<>(model.details());
        details.put("selection", s); // model.json records why auto chose this candidate
        return new Result(new HybridModel(model.schema(), model.scaling(), model.members(), model.method(), details,
                model.provenance()), s);
    }

    /** The from-scratch network of the comparison: the base's architecture, 2x the epochs, weight decay 1e-3. */
    public static HybridOptions scratchOptions(HybridArchitecture a, TrainingOptions training) {
        return new HybridOptions(a.convChannels(), a.seriesState(), a.tabularHidden(), a.headHidden(),
                training.withMaxEpochs(2 * training.maxEpochs()).withWeightDecay(1e-3));
    }

    /** The fine-tuning settings shared by every candidate. */
    record Tuning(int frozenLevels, double alpha, TrainingOptions training, HybridFineTune.Rescale rescale) {
        HybridFineTune spec(String strategy) {
            return HybridFineTune.of(strategy, frozenLevels, alpha, training, rescale);
        }
    }

    private static HybridModel fit(String candidate, HybridModel base, MediaDataset data, Tuning t, int members,
            long seed, Progress progress) {
        if (SCRATCH.equals(candidate)) {
            return HybridTrainer.fit(data, scratchOptions(base.architecture(), t.training()), members, seed, progress);
        }
        HybridModel from = firstMembers(base, members);
        if (BASE.equals(candidate)) {
            return HybridTrainer.asIs(from, data, seed);
        }
        return HybridTrainer.fineTune(from, data, t.spec(candidate), seed, progress);
    }

    private static HybridModel firstMembers(HybridModel base, int members) {
        return members == base.members().size() ? base
                : new HybridModel(base.schema(), base.scaling(), base.members().subList(0, members), base.method(),
                        base.details(), base.provenance());
    }

    /**
     * The one-member networks of {@code candidate} on the training rows of each split, in split order:
     * network f is what {@code fit(candidate, ..., target.subset(splits.get(f).train()), 1,
     * Seeds.derive(seed, f))} gives alone (up to float rounding); all folds train as one batch. For
     * "base" every fold's network is the base's first member.
     */
    static List<HybridModel> foldModels(String candidate, HybridModel base, MediaDataset target,
            List<Splits.Split> splits, Tuning tuning, long seed) {
        HybridModel first = firstMembers(base, 1);
        if (BASE.equals(candidate)) {
            return java.util.Collections.nCopies(splits.size(), first);
        }
        List<HybridBatch.Plan> plans = new ArrayList<>();
        for (int f = 0; f < splits.size(); f++) {
            int[] rows = splits.get(f).train();
            long s = Seeds.derive(seed, f);
            plans.add(SCRATCH.equals(candidate)
                    ? HybridTrainer.fitPlan(target, rows, scratchOptions(base.architecture(), tuning.training()), 1, s)
                    : HybridTrainer.fineTunePlan(first, target, rows, tuning.spec(candidate), s));
        }
        HybridBatch.Plan plan = HybridBatch.Plan.merge(plans);
        List<HybridRegressor> networks = plan.train(target, Progress.NONE,
                "auto: inner CV of '" + candidate + "'");
        List<HybridModel> out = new ArrayList<>();
        for (int f = 0; f < networks.size(); f++) {
            out.add(new HybridModel(base.schema(), plan.members().get(f).scaling(), List.of(networks.get(f)),
                    "hybrid-cv:" + candidate, Map.of(), base.provenance()));
        }
        return out;
    }

    private static Selection select(HybridModel base, MediaDataset target, Tuning tuning, int requestedFolds, long seed,
            Progress progress) {
        int n = target.size();
        if (n < 4) {
            throw DataException.of(target.source(), "auto needs at least 4 target rows for its inner "
                    + "cross-validation; got " + n + ". Choose a strategy with --strategy full|freeze|head|l2sp");
        }
        int folds = Math.min(requestedFolds, n);
        var splits = Splits.kFold(n, folds, seed);
        double[][] y = target.tabular().y();
        Normalizer scale = Normalizer.standardize(y);
        int k = PREFERENCE.size();
        // loss[c][i]: squared error of row i (mean over targets, standardised units) when it was held out
        double[][] loss = new double[k][n];
        String task = "auto: inner " + folds + "-fold CV of " + k + " candidates";
        List<MediaDataset> tests = new ArrayList<>();
        List<double[][]> yTests = new ArrayList<>();
        for (Splits.Split split : splits) {
            tests.add(target.subset(split.test()));
            yTests.add(scale.apply(tests.get(tests.size() - 1).tabular().y()));
        }
        for (int c = 0; c < k; c++) {
            progress.update(task, c, k);
            List<HybridModel> models = foldModels(PREFERENCE.get(c), base, target, splits, tuning, seed);
            for (int f = 0; f < folds; f++) {
                int[] te = splits.get(f).test();
                double[][] yTe = yTests.get(f);
                double[][] pred = scale.apply(models.get(f).predict(tests.get(f), Progress.NONE).mean());
                for (int i = 0; i < te.length; i++) {
                    double sq = 0;
                    for (int t = 0; t < pred[i].length; t++) {
                        sq += (pred[i][t] - yTe[i][t]) * (pred[i][t] - yTe[i][t]);
                    }
                    loss[c][te[i]] = sq / pred[i].length;
                }
            }
        }
        progress.update(task, k, k);
        List<Score> scores = new ArrayList<>();
        int best = 0;
        for (int c = 0; c < k; c++) {
            scores.add(new Score(PREFERENCE.get(c), Math.sqrt(average(loss[c]))));
            if (scores.get(c).cvRmse() < scores.get(best).cvRmse()) {
                best = c;
            }
        }
        int chosen = best;
        double se = 0;
        for (int c = 0; c < k; c++) { // PREFERENCE order: the first within one SE of the best wins
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                diff[i] = loss[c][i] - loss[best][i];
            }
            se = standardErrorOfMean(diff);
            if (average(diff) <= se) {
                chosen = c;
                break;
            }
        }
        String reason;
        if (chosen == best) {
            reason = String.format(Locale.ROOT, "lowest out-of-fold RMSE in %d-fold CV on the %d target rows "
                    + "(%.3f, standardised units)%s", folds, n, scores.get(best).cvRmse(),
                    chosen == 0 ? "" : "; no more preferred candidate came within one standard error");
        } else {
            reason = String.format(Locale.ROOT, "out-of-fold RMSE %.3f is within one standard error (MSE difference "
                    + "%.3f <= SE %.3f) of the lowest, %.3f for '%s', in %d-fold CV on the %d target rows; auto "
                    + "prefers %s when the data cannot tell the candidates apart", scores.get(chosen).cvRmse(),
                    average(loss[chosen]) - average(loss[best]), se, scores.get(best).cvRmse(), PREFERENCE.get(best),
                    folds, n, PREFERENCE.get(chosen));
        }
        return new Selection(PREFERENCE.get(chosen), folds, scores, reason);
    }

    private static double average(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** sd / sqrt(n), n-1 in the variance. */
    private static double standardErrorOfMean(double[] v) {
        double m = average(v);
        double ss = 0;
        for (double d : v) {
            ss += (d - m) * (d - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
