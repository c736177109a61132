package io.transfab.workflow;

/**
 * What a running use case reports: progress from the same source the CLI's progress bar uses (the model
 * code's {@link io.transfab.model.Progress} updates), and log lines (the notes and warnings the CLI
 * prints on standard error).
 */
public interface JobListener {
    /** Ignores everything. */
    JobListener NONE = new JobListener() {
        @Override
        public void progress(String task, int done, int total) {
        }

        @Override
        public void log(String line) {
        }
    };

    /** {@code done} of {@code total} steps of {@code task} are finished. */
    void progress(String task, int done, int total);

    /** One line of the run's log (no line break). */
    void log(String line);
}
