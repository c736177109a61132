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
        Regressor regressor;
        if (ensemble == 1) {
            regressor = trainer.fit(xs, ys, seed, progress);
        } else {
            List<Regressor> members = new ArrayList<>();
            for (int k = 0; k < ensemble; k++) {
                final int member = k;
                Progress p = (task, done, total) -> progress.update(task + ", " + ensemble + " members",
                        member * total + done, ensemble * total);
                members.add(trainer.fit(xs, ys, Seeds.derive(seed, k), p));
            }
            regressor = Ensemble.of(members);
        }
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("ensemble", ensemble);
        d.put("normalizationScheme", scheme.cliName());
        d.put("inputRanges", SourceRanges.of(data.schema().encodedNames(), x));
        d.put(TrainingRanges.KEY, TrainingRanges.of(data.schema(), x));
        return TrainedModel.of(data.schema(), in, out, regressor, trainer.kind(), d,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null), perDomain ? domainColumn : null);
    }
}
