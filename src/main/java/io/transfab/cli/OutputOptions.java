package io.transfab.cli;

import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.workflow.Outputs;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * --force, and the check every command writing an output directory makes before its work: an existing
 * --out is replaced without asking only when it is an earlier output of the same kind.
 */
final class OutputOptions {
    @Option(names = "--force", description = "Replace whatever is at --out, also a folder or file that is not "
            + "an earlier output of this command (never one that holds the command's inputs).")
    boolean force;

    /**
     * The checked target (fail fast, before the expensive work).
     *
     * @param inputs what the command reads (null entries are skipped); --out may not be one of them or above one
     */
    OutputTarget directory(Path out, OutputKind kind, Path... inputs) {
        return Outputs.directory(out, kind, force, inputs);
    }

    /** "replaced the previous KIND at PATH" when the write replaced an earlier output. */
    static void printReplaced(OutputTarget target, PrintStream ps) {
        if (target.replaces()) {
            ps.println(target.replacedMessage());
        }
    }
}
