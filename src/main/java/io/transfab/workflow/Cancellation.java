package io.transfab.workflow;

import io.transfab.model.Progress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cooperative cancellation of a running use case: whoever runs it calls {@link #cancel()} from another
 * thread; the use case calls {@link #check()} between units of work, and every progress update of
 * {@link #watching(JobListener)} checks too, so that deep training loops stop at their next step.
 */
public final class Cancellation {
    private static final Cancellation NONE = new Cancellation(false);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final boolean cancellable;

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** Never cancelled (the CLI: Ctrl-C ends the process instead). */
    public static Cancellation none() {
        return NONE;
    }

    /** A fresh one, not yet cancelled. */
    public static Cancellation create() {
        return new Cancellation(true);
    }

    /** Asks the use case to stop at its next check; no effect on {@link #none()}. */
    public void cancel() {
        if (cancellable) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws CancelledException when cancelled; use cases call it between units of work. */
    public void check() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }

    /**
     * The progress callback handed to the model code: every update checks for cancellation first, then
     * goes to the listener (the CLI's progress bar or a job's event stream).
     */
    public Progress watching(JobListener listener) {
        return (task, done, total) -> {
            check();
            listener.progress(task, done, total);
        };
    }
}
