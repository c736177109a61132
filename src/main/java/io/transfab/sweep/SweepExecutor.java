package io.transfab.sweep;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Runs the tasks of a {@link Sweep}: the local thread pool ({@link LocalSweepExecutor}, the
 * default) or a distributed engine (the Spark module). The sweep does not know which one runs;
 * results come back in any order and the sweep sorts them by key.
 */
public interface SweepExecutor {
    /** What metrics.json records, e.g. "local (2 threads)" or "spark local[2]". */
    String description();

    /**
     * Runs every task and hands each result to {@code onResult} as it arrives (on one thread at a
     * time). The first failure stops the run: it is thrown after the tasks already running were
     * handed over or abandoned; results already handed over stay handed over.
     */
    void run(Sweep sweep, Consumer<SweepResult> onResult) throws IOException;
}
