package io.transfab.assess;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.evaluate.Splits;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainingRounds;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepTaskFailure;
import io.transfab.sweep.SweepWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the assessment: for every target size and repeat a seeded draw of training rows, and the
 * whole-table resampling protocol; every method trained on the same rows and scored on the same
 * held-out rows. Units run in parallel on a {@link SweepExecutor} (local threads or Spark) and are
 * stored as they finish, so a rerun resumes.
 */
public final class Assessment {
    private Assessment() {
    }

    /** Everything that was computed, in a fixed order (independent of the parallel schedule). */
    public record Result(List<SplitResult.Unit> units, int resumedUnits) {
        public Result {
            units = List.copyOf(units);
        }
    }

    /** The work plan: the units to run, each with its train and test rows. */
    record Planned(String phase, int size, int repeat, int fold, int[] train, int[] test, boolean externalTest) {
        String key() {
            return phase + "-n" + size + "-r" + repeat + "-f" + fold;
        }
    }

    /**
     * @param target target rows (encoded with the base schema)
     * @param test   separate test rows, or null to score on held-out target rows
     * @param cvSplits whole-table resampling splits of the target rows (may be empty)
     * @param baseline the verdict's comparator named by the user, or null: chosen per split by inner
     *                 cross-validation on its training rows ({@link BaselineSelection})
     */
    public static Result run(MethodTrainer trainer, List<Method> methods, Method baseline, Dataset target,
            Dataset test, List<Integer> sizes, int repeats, List<Splits.Split> cvSplits, int cvFoldsPerRepeat,
            int jobs, long seed, Path workDir, String fingerprint, Progress progress) throws IOException {
        return run(trainer, methods, baseline, target, test, sizes, repeats, cvSplits, cvFoldsPerRepeat,
                LocalSweepExecutor.of(jobs), seed, workDir, fingerprint, progress);
    }

    /** As {@link #run(MethodTrainer, List, Method, Dataset, Dataset, List, int, List, int, int, long, Path,
     * String, Progress)}, the units run by {@code executor} (local threads or a distributed engine). */
    public static Result run(MethodTrainer trainer, List<Method> methods, Method baseline, Dataset target,
            Dataset test, List<Integer> sizes, int repeats, List<Splits.Split> cvSplits, int cvFoldsPerRepeat,
            SweepExecutor executor, long seed, Path workDir, String fingerprint, Progress progress)
            throws IOException {
        List<Method> candidates = baseline != null || methods.stream().noneMatch(Method::isTransfer) ? List.of()
                : BaselineSelection.candidates(methods);
        UnitRunner runner = p -> runUnit(trainer, methods, candidates, target, test, p, seed);
        Supplier<SweepJob> job = () -> AssessTasks.job(trainer, methods, candidates, target, test, seed);
        return run(runner, job, executor, methods.size(), target.size(), test != null, sizes, repeats, cvSplits,
                cvFoldsPerRepeat, seed, workDir, fingerprint, progress);
    }

    /** Trains every method on one planned split and scores it (the tabular and the hybrid paths differ here only). */
    interface UnitRunner {
        SplitResult.Unit run(Planned p);
    }

    /** The plan, the resumable store and the parallel schedule, around any {@link UnitRunner}, on local threads. */
    static Result run(UnitRunner runner, int methodCount, int targetRows, boolean externalTest, List<Integer> sizes,
            int repeats, List<Splits.Split> cvSplits, int cvFoldsPerRepeat, int jobs, long seed, Path workDir,
            String fingerprint, Progress progress) throws IOException {
        return run(runner, null, LocalSweepExecutor.of(jobs), methodCount, targetRows, externalTest, sizes, repeats,
                cvSplits, cvFoldsPerRepeat, seed, workDir, fingerprint, progress);
    }

