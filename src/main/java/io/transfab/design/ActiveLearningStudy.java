package io.transfab.design;

import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

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

    /** Runs the study; seeds run in parallel but each is seeded on its own, so the result is reproducible. */
    public static ActiveLearningResult run(SimulatorLab lab, ActiveLearningOptions options, Progress progress) {
        ParameterSpace space = lab.parameterSpace();
        int[] props = options.properties().stream().mapToInt(SimulatorLab::propertyIndex).toArray();
        List<double[]> testPoints = SimulatorLab.uniform(space, options.testRows(),
                new SplittableRandom(Seeds.derive(options.seed(), "test points")));
        double[][] testX = testPoints.toArray(new double[0][]);
        double[][] testY = options.noisyTest() ? lab.measure(testPoints, props, Seeds.derive(options.seed(), "test lab"))
                : testPoints.stream().map(x -> lab.truth(x, props)).toArray(double[][]::new);
        int[] sizes = options.sizes();
        double[][][][] r2 = new double[StudyMethod.values().length][props.length][options.seeds()][sizes.length];
        int total = options.seeds() * options.methods().size() * sizes.length;
        AtomicInteger done = new AtomicInteger();
        Runnable step = () -> progress.update("active-learning study", done.incrementAndGet(), total);
        progress.update("active-learning study", 0, total);
        IntStream.range(0, options.seeds()).parallel().forEach(i -> {
            Run run = new Run(lab, space, props, options, Seeds.derive(options.seed(), i), testX, testY, step);
            double[][][] bySize = run.all();
            for (StudyMethod m : options.methods()) {
                for (int k = 0; k < props.length; k++) {
                    for (int j = 0; j < sizes.length; j++) {
                        r2[m.ordinal()][k][i][j] = bySize[m.ordinal()][j][k];
                    }
                }
            }
        });
        return new ActiveLearningResult(options, lab.chemistry().cliName(), r2);
    }

    /** One seed of the study. */
    private record Run(SimulatorLab lab, ParameterSpace space, int[] props, ActiveLearningOptions o, long seed,
            double[][] testX, double[][] testY, Runnable step) {
        /** out[method][size][property]. */
        double[][][] all() {
            int[] sizes = o.sizes();
            double[][][] out = new double[StudyMethod.values().length][sizes.length][];
            Experiments start = null;
            for (int j = 0; j < sizes.length; j++) {
                Experiments e = measured(lhs(sizes[j]), "lhs lab " + sizes[j]);
                if (j == 0) {
                    start = e;
                }
                out[StudyMethod.LHS.ordinal()][j] = score(e);
            }
            Experiments random = measured(SimulatorLab.uniform(space, sizes[sizes.length - 1],
                    new SplittableRandom(Seeds.derive(seed, "random points"))), "random lab");
            for (int j = 0; j < sizes.length; j++) {
                out[StudyMethod.RANDOM.ordinal()][j] = score(random.prefix(sizes[j]));
            }
            for (StudyMethod m : o.methods()) {
                if (m == StudyMethod.ACTIVE || m == StudyMethod.ACTIVE_MAX_STD) {
                    out[m.ordinal()] = active(start, m == StudyMethod.ACTIVE ? SuggestGoal.explore()
                            : SuggestGoal.exploreMaxStd());
                }
            }
            return out;
        }

        /** R2 per size of active learning from {@code start} with the exploration goal. */
        private double[][] active(Experiments start, SuggestGoal goal) {
            int[] sizes = o.sizes();
            double[][] out = new double[sizes.length][];
            Experiments active = start;
            for (int j = 0; j < sizes.length; j++) {
                TrainedModel model = fit(active);
                out[j] = StudyModels.r2(model, testX, testY);
                step.run();
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
            double[] s = StudyModels.r2(fit(e), testX, testY);
            step.run();
            return s;
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
