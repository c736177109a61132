package io.transfab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes tables as comma-separated UTF-8 with units in the header ({@code name [unit]}), atomically.
 * A table read with decimal commas is written with {@code ;} between cells, as it came, so that
 * {@link CsvReader} reads every number back to the same value.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** The CSV text of a table. */
    public static String toCsv(Table table) {
        List<String> header = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            String u = table.units().get(c);
            header.add(u.isEmpty() ? table.names().get(c) : table.names().get(c) + " [" + u + "]");
        }
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setDelimiter(table.decimalComma() ? ';' : ',').build())) {
            p.printRecord(header);
            for (int r = 0; r < table.rowCount(); r++) {
                p.printRecord(table.row(r));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return sb.toString();
    }

    /** Writes the table to {@code file} through a temporary file. */
    public static void write(Table table, Path file) throws IOException {
        AtomicOutput.writeString(file, toCsv(table));
    }
}
