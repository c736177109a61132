package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A CSV --out of predict and simulate: a file (see {@link AtomicOutput} for what it may replace), or
 * {@code -} (or /dev/stdout) for standard output, which the CLI writes (its summary then goes to standard error).
 */
public final class CsvTarget {
    private CsvTarget() {
    }

    public static boolean isStandardOutput(Path out) {
        return out.toString().equals("-") || AtomicOutput.isStandardOutput(out);
    }

    /** Fails fast (before the work) on an --out that cannot be written; {@code -} always can. */
    public static void check(Path out, Collection<Path> inputs) {
        if (!isStandardOutput(out)) {
            AtomicOutput.checkFile(out, inputs);
        }
    }

    /** How messages name the output. */
    public static String name(Path out) {
        return isStandardOutput(out) ? "standard output" : out.toString();
    }
}
