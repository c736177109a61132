package io.transfab.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The model that projects a sweep's wall time onto more executor cores (docs/scale-out.md), fitted
 * on a run with one executor of one core (its tasks ran one after the other) and the start-up of a
 * Spark context without executor JVMs ({@code local[N]}):
 *
 * <pre>
 * W(e) = D + S_ctx + S_exec * k + makespan(t_i * k + o, e cores, submission order) + E
 * </pre>
 *
 * with D the driver's work around the tasks (planning, aggregation), S_ctx the context's start-up
 * to its first task, S_exec the extra start-up of an executor JVM (JVM, Spark executor, libtorch,
 * the worker rebuilt from the broadcast job; the executors start side by side), t_i the tasks' own
 * compute times as the fitted run measured them, o the overhead per task (scheduling, task and
 * result (de)serialisation, the driver's hand-over) and E the tail (the context's stop). k is the
 * contention factor: how much longer each task takes when e executors share the machine than when
 * one ran alone (1 on a cluster where every executor core is a core of its own and idle).
 *
 * @param taskSeconds     the tasks' compute times in submission order, as the fitted run measured them
 * @param driverSeconds   D
 * @param contextStartup  S_ctx
 * @param executorStartup S_exec
 * @param perTask         o
 * @param tail            E
 */
public record ScaleOutModel(List<Double> taskSeconds, double driverSeconds, double contextStartup,
        double executorStartup, double perTask, double tail) {
    public ScaleOutModel {
        taskSeconds = List.copyOf(taskSeconds);
    }

    /**
     * Fits the model.
     *
     * @param oneExecutor the run on one executor of one core
     * @param sparkLocal  a {@code local[N]} run of the same sweep (its first result's latency minus
     *                    that task's compute, less o, is the context's start-up without executor JVMs)
     */
    public static ScaleOutModel fit(SweepTiming oneExecutor, SweepTiming sparkLocal) {
        int n = oneExecutor.taskSeconds().size();
        int first = oneExecutor.firstArrival();
        int last = oneExecutor.lastArrival();
        double firstLatency = oneExecutor.arrivalSeconds().get(first) - oneExecutor.taskSeconds().get(first);
        double rest = oneExecutor.totalTaskSeconds() - oneExecutor.taskSeconds().get(first);
        double perTask = n < 2 ? 0 : Math.max(0, (oneExecutor.arrivalSeconds().get(last)
                - oneExecutor.arrivalSeconds().get(first) - rest) / (n - 1));
        int lf = sparkLocal.firstArrival();
        double context = Math.max(0, sparkLocal.arrivalSeconds().get(lf) - sparkLocal.taskSeconds().get(lf)
                - perTask);
        // the first task paid o as every other one did: W(1) of the fitted model is the measured wall time
        double executor = Math.max(0, firstLatency - perTask - context);
        return new ScaleOutModel(oneExecutor.taskSeconds(), oneExecutor.wallSeconds() - oneExecutor.runSeconds(),
                context, executor, perTask, Math.max(0, oneExecutor.runSeconds()
                        - oneExecutor.arrivalSeconds().get(last)));
    }

    /**
     * The contention factor of this machine for two tasks at once, estimated without the run it is
     * checked on: the sum of task times of a run with two tasks at a time (local threads) over the
     * fitted run's (one at a time).
     */
    public static double contention(SweepTiming twoAtOnce, SweepTiming oneAtATime) {
        return twoAtOnce.totalTaskSeconds() / oneAtATime.totalTaskSeconds();
    }

    /**
     * The contention factor of {@code executors} executors on this machine's {@code cores}, estimated
     * from the 1-executor run's CPU use, without the run it is checked on (processor sharing). While
     * a task runs, its executor wants one core for it plus what the JVM's other threads (JIT compiler,
     * GC, Spark's own) used in the fitted run, {@code x = (executorCpu - sum t_i) / runSeconds} cores;
     * the rest of the machine (the driver JVM, the Master, the Worker and whatever else ran) wanted
     * {@code r = otherCpu / runSeconds}. e executors busy want {@code e (1 + x) + r} cores; when that
     * exceeds the cores every thread gets the share {@code cores / (e (1 + x) + r)} of one, so a task
     * takes {@code k(e) = max(1, (e (1 + x) + r) / cores) / max(1, (1 + x + r) / cores)} times as long
     * as in the fitted run. Other users' load counts as it was during the fitted run.
     *
     * @param executorCpu CPU seconds of the fitted run's executor JVM
     * @param taskSeconds the fitted run's sum of task times (one core each while they ran)
     * @param otherCpu    CPU seconds of the rest of the machine during the fitted run
     * @param runSeconds  the fitted run's executor run (wall)
     */
    public static double contentionFromCpu(double executorCpu, double taskSeconds, double otherCpu,
            double runSeconds, int executors, int cores) {
        double wanted = 1 + Math.max(0, executorCpu - taskSeconds) / runSeconds;
        double r = otherCpu / runSeconds;
        return Math.max(1, (executors * wanted + r) / cores) / Math.max(1, (wanted + r) / cores);
    }

    /** W(e): {@code executors} executors of one core whose tasks take {@code contention} times longer. */
    public double project(int executors, double contention) {
        List<Double> t = new ArrayList<>();
        for (double x : taskSeconds) {
            t.add(x * contention + perTask);
        }
        return driverSeconds + contextStartup + executorStartup * contention + makespan(t, executors) + tail;
    }

    /**
     * W of {@code run}'s executors from its own measured task times (k = their sum over the fitted
     * run's): checks the overhead terms alone, the contention taken as measured.
     */
    public double projectGivenTasks(SweepTiming run, int executors) {
        double k = run.totalTaskSeconds() / taskSeconds.stream().mapToDouble(Double::doubleValue).sum();
        List<Double> t = new ArrayList<>();
        for (double x : run.taskSeconds()) {
            t.add(x + perTask);
        }
        return driverSeconds + contextStartup + executorStartup * k + makespan(t, executors) + tail;
    }

    /** W(c) on c executor cores of their own (a cluster): no contention. */
    public double projectIdle(int cores) {
        return project(cores, 1.0);
    }

    /** Makespan of tasks taken in submission order by the first free core (Spark's FIFO scheduling). */
    public static double makespan(List<Double> taskSeconds, int cores) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < cores; i++) {
            free.add(0.0);
        }
        for (double t : taskSeconds) {
            free.add(free.poll() + t);
        }
        return free.stream().max(Comparator.naturalOrder()).orElse(0.0);
    }

    /**
     * The previous model, for comparison: the longest-processing-time-first makespan of (t_i + o1) on
     * {@code cores} cores with o1 = (W_1 - sum t_i) / n, every overhead per task.
     */
    public static double naive(SweepTiming oneExecutor, int cores) {
        int n = oneExecutor.taskSeconds().size();
        double o = (oneExecutor.wallSeconds() - oneExecutor.totalTaskSeconds()) / n;
        List<Double> t = new ArrayList<>();
        for (double x : oneExecutor.taskSeconds()) {
            t.add(x + o);
        }
        t.sort(Comparator.reverseOrder());
        return makespan(t, cores);
    }
}
