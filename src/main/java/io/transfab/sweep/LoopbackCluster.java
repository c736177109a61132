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

    @Override
    void close();
}
