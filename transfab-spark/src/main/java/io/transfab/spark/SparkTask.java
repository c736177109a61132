package io.transfab.spark;

import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepTaskFailure;
import io.transfab.sweep.SweepWorker;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function every Spark task runs: the sweep's worker (rebuilt from the broadcast job once per
 * executor JVM) on one task. It captures the broadcast handle and the test hooks only; models,
 * NDManagers and predictors are created inside the worker's run.
 */
final class SparkTask implements Function<SweepTask, SweepResult> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<SweepJob> job;
    private final String failFirstAttempt;
    private final String failEveryAttempt;

    SparkTask(Broadcast<SweepJob> job, String failFirstAttempt, String failEveryAttempt) {
        this.job = job;
        this.failFirstAttempt = failFirstAttempt;
        this.failEveryAttempt = failEveryAttempt;
    }

    @Override
    public SweepResult call(SweepTask task) {
        SweepWorker worker = Workers.of(job.value());
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        if (task.key().equals(failEveryAttempt) || (task.key().equals(failFirstAttempt) && attempt == 0)) {
            throw SweepTaskFailure.of(worker.describe(task), new IllegalStateException("injected failure (test "
                    + "hook) on attempt " + (attempt + 1)));
        }
        return worker.run(task);
    }
}
