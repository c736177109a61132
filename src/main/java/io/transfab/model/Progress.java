package io.transfab.model;

/** Receives progress of long work (epochs, folds, members); the CLI draws a bar from it. */
@FunctionalInterface
public interface Progress {
    /** No-op listener. */
    Progress NONE = (task, done, total) -> { };

    /** {@code done} of {@code total} steps of {@code task} are finished. */
    void update(String task, int done, int total);
}
