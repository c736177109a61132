package io.transfab.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Job} of {@link JobCatalog}: the kind's options record, read from the job's parameters, and how
 * to run it.
 *
 * @param <O> the options record of the kind's use case
 */
public final class PreparedJob<O extends Record> implements Job {
    /** Runs the use case with the options and sends what the CLI prints to the listener's log. */
    @FunctionalInterface
    interface Runner<O> {
        void run(O options, JobListener listener, Cancellation cancellation) throws Exception;
    }

    private final String kind;
    private final O options;
    private final List<String> commandLine;
    private final List<Path> outputs;
    private final Runner<O> runner;

    PreparedJob(String kind, O options, List<String> commandLine, List<Path> outputs, Runner<O> runner) {
        this.kind = Objects.requireNonNull(kind);
        this.options = Objects.requireNonNull(options);
        this.commandLine = List.copyOf(commandLine);
        this.outputs = List.copyOf(outputs);
        this.runner = Objects.requireNonNull(runner);
    }

    @Override
    public String kind() {
        return kind;
    }

    /** The options record the use case runs with (paths absolute, inside the workspace). */
    public O options() {
        return options;
    }

    @Override
    public List<String> commandLine() {
        return commandLine;
    }

    @Override
    public List<Path> outputs() {
        return outputs;
    }

    @Override
    public void run(JobListener listener, Cancellation cancellation) throws Exception {
        cancellation.check();
        try {
            runner.run(options, listener, cancellation);
        } catch (Exception | Error e) {
            // a cancellation seen on a worker thread (assess runs splits in parallel) may arrive wrapped
            if (cancellation.isCancelled()) {
                CancelledException c = new CancelledException();
                c.addSuppressed(e);
                throw c;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return String.join(" ", commandLine);
    }
}