    /**
     * The plan and the resumable store around an executor: units already stored are not run again,
     * every finished unit is stored as it arrives, and the result lists the units in plan order,
     * whatever order the executor finished them in.
     *
     * @param job the units' shippable job for executors in other JVMs, or null (this JVM only)
     */
    static Result run(UnitRunner runner, Supplier<SweepJob> job, SweepExecutor executor, int methodCount,
            int targetRows, boolean externalTest, List<Integer> sizes, int repeats, List<Splits.Split> cvSplits,
            int cvFoldsPerRepeat, long seed, Path workDir, String fingerprint, Progress progress) throws IOException {
        List<Planned> plan = plan(targetRows, externalTest, sizes, repeats, cvSplits, cvFoldsPerRepeat, seed);
        UnitStore store = UnitStore.open(workDir, fingerprint);
        SplitResult.Unit[] done = new SplitResult.Unit[plan.size()];
        Map<String, Integer> index = new HashMap<>();
        List<SweepTask> tasks = new ArrayList<>();
        int resumed = 0;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            index.put(p.key(), i);
            var found = store.find(p.key());
            if (found.isPresent()) {
                done[i] = found.get();
                resumed++;
            } else {
                tasks.add(AssessTasks.task(p));
            }
        }
        AtomicInteger finished = new AtomicInteger(resumed);
        String name = "assess: " + plan.size() + " splits x " + methodCount + " methods";
        progress.update(name, finished.get(), plan.size());
        SweepWorker local = task -> AssessTasks.execute(runner, plan.get(index.get(task.key())));
        Sweep sweep = job == null ? Sweep.localOnly("assess", tasks, local, "the hybrid assessment reads image and "
                + "series files by path; run it with --executor local") : Sweep.of("assess", tasks, local, job);
        executor.run(sweep, r -> {
            if (r.badInput() != null) {
                throw DataException.option(r.badInput());
            }
            SplitResult.Unit unit = AssessTasks.unit(r);
            try {
                store.save(unit);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done[index.get(r.key())] = unit;
            progress.update(name, finished.incrementAndGet(), plan.size());
        });
        for (int i = 0; i < done.length; i++) {
            if (done[i] == null) {
                throw new IllegalStateException("the executor returned no result for " + plan.get(i).key());
            }
        }
        return new Result(List.of(done), resumed);
    }

    static List<Planned> plan(int n, boolean externalTest, List<Integer> sizes, int repeats,
            List<Splits.Split> cvSplits, int cvFoldsPerRepeat, long seed) {
        List<Planned> plan = new ArrayList<>();
        for (int size : sizes) {
            for (int r = 0; r < repeats; r++) {
                if (size >= n) {
                    // every target row trains; only a separate test table can score it (the seed still varies)
                    int[] all = new int[n];
                    for (int i = 0; i < n; i++) {
                        all[i] = i;
                    }
                    plan.add(new Planned("curve", n, r, -1, all, new int[0], true));
                } else {
                    Splits.Split s = Splits.trainTest(n, size, Seeds.derive(Seeds.derive(seed, size), r));
                    plan.add(new Planned("curve", size, r, -1, s.train(), externalTest ? new int[0] : s.test(),
                            externalTest));
                }
            }
        }
        for (int i = 0; i < cvSplits.size(); i++) {
            Splits.Split s = cvSplits.get(i);
            plan.add(new Planned("cv", s.train().length, i / cvFoldsPerRepeat, i % cvFoldsPerRepeat, s.train(),
                    s.test(), false));
        }
        return plan;
    }

    /** @param candidates comparators to choose among by inner CV (fewer than two: no choice to make) */
    static SplitResult.Unit runUnit(MethodTrainer trainer, List<Method> methods, List<Method> candidates,
            Dataset target, Dataset test, Planned p, long seed) {
        Dataset train = target.subset(p.train());
        Dataset scored = p.externalTest() ? test : target.subset(p.test());
        int[] rows = p.externalTest() ? range(test.size()) : p.test();
        double[][] measured = scored.y();
        double[][] x = scored.x();
        long unitSeed = Seeds.derive(seed, p.key());
        // Every method, and the comparator's inner CV, is a participant of one set of training rounds:
        // the networks they train at the same point (ensemble members, calibration refits, inner folds,
        // of every method sharing an architecture) train as one batched program.
        List<Supplier<Object>> bodies = new ArrayList<>();
        for (Method m : methods) {
            bodies.add(() -> {
                try {
                    MethodTrainer.Trained t = trainer.train(m, train, unitSeed, Progress.NONE);
                    return new Scored(t.autoChoice(), t.model().predictEncoded(x), t.model()
                            .predictEncodedUncalibrated(x));
                } catch (DataException e) {
                    throw DataException.option(AssessTasks.describe(p, m) + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    throw SweepTaskFailure.of(AssessTasks.describe(p, m), e);
                }
            });
        }
        boolean choosing = candidates.size() >= 2;
        if (choosing) {
            bodies.add(() -> BaselineSelection.choose(trainer, candidates, train, Seeds.derive(unitSeed, "baseline")));
        }
        List<TrainingRounds.Timed<Object>> done = TrainingRounds.allTimed(bodies);
        List<SplitResult> results = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Scored s = (Scored) done.get(i).value();
            results.add(new SplitResult(p.phase(), p.size(), p.repeat(), p.fold(), methods.get(i).cliName(),
                    s.autoChoice(), rows, measured, s.pred().mean(), s.pred().std(), done.get(i).seconds(),
                    s.raw().std()));
        }
        if (!choosing) {
            return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results, List.of(), 0);
        }
        BaselineSelection.Choice choice = (BaselineSelection.Choice) done.get(methods.size()).value();
        return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results, choice.perTarget(),
                done.get(methods.size()).seconds());
    }

    /** One method's test predictions (calibrated and raw) and what {@code auto} chose. */
    private record Scored(String autoChoice, Prediction pred, Prediction raw) {
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
