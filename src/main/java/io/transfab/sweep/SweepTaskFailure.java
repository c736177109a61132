package io.transfab.sweep;

/**
 * An internal failure of one task, whose message names the task (e.g. size, draw and method) and
 * the original error. It has no cause, so that the CLI's one-line error (the root cause's
 * message) keeps that name; the original error is attached as suppressed for {@code --verbose}.
 */
public final class SweepTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private SweepTaskFailure(String message) {
        super(message);
    }

    /** A failure of the task described by {@code task} (e.g. "size 10, draw 3, method full"). */
    public static SweepTaskFailure of(String task, Throwable original) {
        SweepTaskFailure f = new SweepTaskFailure(task + ": " + describe(original));
        f.addSuppressed(original);
        return f;
    }

    /** A failure reported by an executor that could not ship the original error back. */
    public static SweepTaskFailure of(String message) {
        return new SweepTaskFailure(message);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SweepTaskFailure) {
            return root.getMessage();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
