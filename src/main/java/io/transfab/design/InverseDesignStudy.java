package io.transfab.design;

import io.transfab.evaluate.Quantiles;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Does {@link InverseDesigner#optimize} find parameters whose simulated property hits a requested value more
 * often than random search with the same budget? Per seed, a GP is trained on a maximin LHS of
 * {@code trainRuns} measured experiments; for every requested value v:
 * <ul>
 * <li>optimize proposes k parameter sets for {@code target:Y=v};
 * <li>random search on the same model scores as many uniform random feasible points as optimize scored and
 * keeps the k with the smallest root expected squared deviation sqrt((mu - v)^2 + sigma^2), the criterion
 * optimize uses;
 * <li>random experiments spend the whole budget (trainRuns + k runs) on uniform random points, no model.
 * </ul>
 * Every run is checked in the simulator: a hit when its noise-free value is within the tolerance of v, a
 * measured hit when one noisy measurement is.
 */
public final class InverseDesignStudy {
    /** Replicates at the centre of the space that estimate the noise. */
    static final int REPLICATES = 400;
    /** Points whose true values give the default requests. */
    static final int TARGET_POINTS = 2000;
    private static final double[] TARGET_QUANTILES = {0.1, 0.3, 0.5, 0.7, 0.9};

    private InverseDesignStudy() {
    }

    /** Runs the study; seeds run in parallel, each seeded on its own, so the result is reproducible. */
    public static InverseDesignResult run(SimulatorLab lab, InverseDesignOptions options, Progress progress) {
        ParameterSpace space = lab.parameterSpace();
        int[] prop = {SimulatorLab.propertyIndex(options.property())};
        double[] targets = options.targets().isEmpty() ? defaultTargets(lab, prop, options.seed())
                : options.targets().stream().mapToDouble(Double::doubleValue).toArray();
        double sd = replicateSd(lab, prop, options.seed());
        double tol = Double.isNaN(options.tolerance()) ? 2 * sd : options.tolerance();
        SearchMethod[] methods = SearchMethod.values();
        InverseDesignResult.Outcome[][][] out =
                new InverseDesignResult.Outcome[methods.length][targets.length][options.seeds()];
        int total = options.seeds() * targets.length;
        AtomicInteger done = new AtomicInteger();
        AtomicLong evaluations = new AtomicLong();
        progress.update("inverse-design study", 0, total);
        IntStream.range(0, options.seeds()).parallel().forEach(i -> {
            long seed = Seeds.derive(options.seed(), i);
            Plan plan = Designer.design(space, DesignOptions.of(DesignMethod.LHS, options.trainRuns(),
                    Seeds.derive(seed, "train design")));
            List<double[]> train = new ArrayList<>();
            for (int r = 0; r < plan.runs(); r++) {
                train.add(plan.point(r));
            }
            TrainedModel model = StudyModels.fit(space, prop, train, lab.measure(train, prop,
                    Seeds.derive(seed, "train lab")), Seeds.derive(seed, "fit"));
            List<double[]> randomRuns = SimulatorLab.uniform(space, options.trainRuns() + options.proposals(),
                    new SplittableRandom(Seeds.derive(seed, "random experiments")));
            for (int t = 0; t < targets.length; t++) {
                double v = targets[t];
                Proposal p = InverseDesigner.optimize(model, space, OptimizeOptions.of(Objective.parse("target:"
                        + options.property() + "=" + v), options.proposals(), Seeds.derive(seed, "optimize " + t)),
                        "study space");
                evaluations.addAndGet(p.candidates());
                List<double[]> proposed = new ArrayList<>();
                for (int r = 0; r < p.runs(); r++) {
                    proposed.add(p.point(r));
                }
                List<double[]> searched = randomSearch(model, space, v, p.candidates(), options.proposals(),
                        new SplittableRandom(Seeds.derive(seed, "random search " + t)));
                out[SearchMethod.OPTIMIZE.ordinal()][t][i] = check(lab, prop, proposed, v, tol,
                        Seeds.derive(seed, "verify optimize " + t));
                out[SearchMethod.RANDOM_SEARCH.ordinal()][t][i] = check(lab, prop, searched, v, tol,
                        Seeds.derive(seed, "verify random search " + t));
                out[SearchMethod.RANDOM_EXPERIMENTS.ordinal()][t][i] = check(lab, prop, randomRuns, v, tol,
                        Seeds.derive(seed, "verify random experiments"));
                progress.update("inverse-design study", done.incrementAndGet(), total);
            }
        });
        return new InverseDesignResult(options, lab.chemistry().cliName(), targets, tol, sd, out,
                (int) Math.round(evaluations.get() / (double) total));
    }

    /** The k of {@code budget} uniform random points with the smallest sqrt((mu - v)^2 + sigma^2). */
    static List<double[]> randomSearch(TrainedModel model, ParameterSpace space, double v, int budget, int k,
            SplittableRandom rng) {
        List<double[]> pts = SimulatorLab.uniform(space, budget, rng);
        Prediction p = model.predictEncoded(pts.toArray(new double[0][]));
        double[] mu = p.meanOf(0);
        double[] sigma = p.stdOf(0);
        double[] dev = new double[pts.size()];
        for (int i = 0; i < dev.length; i++) {
            double s = Double.isFinite(sigma[i]) ? sigma[i] : 0;
            dev[i] = Math.sqrt((mu[i] - v) * (mu[i] - v) + s * s);
        }
        Integer[] order = new Integer[dev.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> dev[i]).thenComparingInt(i -> i));
        List<double[]> out = new ArrayList<>(k);
        for (int r = 0; r < Math.min(k, order.length); r++) {
            out.add(pts.get(order[r]));
        }
        return out;
    }

    private static InverseDesignResult.Outcome check(SimulatorLab lab, int[] prop, List<double[]> runs, double v,
            double tol, long seed) {
        double[][] measured = lab.measure(runs, prop, seed);
        int hits = 0;
        int measuredHits = 0;
        double dev = 0;
        for (int i = 0; i < runs.size(); i++) {
            double d = Math.abs(lab.truth(runs.get(i), prop)[0] - v);
            dev += d;
            if (d <= tol) {
                hits++;
            }
            if (Math.abs(measured[i][0] - v) <= tol) {
                measuredHits++;
            }
        }
        return new InverseDesignResult.Outcome(runs.size(), hits, measuredHits, dev / runs.size());
    }

    /** The 10, 30, 50, 70 and 90% quantiles of the true property over uniform random points, 3 significant digits. */
    static double[] defaultTargets(SimulatorLab lab, int[] prop, long seed) {
        List<double[]> pts = SimulatorLab.uniform(lab.parameterSpace(), TARGET_POINTS,
                new SplittableRandom(Seeds.derive(seed, "default targets")));
        double[] truth = new double[pts.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = lab.truth(pts.get(i), prop)[0];
        }
        double[] out = new double[TARGET_QUANTILES.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = new BigDecimal(Quantiles.of(truth, TARGET_QUANTILES[q])).round(new MathContext(3)).doubleValue();
        }
        return out;
    }

    /** Standard deviation of {@value #REPLICATES} noisy runs at the centre of the unit cube. */
    static double replicateSd(SimulatorLab lab, int[] prop, long seed) {
        double[] u = new double[lab.parameterSpace().dimension()];
        Arrays.fill(u, 0.5);
        double[] centre = lab.parameterSpace().fromUnit(u);
        double[][] y = lab.measure(Collections.nCopies(REPLICATES, centre), prop, Seeds.derive(seed, "replicates"));
        double m = 0;
        for (double[] r : y) {
            m += r[0] / y.length;
        }
        double ss = 0;
        for (double[] r : y) {
            ss += (r[0] - m) * (r[0] - m);
        }
        return Math.sqrt(ss / (y.length - 1));
    }
}
