package io.transfab.workflow;

/** Thrown by {@link Cancellation#check()} once the run was cancelled; unwinds the use case without a result. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
