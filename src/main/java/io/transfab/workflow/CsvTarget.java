package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import java.nio.file.Path;

/**
 * A CSV --out of predict and simulate: a file (see {@link OutputTarget} for what it may replace), or
 * {@code -} (or /dev/stdout) for standard output, which the CLI writes (its summary then goes to standard error).
 */
public final class CsvTarget {
    private CsvTarget() {
    }

    public static boolean isStandardOutput(Path out) {
        return out.toString().equals("-") || AtomicOutput.isStandardOutput(out);
    }

    /**
     * Fails fast (before the work) on an --out that may not be written; {@code -} always can.
     *
     * @return the checked target, or null for standard output (the CLI writes it)
     */
    public static OutputTarget check(Path out, OutputKind kind, boolean force, Path... inputs) {
        return isStandardOutput(out) ? null : Outputs.file(out, kind, force, inputs);
    }

    /** How messages name the output. */
    public static String name(Path out) {
        return isStandardOutput(out) ? "standard output" : out.toString();
    }
}
