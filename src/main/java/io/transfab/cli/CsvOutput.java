package io.transfab.cli;

import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.workflow.CsvTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The CSV --out {@code -} of predict and simulate (see {@link CsvTarget}): the use case returns the table
 * unwritten, the command prints it on standard output, and the command's summary goes to standard error.
 * A file --out is written by the use case (it checks what it may replace).
 */
final class CsvOutput {
    private CsvOutput() {
    }

    /** Writes the CSV on standard output and returns standard error, where the summary then goes. */
    static PrintStream writeToStandardOutput(Table table) throws IOException {
        PrintStream stdout = System.out;
        stdout.write(CsvWriter.toCsv(table).getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return System.err;
    }
}
