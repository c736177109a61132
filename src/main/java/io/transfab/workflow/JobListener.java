package io.transfab.workflow;

/**
 * What a running use case reports: progress from the same source the CLI's progress bar uses (the model
 * code's {@link io.transfab.model.Progress} updates), log lines (the notes and warnings the CLI
 * prints on standard error) and summary lines ({@link #info}, what it prints on standard output).
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

    /**
     * One line of the run's summary, what the CLI prints on standard output (the CLI prints it there;
     * a job logs it with the rest).
     */
    default void info(String line) {
        log(line);
    }
}
