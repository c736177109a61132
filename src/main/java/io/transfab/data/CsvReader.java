package io.transfab.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads lab CSV exports: detects {@code ,}, {@code ;} and tab delimiters and decimal commas,
 * takes units from headers written as {@code name [unit]}, and rejects ragged rows, empty files
 * and duplicate headers with a message naming file, row and column.
 */
public final class CsvReader {
    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\]]*)\\]\\s*$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^\\s*[-+]?\\d*,\\d+([eE][-+]?\\d+)?\\s*$");

    private CsvReader() {
    }

    /** Reads a CSV file; every problem is a {@link DataException}. */
    public static Table read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DataException.of(name, "file not found; check the path");
        } catch (IOException e) {
            throw DataException.of(name, "cannot be read (" + e.getMessage() + ")");
        }
        Path folder = file.toAbsolutePath().getParent();
        Table table = parse(name, new String(bytes, StandardCharsets.UTF_8));
        return folder == null ? table : table.withFolder(folder);
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static Table parse(String source, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // byte-order mark written by spreadsheet programs
        }
        if (text.isBlank()) {
            throw DataException.of(source, "the file is empty; expected a header row and data rows");
        }
        char delimiter = detectDelimiter(firstLine(text));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).build();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord rec : parser) {
                List<String> cells = rec.toList();
                int line = (int) rec.getParser().getCurrentLineNumber();
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.size() == 1 && cells.get(0).isEmpty()) {
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw DataException.at(source, line, null, "has " + cells.size() + " cells but the header has "
                            + header.size() + " columns; fix the row (a stray delimiter or a missing value?)");
                }
                rows.add(cells);
                lines.add(line);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw DataException.of(source, "is not valid CSV (" + e.getMessage() + ")");
        }
        if (header == null) {
            throw DataException.of(source, "the file is empty; expected a header row and data rows");
        }
        if (rows.isEmpty()) {
            throw DataException.of(source, "has a header but no data rows");
        }
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c).trim();
            String unit = "";
            Matcher m = UNIT.matcher(h);
            if (m.matches()) {
                h = m.group(1).trim();
                unit = m.group(2).trim();
            }
            if (h.isEmpty()) {
                throw DataException.at(source, 1, "#" + (c + 1), "the header cell is empty; give every column a name");
            }
            if (!seen.add(h)) {
                throw DataException.at(source, 1, h, "duplicate column name; rename one of the columns");
            }
            names.add(h);
            units.add(unit);
        }
        boolean decimalComma = delimiter != ',' && usesDecimalComma(rows);
        int[] lineArr = lines.stream().mapToInt(Integer::intValue).toArray();
        String hash = Hashing.sha256(text.getBytes(StandardCharsets.UTF_8));
        return new Table(source, names, units, rows, lineArr, decimalComma, hash);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The most frequent of tab, semicolon and comma in the header line (tab and ';' win ties). */
    static char detectDelimiter(String header) {
        int tabs = count(header, '\t');
        int semis = count(header, ';');
        int commas = count(header, ',');
        if (tabs > 0 && tabs >= semis && tabs >= commas) {
            return '\t';
        }
        if (semis > 0 && semis >= commas) {
            return ';';
        }
        return ',';
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    private static boolean usesDecimalComma(List<List<String>> rows) {
        for (List<String> r : rows) {
            for (String cell : r) {
                if (DECIMAL_COMMA.matcher(cell).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}
