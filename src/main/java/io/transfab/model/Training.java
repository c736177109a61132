package io.transfab.model;

import io.transfab.data.Dataset;
import io.transfab.evaluate.SourceRanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a complete {@link TrainedModel} on one table: standardises numeric inputs and targets with
 * the table's own statistics, trains one regressor or an ensemble of K seeded members, and
 * records provenance.
 */
public final class Training {
    private Training() {
    }

    /**
     * @param ensemble number of members (1 = a single regressor); members get derived seeds
     * @param details  options to record in model.json
     */
    public static TrainedModel fit(Dataset data, RegressorTrainer trainer, int ensemble, long seed,
            Map<String, Object> details, Progress progress) {
        return fit(data, NormalizationScheme.STANDARD, null, null, trainer, ensemble, seed, details, progress);
    }

    /**
     * {@link #fit} with a normalisation scheme: inputs scaled by {@code scheme}; targets by the same
     * scheme except per-domain, where they use the pooled standardisation (a new domain's rows have
     * no targets to take statistics from).
     *
     * @param domainColumn the column of {@code labels}; required for (and only used by) per-domain
     * @param labels       row i's domain, or null
     */
    public static TrainedModel fit(Dataset data, NormalizationScheme scheme, String domainColumn, String[] labels,
            RegressorTrainer trainer, int ensemble, long seed, Map<String, Object> details, Progress progress) {
        return fit(data, scheme, domainColumn, labels, null, trainer, ensemble, seed, details, progress);
    }

    /**
     * {@link #fit(Dataset, NormalizationScheme, String, String[], RegressorTrainer, int, long, Map, Progress)}
     * with composition inputs: {@code logRatio} (null: none, see {@link Compositions#resolve}) turns
     * them into log-ratio coordinates before the scheme scales them, in the model's input scaling.
     */
    public static TrainedModel fit(Dataset data, NormalizationScheme scheme, String domainColumn, String[] labels,
            LogRatio logRatio, RegressorTrainer trainer, int ensemble, long seed, Map<String, Object> details,
            Progress progress) {
        return fit(data, scheme, domainColumn, labels, logRatio, trainer, ensemble, seed, details, progress, true);
    }

    /**
     * {@link #fit(Dataset, RegressorTrainer, int, long, Map, Progress)} without the calibration's
     * out-of-fold refits (an uncalibrated model: the same members and means, the regressor's own
     * standard deviations), for fits whose only use is their mean, like an inner cross-validation.
     */
    public static TrainedModel fitUncalibrated(Dataset data, RegressorTrainer trainer, int ensemble, long seed,
            Map<String, Object> details, Progress progress) {
        return fitUncalibrated(data, null, trainer, ensemble, seed, details, progress);
    }

    /** {@link #fitUncalibrated(Dataset, RegressorTrainer, int, long, Map, Progress)} with composition inputs. */
    public static TrainedModel fitUncalibrated(Dataset data, LogRatio logRatio, RegressorTrainer trainer, int ensemble,
            long seed, Map<String, Object> details, Progress progress) {
        return fit(data, NormalizationScheme.STANDARD, null, null, logRatio, trainer, ensemble, seed, details,
                progress, false);
    }

