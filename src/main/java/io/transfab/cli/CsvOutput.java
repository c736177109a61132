package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A CSV --out of predict and simulate: a file (see {@link AtomicOutput} for what it may replace), or
 * {@code -} (or /dev/stdout) for standard output, in which case the command's summary goes to standard error.
 */
final class CsvOutput {
    private CsvOutput() {
    }

    static boolean isStandardOutput(Path out) {
        return out.toString().equals("-") || AtomicOutput.isStandardOutput(out);
    }

    /** Fails fast (before the work) on an --out that cannot be written; {@code -} always can. */
    static void check(Path out, Collection<Path> inputs) {
        if (!isStandardOutput(out)) {
            AtomicOutput.checkFile(out, inputs);
        }
    }

    /** Writes the table and returns where the summary lines go: standard error when the CSV went to standard output. */
    static PrintStream write(Table table, Path out) throws IOException {
        if (!isStandardOutput(out)) {
            CsvWriter.write(table, out);
            return System.out;
        }
        PrintStream stdout = System.out;
        stdout.write(CsvWriter.toCsv(table).getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return System.err;
    }

    /** How messages name the output. */
    static String name(Path out) {
        return isStandardOutput(out) ? "standard output" : out.toString();
    }
}
