package io.transfab.sweep;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A sweep handed to an executor: its tasks, the worker that runs them in this JVM, and (for
 * executors in other JVMs) the job to rebuild that worker from.
 *
 * @param name  what the progress bar and errors call it, e.g. "assess"
 * @param local runs a task here (the local executor; no encoding)
 * @param job   builds the shippable job (called at most once, by a distributed executor), or null
 *              when the sweep runs in this JVM only; {@code whyLocalOnly} then says why
 */
public record Sweep(String name, List<SweepTask> tasks, SweepWorker local, Supplier<SweepJob> job,
        String whyLocalOnly) {
    public Sweep {
        tasks = List.copyOf(tasks);
        Set<String> keys = new HashSet<>();
        for (SweepTask t : tasks) {
            if (!keys.add(t.key())) {
                throw new IllegalArgumentException("two tasks of the sweep have the key " + t.key());
            }
        }
        if (job == null && whyLocalOnly == null) {
            throw new IllegalArgumentException("a sweep without a job says why it runs locally only");
        }
    }

    /** A sweep that can run anywhere. */
    public static Sweep of(String name, List<SweepTask> tasks, SweepWorker local, Supplier<SweepJob> job) {
        return new Sweep(name, tasks, local, job, null);
    }

    /** A sweep whose worker cannot be shipped (e.g. it reads media files by path). */
    public static Sweep localOnly(String name, List<SweepTask> tasks, SweepWorker local, String why) {
        return new Sweep(name, tasks, local, null, why);
    }
}
