package io.transfab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a sweep's tasks on a fixed thread pool in this JVM (the default executor). */
public final class LocalSweepExecutor implements SweepExecutor {
    private final int threads;

    private LocalSweepExecutor(int threads) {
        this.threads = threads;
    }

    /** @param threads parallel tasks (at least 1) */
    public static LocalSweepExecutor of(int threads) {
        return new LocalSweepExecutor(Math.max(1, threads));
    }

    @Override
    public String description() {
        return "local (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }

    @Override
    public void run(Sweep sweep, Consumer<SweepResult> onResult) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Object handOver = new Object();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepTask task : sweep.tasks()) {
                futures.add(pool.submit(() -> {
                    SweepResult r = sweep.local().run(task);
                    synchronized (handOver) {
                        onResult.accept(r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(sweep.name() + " interrupted; rerun the same command to resume", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            stop(pool);
        }
    }

    /**
     * Interrupts what still runs after the first failure or a cancellation and waits until it has ended, so
     * that no task stores a result in the output after {@link #run} returned (a cancelled task stops at its
     * next cancellation check).
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
