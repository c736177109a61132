package io.transfab.design;

import io.transfab.model.Json;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Active learning with the simulator as the lab: learning curves of test R2 against the number of
 * experiments for {@link StudyMethod#ACTIVE} (a maximin LHS of {@code initial} runs, then per round a GP refit
 * and {@code batch} new runs from {@link Suggester} with goal explore; optionally also
 * {@link StudyMethod#ACTIVE_MAX_STD} with goal explore:max-std), {@link StudyMethod#RANDOM} (nested
 * uniform random runs) and {@link StudyMethod#LHS} (a fresh maximin LHS of every size). Every model is a
 * Gaussian process with default options on all requested properties; the test set is one fixed set of
 * uniform random points with their noise-free values (or one noisy measurement each), shared by all methods
 * and seeds. Active learning starts from the same
 * measured LHS as the one-shot LHS of the initial size, so the two curves share their first point.
 */
public final class ActiveLearningStudy {
    private ActiveLearningStudy() {
    }

    /** Runs the study on local threads (one per processor); each seed is seeded on its own, so the result is reproducible. */
    public static ActiveLearningResult run(SimulatorLab lab, ActiveLearningOptions options, Progress progress) {
        try {
            return run(lab, null, options, LocalSweepExecutor.of(Runtime.getRuntime().availableProcessors()),
                    progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the study's units (one per seed and method) as tasks of {@code executor} (local threads or
     * Spark, docs/scale-out.md): a unit's seed derives from the root seed and the seed index in its key
     * only, and the results are placed by key, so every executor gives the same result.
     */
    public static ActiveLearningResult run(StudySweep.LabSpec lab, ActiveLearningOptions options,
            SweepExecutor executor, Progress progress) throws IOException {
        return run(lab.lab(), lab, options, executor, progress);
    }

    private static ActiveLearningResult run(SimulatorLab lab, StudySweep.LabSpec spec, ActiveLearningOptions options,
            SweepExecutor executor, Progress progress) throws IOException {
        Worker worker = Worker.of(lab, options);
        int[] sizes = options.sizes();
        List<SweepTask> tasks = new ArrayList<>();
        for (int i = 0; i < options.seeds(); i++) {
            for (StudyMethod m : options.methods()) {
                tasks.add(new SweepTask("seed-" + i + "-" + m.label(), Json.toString(new Unit(i, m))));
            }
        }
        String name = "active-learning study";
        Sweep sweep = spec == null
                ? Sweep.localOnly(name, tasks, worker, "the lab was given as an object; pass its StudySweep.LabSpec")
                : Sweep.of(name, tasks, worker, () -> SweepJob.of(Factory.class, Json.toString(new JobSpec(spec,
                        options, worker.testX(), worker.testY())), Map.of()));
        Map<String, String> values = StudySweep.run(executor, sweep, sizes.length, progress);
        int nProps = options.properties().size();
        double[][][][] r2 = new double[StudyMethod.values().length][nProps][options.seeds()][sizes.length];
        for (SweepTask t : tasks) {
            Unit u = StudySweep.read(t.spec(), Unit.class);
            double[][] bySize = StudySweep.read(values.get(t.key()), double[][].class);
            for (int k = 0; k < nProps; k++) {
                for (int j = 0; j < sizes.length; j++) {
                    r2[u.method().ordinal()][k][u.seedIndex()][j] = bySize[j][k];
                }
            }
        }
        return new ActiveLearningResult(options, lab.chemistry().cliName(), r2);
    }

    /** One unit of the study: the learning curve of one method for one seed. */
    record Unit(int seedIndex, StudyMethod method) {
    }

    /** What every unit shares, as the job ships it. */
    record JobSpec(StudySweep.LabSpec lab, ActiveLearningOptions options, double[][] testX, double[][] testY) {
    }

    /** Runs units: the lab, the options and the fixed test set. */
    private record Worker(SimulatorLab lab, ActiveLearningOptions options, double[][] testX, double[][] testY)
            implements SweepWorker {
        static Worker of(SimulatorLab lab, ActiveLearningOptions options) {
            ParameterSpace space = lab.parameterSpace();
            int[] props = props(options);
            List<double[]> testPoints = SimulatorLab.uniform(space, options.testRows(),
                    new SplittableRandom(Seeds.derive(options.seed(), "test points")));
            double[][] testX = testPoints.toArray(new double[0][]);
            double[][] testY = options.noisyTest() ? lab.measure(testPoints, props, Seeds.derive(options.seed(),
                    "test lab")) : testPoints.stream().map(x -> lab.truth(x, props)).toArray(double[][]::new);
            return new Worker(lab, options, testX, testY);
        }

        @Override
        public SweepResult run(SweepTask task) {
            Unit u = StudySweep.read(task.spec(), Unit.class);
            Run run = new Run(lab, lab.parameterSpace(), props(options), options, Seeds.derive(options.seed(),
                    u.seedIndex()), testX, testY);
            return StudySweep.result(task, run.curve(u.method()));
        }

        @Override
        public String describe(SweepTask task) {
            Unit u = StudySweep.read(task.spec(), Unit.class);
            return "active-learning study seed " + u.seedIndex() + ", method " + u.method().label();
        }
    }

    private static int[] props(ActiveLearningOptions options) {
        return options.properties().stream().mapToInt(SimulatorLab::propertyIndex).toArray();
    }

    /** Rebuilds the study's worker from a job (in a Spark executor). */
    public static final class Factory implements SweepWorker.Factory {
        @Override
        public SweepWorker open(SweepJob job) {
            JobSpec s = StudySweep.read(job.spec(), JobSpec.class);
            return new Worker(s.lab().lab(), s.options(), s.testX(), s.testY());
        }
    }

    /** One seed of the study. */
    private record Run(SimulatorLab lab, ParameterSpace space, int[] props, ActiveLearningOptions o, long seed,
            double[][] testX, double[][] testY) {
        /** The method's R2 per size: out[size][property]. */
        double[][] curve(StudyMethod m) {
            int[] sizes = o.sizes();
            return switch (m) {
                case LHS -> {
                    double[][] out = new double[sizes.length][];
                    for (int j = 0; j < sizes.length; j++) {
                        out[j] = score(measured(lhs(sizes[j]), "lhs lab " + sizes[j]));
                    }
                    yield out;
                }
                case RANDOM -> {
                    Experiments random = measured(SimulatorLab.uniform(space, sizes[sizes.length - 1],
                            new SplittableRandom(Seeds.derive(seed, "random points"))), "random lab");
                    double[][] out = new double[sizes.length][];
                    for (int j = 0; j < sizes.length; j++) {
                        out[j] = score(random.prefix(sizes[j]));
                    }
                    yield out;
                }
                // active learning starts from the measured LHS of the initial size (the one-shot LHS's first point)
                case ACTIVE, ACTIVE_MAX_STD -> active(measured(lhs(sizes[0]), "lhs lab " + sizes[0]),
                        m == StudyMethod.ACTIVE ? SuggestGoal.explore() : SuggestGoal.exploreMaxStd());
            };
        }

        /** R2 per size of active learning from {@code start} with the exploration goal. */
        private double[][] active(Experiments start, SuggestGoal goal) {
            int[] sizes = o.sizes();
            double[][] out = new double[sizes.length][];
            Experiments active = start;
            for (int j = 0; j < sizes.length; j++) {
                TrainedModel model = fit(active);
                out[j] = StudyModels.r2(model, testX, testY);
                if (j + 1 < sizes.length) {
                    // both rules see the same candidates and the same lab noise per round
                    Proposal p = Suggester.suggest(model, space, new SuggestOptions(goal, o.batch(),
                            SuggestOptions.DEFAULT_CANDIDATES, Seeds.derive(seed, "suggest " + j)), "study space");
                    List<double[]> next = new ArrayList<>();
                    for (int r = 0; r < p.runs(); r++) {
                        next.add(p.point(r));
                    }
                    active = active.plus(next, lab.measure(next, props, Seeds.derive(seed, "active lab " + j)));
                }
            }
            return out;
        }

        private List<double[]> lhs(int n) {
            Plan plan = Designer.design(space, DesignOptions.of(DesignMethod.LHS, n, Seeds.derive(seed, "lhs " + n)));
            List<double[]> pts = new ArrayList<>(n);
            for (int r = 0; r < plan.runs(); r++) {
                pts.add(plan.point(r));
            }
            return pts;
        }

        private Experiments measured(List<double[]> pts, String purpose) {
            return new Experiments(pts, lab.measure(pts, props, Seeds.derive(seed, purpose)));
        }

        private TrainedModel fit(Experiments e) {
            return StudyModels.fit(space, props, e.points(), e.y(), Seeds.derive(seed, "fit"));
        }

        private double[] score(Experiments e) {
            return StudyModels.r2(fit(e), testX, testY);
        }
    }

    /** Points run so far and their measurements. */
    private record Experiments(List<double[]> points, double[][] y) {
        Experiments prefix(int n) {
            return new Experiments(points.subList(0, n), Arrays.copyOf(y, n));
        }

        Experiments plus(List<double[]> more, double[][] moreY) {
            List<double[]> p = new ArrayList<>(points);
            p.addAll(more);
            double[][] all = Arrays.copyOf(y, y.length + moreY.length);
            System.arraycopy(moreY, 0, all, y.length, moreY.length);
            return new Experiments(p, all);
        }
    }
}