    private static TrainedModel fit(Dataset data, NormalizationScheme scheme, String domainColumn, String[] labels,
            LogRatio logRatio, RegressorTrainer trainer, int ensemble, long seed, Map<String, Object> details,
            Progress progress, boolean calibrate) {
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble size must be >= 1; got " + ensemble);
        }
        data.schema().requireTabular(data.source());
        data.requireTrainingRows();
        double[][] x = data.x();
        double[][] y = data.y();
        boolean perDomain = scheme == NormalizationScheme.PER_DOMAIN;
        InputScaling in = InputScaling.fit(scheme, x, TrainedModel.numericMask(data.schema()),
                perDomain ? domainColumn : null, labels, logRatio);
        Normalizer out = Normalizer.fit(scheme, y);
        double[][] xs = in.apply(x, labels);
        double[][] ys = out.apply(y);
        // The final members and the calibration's fold models in one group: the MLP trains them as one batch.
        List<RegressorTrainer.FitTask> tasks = memberTasks(xs, ys, ensemble, seed);
        OutOfFoldPlan plan = calibrate ? OutOfFoldPlan.of(trainer, xs, ys, ensemble, seed) : null;
        RegressorTrainer refits = trainer.forCalibrationRefits();
        if (plan != null && refits == trainer) {
            tasks.addAll(plan.tasks());
        }
        List<Regressor> fitted = new ArrayList<>(trainer.fitAll(tasks, progress));
        if (plan != null && refits != trainer) { // e.g. a GP: its refits draw fewer starts, in a group of their own
            fitted.addAll(refits.fitAll(plan.tasks(), progress));
        }
        Regressor regressor = members(fitted.subList(0, ensemble));
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("ensemble", ensemble);
        d.put("normalizationScheme", scheme.cliName());
        d.put("inputRanges", SourceRanges.of(data.schema().encodedNames(), x));
        d.put(TrainingRanges.KEY, TrainingRanges.of(data.schema(), x));
        Calibration calibration = plan == null ? null : plan.calibration(fitted.subList(ensemble, fitted.size()));
        return TrainedModel.of(data.schema(), in, out, regressor, trainer.kind(), d,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null), perDomain ? domainColumn : null)
                .withCalibration(calibration);
    }

    /** The fits of one regressor ({@code ensemble} = 1: the seed itself) or of members with derived seeds. */
    private static List<RegressorTrainer.FitTask> memberTasks(double[][] xs, double[][] ys, int ensemble, long seed) {
        List<RegressorTrainer.FitTask> tasks = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            tasks.add(new RegressorTrainer.FitTask(xs, ys, ensemble == 1 ? seed : Seeds.derive(seed, k)));
        }
        return tasks;
    }

    /** One regressor, or the ensemble of the members. */
    private static Regressor members(List<Regressor> fitted) {
        return fitted.size() == 1 ? fitted.get(0) : Ensemble.of(new ArrayList<>(fitted));
    }

    /** Regressor kinds cheap enough to refit {@link #CHEAP_FOLDS} times for the calibration. */
    private static final java.util.Set<String> CHEAP_KINDS = java.util.Set.of("gp", "ridge", "xgboost");
    /** Calibration folds of the cheap kinds (leave-one-out below 10 rows). */
    static final int CHEAP_FOLDS = 10;
    /** Calibration folds of networks; each fold ensemble has ceil(members / folds) members. */
    static final int NETWORK_FOLDS = 5;

    /**
     * The conformal calibration (see {@link Calibration}) from a k-fold refit on the normalised
     * training rows: cheap kinds (GP, ridge, boosting) use min(10, n) folds with the full member
     * count and a full refit (a GP re-optimises its hyperparameters from independent starts, 3 random
     * ones besides the default: keeping the full fit's, or warm-starting from them, made the out-of-fold
     * residuals optimistic and the 90 % intervals covered 47 % and 79-81 % of held-out simulator rows
     * at n = 10-20); networks use min(5, n) folds of ceil(K / folds) members, about the cost of the final
     * fit again (with one member per fold the fold models give no standard deviation, so the scores
     * are absolute residuals). Null below 3 rows.
     */
    private record OutOfFoldPlan(double[][] ys, List<io.transfab.evaluate.Splits.Split> splits, int members, boolean cheap,
                         double[][][] test, List<RegressorTrainer.FitTask> tasks) {
        /** The fold fits of the calibration; null below 3 rows. */
        static OutOfFoldPlan of(RegressorTrainer trainer, double[][] xs, double[][] ys, int ensemble, long seed) {
            int n = xs.length;
            if (n < 3) {
                return null;
            }
            boolean cheap = CHEAP_KINDS.contains(trainer.kind());
            int folds = Math.min(cheap ? CHEAP_FOLDS : NETWORK_FOLDS, n);
            int members = cheap ? ensemble : (ensemble + folds - 1) / folds;
            List<io.transfab.evaluate.Splits.Split> splits = io.transfab.evaluate.Splits.kFold(n, folds,
                    Seeds.derive(seed, "calibration"));
            List<RegressorTrainer.FitTask> tasks = new ArrayList<>();
            double[][][] test = new double[folds][][];
            for (int f = 0; f < folds; f++) {
                int[] tr = splits.get(f).train();
                test[f] = Matrices.rows(xs, splits.get(f).test());
                tasks.addAll(memberTasks(Matrices.rows(xs, tr), Matrices.rows(ys, tr), members,
                        Seeds.derive(seed, 1000L + f)));
            }
            return new OutOfFoldPlan(ys, splits, members, cheap, test, tasks);
        }

        /** The calibration from the fitted fold models, in the order of {@link #tasks}. */
        Calibration calibration(List<Regressor> fitted) {
            int n = ys.length;
            int folds = splits.size();
            double[][] mu = new double[n][];
            double[][] sigma = new double[n][];
            for (int f = 0; f < folds; f++) {
                int[] te = splits.get(f).test();
                Prediction p = Training.members(fitted.subList(f * members, (f + 1) * members)).predict(test[f]);
                for (int i = 0; i < te.length; i++) {
                    mu[te[i]] = p.mean()[i];
                    sigma[te[i]] = p.std()[i];
                }
            }
            return Calibration.fromOutOfFold(ys, mu, sigma, folds + "-fold cross-validation"
                    + (cheap ? "" : " (" + members + " member" + (members == 1 ? "" : "s") + " per fold)"));
        }
    }
}
