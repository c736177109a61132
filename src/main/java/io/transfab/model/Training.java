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
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble size must be >= 1; got " + ensemble);
        }
        data.schema().requireTabular(data.source());
        data.requireTrainingRows();
        double[][] x = data.x();
        double[][] y = data.y();
        boolean perDomain = scheme == NormalizationScheme.PER_DOMAIN;
        InputScaling in = InputScaling.fit(scheme, x, TrainedModel.numericMask(data.schema()),
                perDomain ? domainColumn : null, labels);
        Normalizer out = Normalizer.fit(scheme, y);
        double[][] xs = in.apply(x, labels);
        double[][] ys = out.apply(y);
        Regressor regressor = fitMembers(trainer, xs, ys, ensemble, seed, progress);
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("ensemble", ensemble);
        d.put("normalizationScheme", scheme.cliName());
        d.put("inputRanges", SourceRanges.of(data.schema().encodedNames(), x));
        d.put(TrainingRanges.KEY, TrainingRanges.of(data.schema(), x));
        Calibration calibration = outOfFold(trainer, xs, ys, ensemble, seed, progress);
        return TrainedModel.of(data.schema(), in, out, regressor, trainer.kind(), d,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null), perDomain ? domainColumn : null)
                .withCalibration(calibration);
    }

    /** One regressor, or an ensemble of {@code ensemble} members with derived seeds. */
    private static Regressor fitMembers(RegressorTrainer trainer, double[][] xs, double[][] ys, int ensemble,
            long seed, Progress progress) {
        if (ensemble == 1) {
            return trainer.fit(xs, ys, seed, progress);
        }
        List<Regressor> members = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            final int member = k;
            Progress p = (task, done, total) -> progress.update(task + ", " + ensemble + " members",
                    member * total + done, ensemble * total);
            members.add(trainer.fit(xs, ys, Seeds.derive(seed, k), p));
        }
        return Ensemble.of(members);
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
     * count and a full refit (a GP re-optimises its hyperparameters with its restarts: keeping the
     * full fit's, or warm-starting from them, made the out-of-fold residuals optimistic and the
     * 90 % intervals covered 47 % and 79-81 % of held-out simulator rows at n = 10-20); networks use min(5, n) folds of ceil(K / folds) members, about the cost of the final
     * fit again (with one member per fold the fold models give no standard deviation, so the scores
     * are absolute residuals). Null below 3 rows.
     */
    static Calibration outOfFold(RegressorTrainer trainer, double[][] xs, double[][] ys, int ensemble, long seed,
            Progress progress) {
        int n = xs.length;
        if (n < 3) {
            return null;
        }
        boolean cheap = CHEAP_KINDS.contains(trainer.kind());
        int folds = Math.min(cheap ? CHEAP_FOLDS : NETWORK_FOLDS, n);
        int members = cheap ? ensemble : (ensemble + folds - 1) / folds;
        double[][] mu = new double[n][];
        double[][] sigma = new double[n][];
        List<io.transfab.evaluate.Splits.Split> splits = io.transfab.evaluate.Splits.kFold(n, folds,
                Seeds.derive(seed, "calibration"));
        String task = "calibration: " + folds + "-fold refit";
        for (int f = 0; f < folds; f++) {
            progress.update(task, f, folds);
            int[] tr = splits.get(f).train();
            int[] te = splits.get(f).test();
            long s = Seeds.derive(seed, 1000L + f);
            Regressor r = fitMembers(trainer, Matrices.rows(xs, tr), Matrices.rows(ys, tr), members, s,
                    Progress.NONE);
            Prediction p = r.predict(Matrices.rows(xs, te));
            for (int i = 0; i < te.length; i++) {
                mu[te[i]] = p.mean()[i];
                sigma[te[i]] = p.std()[i];
            }
        }
        progress.update(task, folds, folds);
        return Calibration.fromOutOfFold(ys, mu, sigma, folds + "-fold cross-validation"
                + (cheap ? "" : " (" + members + " member" + (members == 1 ? "" : "s") + " per fold)"));
    }
}
