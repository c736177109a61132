package io.transfab.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same result "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    ProgressBar progress() {
        return new ProgressBar(System.err, !quiet);
    }

    /** A use case's listener: the progress bar (unless --quiet) and log lines on standard error. */
    CliListener listener() {
        return new CliListener(progress());
    }
}
