package io.transfab.design;

import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Inverse design: the parameter sets whose predictions best meet several goals at once. Each candidate gets
 * the equally weighted sum of standardised terms, with m_Y and s_Y the mean and standard deviation of the
 * predicted means of target Y over the initial Sobol candidates:
 * <ul>
 * <li>{@code max:Y}: (mu_Y - m_Y) / s_Y; {@code min:Y}: (m_Y - mu_Y) / s_Y;
 * <li>{@code target:Y=v}: -sqrt((mu_Y - v)^2 + sigma_Y^2) / s_Y (root expected squared deviation; sigma = 0
 * when the model has no std).
 * </ul>
 * After scoring the feasible shifted Sobol candidates, {@link OptimizeOptions#refineRounds()} rounds perturb
 * the {@value #ELITE} best candidates {@value #PERTURBATIONS} times each with seeded Gaussian steps in the unit
 * cube (sd 0.1, halved every round; a categorical coordinate is redrawn with probability 0.2), keep the
 * feasible ones and score them; the result is the diverse top N of all scored points ({@link SpaceModel#diverse}).
 */
public final class InverseDesigner {
    static final int ELITE = 8;
    static final int PERTURBATIONS = 32;
    private static final double FIRST_STEP = 0.1;
    private static final double REDRAW_LEVEL = 0.2;

    private InverseDesigner() {
    }

    /**
     * The proposal; {@code spaceSource} names the space file in error messages. Candidates and
     * refinement steps hold the compositions of the space and of the model on their totals: a step is
     * taken in the unit cube and mapped by {@link ParameterSpace#fromUnit}, which projects the parts
     * ({@link Composition}).
     */
    public static Proposal optimize(TrainedModel model, ParameterSpace declared, OptimizeOptions options,
            String spaceSource) {
        SpaceModel sm = SpaceModel.of(model, declared, spaceSource);
        ParameterSpace space = sm.space(); // with the model's compositions
        List<ObjectiveTerm> terms = options.objective().terms();
        int[] t = new int[terms.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = sm.targetIndex(terms.get(k).target());
        }
        List<SpaceModel.Candidate> pool = new ArrayList<>(SpaceModel.sobolCandidates(space, options.candidates(),
                options.runs(), options.seed()));
        Prediction p = sm.predict(pool);
        double[] center = new double[t.length];
        double[] scale = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            double[] mu = p.meanOf(t[k]);
            double m = Arrays.stream(mu).average().orElse(0);
            double ss = 0;
            for (double v : mu) {
                ss += (v - m) * (v - m);
            }
            double sd = Math.sqrt(ss / mu.length);
            center[k] = m;
            scale[k] = sd > 0 ? sd : 1;
        }
        List<double[]> means = new ArrayList<>(Arrays.asList(p.mean()));
        List<double[]> stds = new ArrayList<>(Arrays.asList(p.std()));
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            scores.add(score(terms, t, center, scale, p.mean()[i], p.std()[i]));
        }
        SplittableRandom rng = new SplittableRandom(options.seed()).split();
        double step = FIRST_STEP;
        for (int round = 0; round < options.refineRounds(); round++, step /= 2) {
            List<SpaceModel.Candidate> fresh = new ArrayList<>();
            for (int e : top(scores, ELITE)) {
                double[] u0 = pool.get(e).u();
                for (int m = 0; m < PERTURBATIONS; m++) {
                    double[] u = perturb(space, u0, step, rng);
                    double[] x = space.fromUnit(u);
                    if (space.isFeasible(x)) {
                        fresh.add(new SpaceModel.Candidate(u, x));
                    }
                }
            }
            if (fresh.isEmpty()) {
                continue;
            }
            Prediction q = sm.predict(fresh);
            for (int i = 0; i < fresh.size(); i++) {
                pool.add(fresh.get(i));
                means.add(q.mean()[i]);
                stds.add(q.std()[i]);
                scores.add(score(terms, t, center, scale, q.mean()[i], q.std()[i]));
            }
        }
        double[] score = scores.stream().mapToDouble(Double::doubleValue).toArray();
        Prediction all = new Prediction(means.toArray(new double[0][]), stds.toArray(new double[0][]));
        SpaceModel.Selection s = SpaceModel.diverse(space, pool, score, options.runs());
        return sm.proposal(pool, all, score, s, "score");
    }

    static double score(List<ObjectiveTerm> terms, int[] t, double[] center, double[] scale, double[] mean,
            double[] std) {
        double s = 0;
        for (int k = 0; k < t.length; k++) {
            double mu = mean[t[k]];
            ObjectiveTerm term = terms.get(k);
            s += switch (term.kind()) {
                case MAX -> (mu - center[k]) / scale[k];
                case MIN -> (center[k] - mu) / scale[k];
                case TARGET -> {
                    double sigma = Double.isFinite(std[t[k]]) ? std[t[k]] : 0;
                    double dev = mu - term.value();
                    yield -Math.sqrt(dev * dev + sigma * sigma) / scale[k];
                }
            };
        }
        return s;
    }

    /** Indices of the {@code k} largest scores (ties by index). */
    private static int[] top(List<Double> scores, int k) {
        Integer[] order = new Integer[scores.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(scores.get(b), scores.get(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int m = Math.min(k, order.length);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static double[] perturb(ParameterSpace space, double[] u0, double step, SplittableRandom rng) {
        double[] u = new double[u0.length];
        for (int j = 0; j < u.length; j++) {
            if (space.parameters().get(j).isCategorical()) {
                u[j] = rng.nextDouble() < REDRAW_LEVEL ? rng.nextDouble() : u0[j];
            } else {
                u[j] = Math.max(0, Math.min(Math.nextDown(1.0), u0[j] + step * rng.nextGaussian()));
            }
        }
        return u;
    }
}
