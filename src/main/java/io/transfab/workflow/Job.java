package io.transfab.workflow;

import java.nio.file.Path;
import java.util.List;

/** One prepared run of a CLI command (its kind) with its options, paths resolved inside a workspace. */
public interface Job {
    /** The CLI command: "train", "assess", ... */
    String kind();

    /**
     * The equivalent command line, copyable into a terminal at the workspace root, e.g.
     * {@code ["./transfab", "train", "--data", "data/x.csv", "--model", "gp", ...]}.
     */
    List<String> commandLine();

    /** Output paths (absolute, inside the workspace) the job writes when it succeeds. */
    List<Path> outputs();

    /**
     * Runs it; summary lines the CLI prints on standard output go to the listener's log too.
     *
     * @throws io.transfab.data.DataException for bad input (the message is the CLI's one line)
     * @throws CancelledException             when cancelled
     */
    void run(JobListener listener, Cancellation cancellation) throws Exception;
}
