package io.transfab.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A distributed executor found on the class path ({@link java.util.ServiceLoader}); the Spark
 * module provides one, so that the core neither depends on Spark nor carries it.
 */
public interface SweepExecutorProvider {
    /** The executor kind it provides. */
    ExecutorKind kind();

    /**
     * @param master  where to run (e.g. {@code local[2]}, {@code spark://host:7077}), or null for the
     *                engine's default (a master set by {@code spark-submit}, else all local cores)
     * @param threads the local thread count the user asked for (tasks per local engine, where it applies)
     */
    SweepExecutor create(String master, int threads);

    /**
     * As {@link #create(String, int)} with engine settings (e.g. Spark's {@code spark.executor.cores})
     * that take precedence over the JVM's system properties.
     */
    default SweepExecutor create(String master, int threads, Map<String, String> settings) {
        if (!settings.isEmpty()) {
            throw new UnsupportedOperationException(kind().cliName() + " takes no settings");
        }
        return create(master, threads);
    }

    /**
     * Starts a cluster of this engine on 127.0.0.1 whose worker offers {@code cores} cores.
     *
     * @param home an empty folder the cluster may fill (logs, its installation's layout)
     */
    default LoopbackCluster startLoopbackCluster(Path home, int cores) throws IOException, InterruptedException {
        throw new UnsupportedOperationException(kind().cliName() + " cannot start a loopback cluster");
    }
}
