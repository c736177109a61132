package io.transfab.design;

import io.transfab.model.Ensemble;
import io.transfab.model.MeanFunctionGp;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import io.transfab.model.TrainedModel;
import io.transfab.model.gp.GaussianProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Batch exploration by integrated variance reduction (ALC: Cohn, "Neural network exploration using optimal
 * experiment design", Neural Networks 9 (1996) 1071-1083; Seo, Wallat, Graepel and Obermayer, "Gaussian
 * process regression: active data selection and test point rejection", IJCNN 2000). A candidate x scores
 * {@code sum_t sum_z cov_t(z,x)^2 / (var_t(x) + noise_t)}: how much measuring x once would lower the latent
 * variance summed over a reference set z spread over the space, in each target's normalised units (so targets
 * count over their training scales). The batch is greedy: after taking x the covariance is updated as if x
 * had been measured, {@code cov'(a,b) = cov(a,b) - cov(a,x) cov(x,b) / (var(x) + noise)} (the exact GP update
 * at fixed hyperparameters; no refit and no value of y is needed), which lowers the scores near x and so
 * spreads the batch without an exclusion radius.
 */
final class IntegratedVariance {
    /** Size of the reference set z: the first feasible candidates (a prefix of a shifted Sobol sequence). */
    static final int REFERENCE = 256;
    /** Nominal measurement noise variance (normalised units) for ensembles whose members report none. */
    static final double NOMINAL_NOISE = 0.01;
    /** A gain below this fraction of the batch's first gain counts as none left (e.g. a low-rank ensemble). */
    private static final double EXHAUSTED = 1e-9;

    private IntegratedVariance() {
    }

    /**
     * The posterior covariance of a model over a fixed candidate pool, per target, in the model's normalised
     * target units.
     */
    interface PoolCovariance {
        int outputs();

        /** The measurement noise variance of target t. */
        double noise(int t);

        /** The latent variance of target t at every pool point. */
        double[] variance(int t);

        /** cov_t(pool[rows[i]], pool[j]) for every pool point j: rows.length x pool size. */
        double[][] rows(int t, int[] rows);
    }

    /**
     * The pool covariance of a model: a Gaussian process (also the residual GP of a mean+GP model) gives its
     * posterior covariance; an ensemble the covariance of its members' means plus, where every member is such
     * a GP, their average covariance (law of total covariance). Empty for other models.
     *
     * @param encoded the pool's encoded (one-hot, not normalised) inputs
     */
    static Optional<PoolCovariance> of(TrainedModel model, double[][] encoded) {
        return of(model.regressor(), model.inputNormalizer().apply(encoded));
    }

    static Optional<PoolCovariance> of(Regressor r, double[][] normalised) {
        if (r instanceof GaussianProcess gp) {
            return Optional.of(new GpPool(gp, normalised));
        }
        if (r instanceof MeanFunctionGp m) {
            return Optional.of(new GpPool(m.residualGp(), normalised));
        }
        if (r instanceof Ensemble e) {
            if (e.members().size() == 1) {
                return of(e.members().get(0), normalised);
            }
            return Optional.of(EnsemblePool.of(e, normalised));
        }
        return Optional.empty();
    }

