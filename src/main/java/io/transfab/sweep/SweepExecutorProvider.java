package io.transfab.sweep;

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
}
