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
        char delimiter = table.decimalComma() ? ';' : ',';
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < header.size(); c++) {
            sb.append(c == 0 ? "" : String.valueOf(delimiter)).append(headerCell(header.get(c)));
        }
        sb.append('\n');
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setDelimiter(delimiter).build())) {
            for (int r = 0; r < table.rowCount(); r++) {
                p.printRecord(table.row(r));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return sb.toString();
    }

    /**
     * A header cell, quoted when it holds any of the delimiters {@link CsvReader} considers (or a
     * quote or line break): the reader picks the delimiter from the header line, so a name such as
     * {@code "a;b"} must not look like two columns to it.
     */
    private static String headerCell(String name) {
        boolean quote = name.chars().anyMatch(ch -> ch == ',' || ch == ';' || ch == '\t' || ch == '"' || ch == '\r'
                || ch == '\n');
        return quote ? '"' + name.replace("\"", "\"\"") + '"' : name;
    }

    /** Writes the table to {@code file} through a temporary file. */
    public static void write(Table table, Path file) throws IOException {
        AtomicOutput.writeString(file, toCsv(table));
    }
}