    /**
     * Greedy ALC batch of {@code n} distinct pool points, with the first {@link #REFERENCE} pool points as the
     * reference set. Writes each chosen point's gain into {@code score}. Where the covariance runs out (every
     * gain negligible, as with an ensemble of few members) the rest of the batch is filled by the largest
     * {@code fallback} score with an exclusion radius ({@link SpaceModel#diverse}).
     */
    static SpaceModel.Selection select(ParameterSpace space, List<SpaceModel.Candidate> pool, PoolCovariance k,
            int n, double[] score, double[] fallback) {
        int size = pool.size();
        int[] ref = new int[Math.min(REFERENCE, size)];
        Arrays.setAll(ref, i -> i);
        int outputs = k.outputs();
        double[][][] c = new double[outputs][][];
        double[][] var = new double[outputs][];
        for (int t = 0; t < outputs; t++) {
            c[t] = k.rows(t, ref);
            var[t] = k.variance(t).clone();
        }
        // the fantasised rows cov(x_j, .) of the points taken so far and their denominators, per target
        List<List<double[]>> taken = new ArrayList<>();
        List<double[]> denominators = new ArrayList<>();
        for (int t = 0; t < outputs; t++) {
            taken.add(new ArrayList<>());
            denominators.add(new double[n]);
        }
        boolean[] excluded = new boolean[size];
        List<Integer> chosen = new ArrayList<>();
        double first = Double.NaN;
        while (chosen.size() < n) {
            int best = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < size; p++) {
                if (excluded[p]) {
                    continue;
                }
                double g = gain(c, var, k, p);
                if (g > bestGain) { // strict: ties keep the earlier candidate, NaN never wins
                    bestGain = g;
                    best = p;
                }
            }
            if (best < 0 || !(bestGain > 0) || (chosen.size() > 0 && !(bestGain > EXHAUSTED * first))) {
                break;
            }
            if (chosen.isEmpty()) {
                first = bestGain;
            }
            score[best] = bestGain;
            for (int t = 0; t < outputs; t++) {
                condition(c[t], var[t], k, t, best, taken.get(t), denominators.get(t));
            }
            chosen.add(best);
            for (int p = 0; p < size; p++) {
                // an identical point (a snapped grid can repeat one) would only repeat the measurement
                if (!excluded[p] && space.distance(pool.get(p).x(), pool.get(best).x()) <= 1e-12) {
                    excluded[p] = true;
                }
            }
        }
        int[] picked = chosen.stream().mapToInt(Integer::intValue).toArray();
        if (picked.length == n) {
            return new SpaceModel.Selection(picked, 0.0);
        }
        SpaceModel.Selection rest = SpaceModel.diverse(space, pool, fallback, n, picked);
        for (int i = picked.length; i < n; i++) {
            score[rest.indices()[i]] = 0.0;
        }
        return rest;
    }

    /** sum_t sum_z cov_t(z,p)^2 / (var_t(p) + noise_t). */
    static double gain(double[][][] c, double[][] var, PoolCovariance k, int p) {
        double total = 0;
        for (int t = 0; t < c.length; t++) {
            double s = 0;
            for (double[] row : c[t]) {
                s += row[p] * row[p];
            }
            total += s / (var[t][p] + k.noise(t));
        }
        return total;
    }

    /** Fantasises a measurement at pool point x: the rank-1 update of the reference rows and the variances. */
    private static void condition(double[][] c, double[] var, PoolCovariance k, int t, int x, List<double[]> taken,
            double[] denominators) {
        double[] g = k.rows(t, new int[] {x})[0];
        for (int j = 0; j < taken.size(); j++) {
            double[] r = taken.get(j);
            double f = r[x] / denominators[j];
            for (int p = 0; p < g.length; p++) {
                g[p] -= f * r[p];
            }
        }
        double d = var[x] + k.noise(t);
        for (double[] row : c) {
            double f = row[x] / d;
            for (int p = 0; p < row.length; p++) {
                row[p] -= f * g[p];
            }
        }
        for (int p = 0; p < var.length; p++) {
            var[p] = Math.max(var[p] - g[p] * g[p] / d, 0.0); // roundoff can push it below zero
        }
        denominators[taken.size()] = d;
        taken.add(g);
    }

    /** A Gaussian process over the pool (normalised inputs). */
    private static final class GpPool implements PoolCovariance {
        private final GaussianProcess gp;
        private final double[][] x;
        private final double[][] variance;

        GpPool(GaussianProcess gp, double[][] x) {
            this.gp = gp;
            this.x = x;
            Prediction p = gp.predict(x);
            this.variance = new double[gp.outputCount()][x.length];
            for (int t = 0; t < gp.outputCount(); t++) {
                double noise = noise(t);
                for (int i = 0; i < x.length; i++) {
                    double s = p.std()[i][t];
                    variance[t][i] = Math.max(s * s - noise, 0.0);
                }
            }
        }

        @Override
        public int outputs() {
            return gp.outputCount();
        }

        @Override
        public double noise(int t) {
            return gp.hyperparameters(t).noiseVariance();
        }

        @Override
        public double[] variance(int t) {
            return variance[t];
        }

        @Override
        public double[][] rows(int t, int[] rows) {
            double[][] a = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                a[i] = x[rows[i]];
            }
            return gp.posteriorCovariance(a, x, t);
        }
    }

    /**
     * An ensemble: the empirical covariance of the members' means over the pool, plus the members' average
     * posterior covariance where every member has one. The noise is the members' average noise variance, or
     * their average predictive variance over the pool where they report a std but no covariance, else
     * {@link #NOMINAL_NOISE}.
     */
    private static final class EnsemblePool implements PoolCovariance {
        private final double[][][] centred; // [t][member][pool]: member mean minus ensemble mean
        private final List<PoolCovariance> within; // empty unless every member has a covariance
        private final double[] noise;
        private final double[][] variance;

        private EnsemblePool(double[][][] centred, List<PoolCovariance> within, double[] noise) {
            this.centred = centred;
            this.within = within;
            this.noise = noise;
            this.variance = new double[centred.length][];
            for (int t = 0; t < centred.length; t++) {
                int size = centred[t][0].length;
                double[] v = new double[size];
                for (double[] m : centred[t]) {
                    for (int p = 0; p < size; p++) {
                        v[p] += m[p] * m[p] / centred[t].length;
                    }
                }
                for (PoolCovariance w : within) {
                    double[] wv = w.variance(t);
                    for (int p = 0; p < size; p++) {
                        v[p] += wv[p] / within.size();
                    }
                }
                variance[t] = v;
            }
        }

        static EnsemblePool of(Ensemble e, double[][] x) {
            int members = e.members().size();
            int outputs = e.outputCount();
            double[][][] centred = new double[outputs][members][x.length];
            double[] predictiveVariance = new double[outputs];
            boolean stdEverywhere = true;
            List<PoolCovariance> within = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                Regressor r = e.members().get(m);
                Prediction p = r.predict(x);
                for (int t = 0; t < outputs; t++) {
                    for (int i = 0; i < x.length; i++) {
                        centred[t][m][i] = p.mean()[i][t];
                        double s = p.std()[i][t];
                        stdEverywhere &= Double.isFinite(s);
                        predictiveVariance[t] += s * s / ((double) members * x.length);
                    }
                }
                IntegratedVariance.of(r, x).ifPresent(within::add);
            }
            for (int t = 0; t < outputs; t++) {
                for (int i = 0; i < x.length; i++) {
                    double mean = 0;
                    for (int m = 0; m < members; m++) {
                        mean += centred[t][m][i] / members;
                    }
                    for (int m = 0; m < members; m++) {
                        centred[t][m][i] -= mean;
                    }
                }
            }
            boolean allWithin = within.size() == members;
            double[] noise = new double[outputs];
            for (int t = 0; t < outputs; t++) {
                if (allWithin) {
                    for (PoolCovariance w : within) {
                        noise[t] += w.noise(t) / members;
                    }
                } else {
                    noise[t] = stdEverywhere && predictiveVariance[t] > 0 ? predictiveVariance[t] : NOMINAL_NOISE;
                }
            }
            return new EnsemblePool(centred, allWithin ? within : List.of(), noise);
        }

        @Override
        public int outputs() {
            return centred.length;
        }

        @Override
        public double noise(int t) {
            return noise[t];
        }

        @Override
        public double[] variance(int t) {
            return variance[t];
        }

        @Override
        public double[][] rows(int t, int[] rows) {
            double[][] m = centred[t];
            int size = m[0].length;
            double[][] out = new double[rows.length][size];
            for (int i = 0; i < rows.length; i++) {
                for (double[] member : m) {
                    double f = member[rows[i]] / m.length;
                    for (int p = 0; p < size; p++) {
                        out[i][p] += f * member[p];
                    }
                }
            }
            for (PoolCovariance w : within) {
                double[][] wc = w.rows(t, rows);
                for (int i = 0; i < rows.length; i++) {
                    for (int p = 0; p < size; p++) {
                        out[i][p] += wc[i][p] / within.size();
                    }
                }
            }
            return out;
        }
    }
}
