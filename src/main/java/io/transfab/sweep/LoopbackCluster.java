package io.transfab.sweep;

import java.util.Map;

/**
 * A standalone cluster of the distributed engine on 127.0.0.1 (for the Spark module: a Master and
 * one Worker JVM started from this JVM's class path), for the cluster test and {@code transfab bench
 * scale-out}. Closing it stops its processes and their executors.
 */
public interface LoopbackCluster extends AutoCloseable {
    /** The master URL, e.g. {@code spark://127.0.0.1:7077}. */
    String masterUrl();

    /**
     * The driver's settings for this cluster: executors of {@code executorCores} cores each, at most
     * {@code maxCores} in all (so {@code maxCores / executorCores} executors), and the transfab classes.
     */
    Map<String, String> driverSettings(int executorCores, int maxCores);

    /**
     * The CPU the cluster's processes used so far: every executor the Worker started and that has
     * exited (the Worker's reaped children), and the Master and Worker themselves. Call it between
     * applications: it waits (up to 20 s) until the Worker runs no executor. NaN where the operating
     * system does not tell (it reads Linux's /proc).
     */
    Cpu cpuSeconds();

    /**
     * CPU seconds (user and system).
     *
     * @param executors the executors' JVMs (tasks, JIT, GC, start-up)
     * @param daemons   the Master and the Worker
     */
    record Cpu(double executors, double daemons) {
    }

    @Override
    void close();
}
