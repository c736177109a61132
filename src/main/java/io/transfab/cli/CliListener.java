package io.transfab.cli;

import io.transfab.workflow.JobListener;

/**
 * How the CLI shows a use case's run: progress on its progress bar, log lines on standard error and
 * summary lines on standard output (each after ending an open bar line, so that a line never lands in
 * the middle of a bar).
 */
final class CliListener implements JobListener {
    private final ProgressBar bar;

    CliListener(ProgressBar bar) {
        this.bar = bar;
    }

    /** Log lines on standard error, no progress bar (for work that reports none). */
    static CliListener stderr() {
        return new CliListener(new ProgressBar(System.err, false));
    }

    @Override
    public void progress(String task, int done, int total) {
        bar.update(task, done, total);
    }

    @Override
    public void log(String line) {
        bar.finishLine();
        System.err.println(line);
    }

    @Override
    public void info(String line) {
        bar.finishLine();
        System.out.println(line);
    }

    /** Ends the bar's open line before the command prints its results. */
    void finish() {
        bar.finishLine();
    }

    ProgressBar bar() {
        return bar;
    }
}
