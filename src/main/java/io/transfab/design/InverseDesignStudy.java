package io.transfab.design;

import io.transfab.evaluate.Quantiles;
import io.transfab.model.Json;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;

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

    /** Runs the study on local threads (one per processor); each seed is seeded on its own, so the result is reproducible. */
    public static InverseDesignResult run(SimulatorLab lab, InverseDesignOptions options, Progress progress) {
        try {
            return run(lab, null, options, LocalSweepExecutor.of(Runtime.getRuntime().availableProcessors()),
                    progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the study's units (one per seed and requested value) as tasks of {@code executor} (local
     * threads or Spark, docs/scale-out.md): a unit's seeds derive from the root seed, the seed index and
     * the value's index in its key only, and the results are placed by key, so every executor gives the
     * same result.
     */
    public static InverseDesignResult run(StudySweep.LabSpec lab, InverseDesignOptions options, SweepExecutor executor,
            Progress progress) throws IOException {
        return run(lab.lab(), lab, options, executor, progress);
    }

    private static InverseDesignResult run(SimulatorLab lab, StudySweep.LabSpec spec, InverseDesignOptions options,
            SweepExecutor executor, Progress progress) throws IOException {
        int[] prop = {SimulatorLab.propertyIndex(options.property())};
        double[] targets = options.targets().isEmpty() ? defaultTargets(lab, prop, options.seed())
                : options.targets().stream().mapToDouble(Double::doubleValue).toArray();
        double sd = replicateSd(lab, prop, options.seed());
        double tol = Double.isNaN(options.tolerance()) ? 2 * sd : options.tolerance();
        List<SweepTask> tasks = new ArrayList<>();
        for (int i = 0; i < options.seeds(); i++) {
            for (int t = 0; t < targets.length; t++) {
                tasks.add(new SweepTask("seed-" + i + "-target-" + t, Json.toString(new Unit(i, t))));
            }
        }
        Worker worker = new Worker(lab, options, targets, tol);
        String name = "inverse-design study";
        Sweep sweep = spec == null
                ? Sweep.localOnly(name, tasks, worker, "the lab was given as an object; pass its StudySweep.LabSpec")
                : Sweep.of(name, tasks, worker, () -> SweepJob.of(Factory.class, Json.toString(new JobSpec(spec,
                        options, targets, tol)), Map.of()));
        Map<String, String> values = StudySweep.run(executor, sweep, 1, progress);
        SearchMethod[] methods = SearchMethod.values();
        InverseDesignResult.Outcome[][][] out =
                new InverseDesignResult.Outcome[methods.length][targets.length][options.seeds()];
        long evaluations = 0;
        for (SweepTask task : tasks) {
            Unit u = StudySweep.read(task.spec(), Unit.class);
            UnitResult r = StudySweep.read(values.get(task.key()), UnitResult.class);
            out[SearchMethod.OPTIMIZE.ordinal()][u.target()][u.seedIndex()] = r.optimize();
            out[SearchMethod.RANDOM_SEARCH.ordinal()][u.target()][u.seedIndex()] = r.randomSearch();
            out[SearchMethod.RANDOM_EXPERIMENTS.ordinal()][u.target()][u.seedIndex()] = r.randomExperiments();
            evaluations += r.candidates();
        }
        return new InverseDesignResult(options, lab.chemistry().cliName(), targets, tol, sd, out,
                (int) Math.round(evaluations / (double) tasks.size()));
    }

    /** One unit of the study: one seed's model and one requested value. */
    record Unit(int seedIndex, int target) {
    }

    /** What a unit found: the three methods' outcomes and the candidates optimize scored. */
    record UnitResult(InverseDesignResult.Outcome optimize, InverseDesignResult.Outcome randomSearch,
            InverseDesignResult.Outcome randomExperiments, long candidates) {
    }

    /** What every unit shares, as the job ships it. */
    record JobSpec(StudySweep.LabSpec lab, InverseDesignOptions options, double[] targets, double tolerance) {
    }

    /** Runs units: the lab, the options, the requested values and the hit tolerance. */
    private record Worker(SimulatorLab lab, InverseDesignOptions options, double[] targets, double tol)
            implements SweepWorker {
        @Override
        public SweepResult run(SweepTask task) {
            Unit u = StudySweep.read(task.spec(), Unit.class);
            int[] prop = {SimulatorLab.propertyIndex(options.property())};
            ParameterSpace space = lab.parameterSpace();
            long seed = Seeds.derive(options.seed(), u.seedIndex());
            // the seed's model: the same in every unit of the seed (its design, noise and fit seeds derive from it)
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
            int t = u.target();
            double v = targets[t];
            Proposal p = InverseDesigner.optimize(model, space, OptimizeOptions.of(Objective.parse("target:"
                    + options.property() + "=" + v), options.proposals(), Seeds.derive(seed, "optimize " + t)),
                    "study space");
            List<double[]> proposed = new ArrayList<>();
            for (int r = 0; r < p.runs(); r++) {
                proposed.add(p.point(r));
            }
            List<double[]> searched = randomSearch(model, space, v, p.candidates(), options.proposals(),
                    new SplittableRandom(Seeds.derive(seed, "random search " + t)));
            return StudySweep.result(task, new UnitResult(
                    check(lab, prop, proposed, v, tol, Seeds.derive(seed, "verify optimize " + t)),
                    check(lab, prop, searched, v, tol, Seeds.derive(seed, "verify random search " + t)),
                    check(lab, prop, randomRuns, v, tol, Seeds.derive(seed, "verify random experiments")),
                    p.candidates()));
        }

        @Override
        public String describe(SweepTask task) {
            Unit u = StudySweep.read(task.spec(), Unit.class);
            return "inverse-design study seed " + u.seedIndex() + ", value " + targets[u.target()];
        }
    }

    /** Rebuilds the study's worker from a job (in a Spark executor). */
    public static final class Factory implements SweepWorker.Factory {
        @Override
        public SweepWorker open(SweepJob job) {
            JobSpec s = StudySweep.read(job.spec(), JobSpec.class);
            return new Worker(s.lab().lab(), s.options(), s.targets(), s.tolerance());
        }
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
