package io.transfab.sweep;

/** Runs the tasks of one sweep; thread-safe, so that an executor may run several tasks at once. */
public interface SweepWorker {
    /**
     * Runs one task. Bad input comes back as {@link SweepResult#badInput}; anything else thrown is
     * an internal failure (an executor may retry it), best as a {@link SweepTaskFailure} naming the task.
     */
    SweepResult run(SweepTask task);

    /** How errors name a task, e.g. "assess size 10, draw 3 (methods gp, full)"; by default its key. */
    default String describe(SweepTask task) {
        return "task " + task.key();
    }

    /**
     * Rebuilds the worker of a {@link SweepJob} in another JVM (a Spark executor). Implementations
     * have a public no-argument constructor; the job names the class.
     */
    interface Factory {
        SweepWorker open(SweepJob job);
    }
}
