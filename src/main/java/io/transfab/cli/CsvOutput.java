package io.transfab.cli;

import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.workflow.CsvTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writing a CSV --out of predict and simulate (see {@link CsvTarget}): to the file, or to standard
 * output for {@code -}, in which case the command's summary goes to standard error.
 */
final class CsvOutput {
    private CsvOutput() {
    }

    /** Writes the table and returns where the summary lines go: standard error when the CSV went to standard output. */
    static PrintStream write(Table table, Path out) throws IOException {
        if (!CsvTarget.isStandardOutput(out)) {
            CsvWriter.write(table, out);
            return System.out;
        }
        return writeToStandardOutput(table);
    }

    /** Writes the CSV on standard output and returns standard error, where the summary then goes. */
    static PrintStream writeToStandardOutput(Table table) throws IOException {
        PrintStream stdout = System.out;
        stdout.write(CsvWriter.toCsv(table).getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return System.err;
    }
}
