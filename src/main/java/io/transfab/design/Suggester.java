package io.transfab.design;

import io.transfab.data.DataException;
import io.transfab.evaluate.NormalDistribution;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import java.util.List;

/**
 * Proposes the next experiments for a trained model (active learning / Bayesian optimisation on a candidate
 * set): scores feasible shifted Sobol points by an acquisition function and picks a diverse batch
 * ({@link SpaceModel#diverse}, or fantasised updates for explore). Acquisitions (larger is better):
 * <ul>
 * <li>explore: where the model gives a posterior covariance (GP, mean+GP, ensemble), a greedy batch by
 * integrated variance reduction ({@link IntegratedVariance}, ALC); otherwise, and for {@code explore:max-std},
 * sum over targets of sigma_t / s_t (s_t the target's training standard deviation) with an exclusion radius;
 * <li>maximize / minimize: expected improvement EI = I Phi(I/sigma) + sigma phi(I/sigma), I = mu - best
 * (best - mu for minimize), best the best predicted mean among the candidates (Jones, Schonlau and Welch,
 * J. Global Optim. 13 (1998) 455-492); a model without std gives the confidence bound with sigma = 0, that
 * is mu (or -mu);
 * <li>target: -((mu - v)^2 + sigma^2), minus the expected squared deviation from v (sigma = 0 without std).
 * </ul>
 */
public final class Suggester {
    private Suggester() {
    }

    /**
     * The proposal; {@code spaceSource} names the space file in error messages. Candidates hold the
     * compositions of the space and of the model on their totals ({@link Composition}).
     */
    public static Proposal suggest(TrainedModel model, ParameterSpace declared, SuggestOptions options,
            String spaceSource) {
        SpaceModel sm = SpaceModel.of(model, declared, spaceSource);
        ParameterSpace space = sm.space(); // with the model's compositions
        SuggestGoal goal = options.goal();
        int t = goal.kind() == SuggestGoal.Kind.EXPLORE ? -1 : sm.targetIndex(goal.target());
        List<SpaceModel.Candidate> pool = SpaceModel.sobolCandidates(space, options.candidates(), options.runs(),
                options.seed());
        double[][] encoded = sm.encoded(pool);
        Prediction p = model.predictEncoded(encoded);
        double[] score = acquisition(goal, t, p, model.outputNormalizer().scale(), model.method());
        if (goal.kind() == SuggestGoal.Kind.EXPLORE && goal.rule() == SuggestGoal.ExploreRule.INTEGRATED_VARIANCE) {
            var cov = IntegratedVariance.of(model, encoded);
            if (cov.isPresent()) {
                double[] gain = new double[pool.size()];
                SpaceModel.Selection s = IntegratedVariance.select(space, pool, cov.get(), options.runs(), gain, score);
                return sm.proposal(pool, p, gain, s, "acquisition"); // the variance reduction at its pick
            }
        }
        SpaceModel.Selection s = SpaceModel.diverse(space, pool, score, options.runs());
        return sm.proposal(pool, p, score, s, "acquisition");
    }

    static double[] acquisition(SuggestGoal goal, int t, Prediction p, double[] targetScale, String method) {
        int n = p.rows();
        double[] a = new double[n];
        switch (goal.kind()) {
            case EXPLORE -> {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < targetScale.length; k++) {
                        double sd = p.std()[i][k];
                        if (!Double.isFinite(sd)) {
                            throw DataException.option("goal explore needs a predictive standard deviation, "
                                    + "which this model (" + method + ") does not give; train an ensemble "
                                    + "(--ensemble 5) or a Gaussian process");
                        }
                        a[i] += sd / targetScale[k];
                    }
                }
            }
            case MAXIMIZE, MINIMIZE -> {
                double sign = goal.kind() == SuggestGoal.Kind.MAXIMIZE ? 1 : -1;
                double[] mu = p.meanOf(t);
                double[] sigma = p.stdOf(t);
                boolean hasStd = allFinite(sigma);
                double best = Double.NEGATIVE_INFINITY;
                for (double m : mu) {
                    best = Math.max(best, sign * m);
                }
                for (int i = 0; i < n; i++) {
                    a[i] = hasStd ? expectedImprovement(sign * mu[i] - best, sigma[i]) : sign * mu[i];
                }
            }
            case TARGET -> {
                double[] mu = p.meanOf(t);
                double[] sigma = p.stdOf(t);
                boolean hasStd = allFinite(sigma);
                for (int i = 0; i < n; i++) {
                    double dev = mu[i] - goal.value();
                    double var = hasStd ? sigma[i] * sigma[i] : 0;
                    a[i] = -(dev * dev + var);
                }
            }
            default -> throw new IllegalStateException("unhandled goal " + goal.kind());
        }
        return a;
    }

    /** EI = I Phi(I/sigma) + sigma phi(I/sigma) for improvement I over the incumbent; max(I, 0) when sigma = 0. */
    static double expectedImprovement(double improvement, double sigma) {
        if (!(sigma > 0)) {
            return Math.max(improvement, 0);
        }
        double z = improvement / sigma;
        return improvement * NormalDistribution.cdf(z) + sigma * Math.exp(NormalDistribution.logPdf(z, 0, 1));
    }

    static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
