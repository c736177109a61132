package io.transfab.assess;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Splits;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the assessment: for every target size and repeat a seeded draw of training rows, and the
 * whole-table resampling protocol; every method trained on the same rows and scored on the same
 * held-out rows. Units run in parallel and are stored as they finish, so a rerun resumes.
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
        List<Method> candidates = baseline != null || methods.stream().noneMatch(Method::isTransfer) ? List.of()
                : BaselineSelection.candidates(methods);
        return run(p -> runUnit(trainer, methods, candidates, target, test, p, seed), methods.size(), target.size(),
                test != null, sizes, repeats, cvSplits, cvFoldsPerRepeat, jobs, seed, workDir, fingerprint, progress);
    }

    /** Trains every method on one planned split and scores it (the tabular and the hybrid paths differ here only). */
    interface UnitRunner {
        SplitResult.Unit run(Planned p);
    }

    /** The plan, the resumable store and the parallel schedule, around any {@link UnitRunner}. */
    static Result run(UnitRunner runner, int methodCount, int targetRows, boolean externalTest, List<Integer> sizes,
            int repeats, List<Splits.Split> cvSplits, int cvFoldsPerRepeat, int jobs, long seed, Path workDir,
            String fingerprint, Progress progress) throws IOException {
        List<Planned> plan = plan(targetRows, externalTest, sizes, repeats, cvSplits, cvFoldsPerRepeat, seed);
        UnitStore store = UnitStore.open(workDir, fingerprint);
        SplitResult.Unit[] done = new SplitResult.Unit[plan.size()];
        int resumed = 0;
        for (int i = 0; i < plan.size(); i++) {
            var found = store.find(plan.get(i).key());
            if (found.isPresent()) {
                done[i] = found.get();
                resumed++;
            }
        }
        AtomicInteger finished = new AtomicInteger(resumed);
        String task = "assess: " + plan.size() + " splits x " + methodCount + " methods";
        progress.update(task, finished.get(), plan.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                if (done[i] != null) {
                    continue;
                }
                final int index = i;
                futures.add(pool.submit(() -> {
                    SplitResult.Unit unit = runner.run(plan.get(index));
                    try {
                        store.save(unit);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done[index] = unit;
                    progress.update(task, finished.incrementAndGet(), plan.size());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("assessment interrupted; rerun the same command to resume", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
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
    private static SplitResult.Unit runUnit(MethodTrainer trainer, List<Method> methods, List<Method> candidates,
            Dataset target, Dataset test, Planned p, long seed) {
        Dataset train = target.subset(p.train());
        Dataset scored = p.externalTest() ? test : target.subset(p.test());
        int[] rows = p.externalTest() ? range(test.size()) : p.test();
        double[][] measured = scored.y();
        double[][] x = scored.x();
        long unitSeed = Seeds.derive(seed, p.key());
        List<SplitResult> results = new ArrayList<>();
        for (Method m : methods) {
            long t0 = System.nanoTime();
            MethodTrainer.Trained t = trainer.train(m, train, unitSeed, Progress.NONE);
            double secs = (System.nanoTime() - t0) / 1e9;
            Prediction pred = t.model().predictEncoded(x);
            Prediction raw = t.model().predictEncodedUncalibrated(x);
            results.add(new SplitResult(p.phase(), p.size(), p.repeat(), p.fold(), m.cliName(), t.autoChoice(), rows,
                    measured, pred.mean(), pred.std(), secs, raw.std()));
        }
        if (candidates.size() < 2) {
            return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results, List.of(), 0);
        }
        BaselineSelection.Choice choice = BaselineSelection.choose(trainer, candidates, train,
                Seeds.derive(unitSeed, "baseline"));
        return new SplitResult.Unit(p.phase(), p.size(), p.repeat(), p.fold(), results, choice.perTarget(),
                choice.seconds());
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
