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
 * and duplicate headers with a message naming file, row and column. Files are UTF-8 (with or
 * without byte-order mark) or UTF-16 with a byte-order mark; binary files and other encodings are
 * refused before parsing (see {@link TextDecoding}). Blank rows and rows of bare delimiters are
 * skipped. Cells are kept as text; typing (and refusing non-finite numbers) happens in
 * {@link Schema} and {@link Dataset}.
 */
public final class CsvReader {
    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\]]*)\\]\\s*$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^\\s*[-+]?\\d*,\\d+([eE][-+]?\\d+)?\\s*$");

    private static final Pattern SYNTAX_LINE = Pattern.compile("\\(startline (\\d+)\\)|at line: (\\d+)");
    /** Longest column name: a longer header cell means a file without a header row (or no table at all). */
    static final int MAX_NAME_LENGTH = 1000;
    /** Most columns read; wide spectra tables have thousands, a stray binary file millions. */
    static final int MAX_COLUMNS = 100_000;

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
        Table table = parse(name, bytes);
        return folder == null ? table : table.withFolder(folder);
    }

    /**
     * Parses the bytes of a table file (see {@link TextDecoding} for the encodings accepted); public
     * for uploads, which are checked before they are stored under their name.
     */
    public static Table parse(String source, byte[] bytes) {
        return parse(source, TextDecoding.decode(source, bytes));
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static Table parse(String source, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // byte-order mark written by spreadsheet programs
        }
        if (text.isBlank()) {
            throw DataException.of(source, "the file is empty; expected a header row and data rows");
        }
        TextDecoding.requireText(source, text);
        char delimiter = detectDelimiter(firstLine(text));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).build();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        LineCounter lines = new LineCounter(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord rec : parser) {
                List<String> cells = rec.toList();
                int line = lines.lineAt(rec.getCharacterPosition()); // where the record starts

                if (header == null) {
                    header = cells;
                    requireHeaderSize(source, header);
                    continue;
                }
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue; // a blank line, or a row of bare delimiters as spreadsheets append
                }
                if (cells.size() != header.size()) {
                    throw DataException.at(source, line, null, "has " + cells.size() + " cells but the header has "
                            + header.size() + " columns; fix the row (a stray delimiter or a missing value?)");
                }
                rows.add(cells);
                rowLines.add(line);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw syntaxError(source, e);
        }
        if (header == null) {
            throw DataException.of(source, "the file is empty; expected a header row and data rows");
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
        if (rows.isEmpty()) {
            throw DataException.of(source, "has a header but no data rows");
        }
        boolean decimalComma = delimiter != ',' && usesDecimalComma(rows);
        int[] lineArr = rowLines.stream().mapToInt(Integer::intValue).toArray();
        String hash = Hashing.sha256(text.getBytes(StandardCharsets.UTF_8));
        return new Table(source, names, units, rows, lineArr, decimalComma, hash);
    }

    /**
     * The commons-csv syntax errors a user can fix, located at their row: an unterminated quote
     * ("(startline N) EOF reached before encapsulated token finished") and text after a closing
     * quote ("Invalid character between encapsulated token and delimiter at line: N").
     */
    private static DataException syntaxError(String source, Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = SYNTAX_LINE.matcher(message);
        int row = line.find() ? Integer.parseInt(line.group(1) != null ? line.group(1) : line.group(2)) : 0;
        if (message.contains("EOF reached before encapsulated token finished")) {
            return DataException.at(source, row, null, "a quoted cell in the row starting here is never closed "
                    + "(unterminated '\"'); close the quote or remove it");
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return DataException.at(source, row, null, "text follows a closing quote; quote the whole cell and "
                    + "double any quote inside it (\"\")");
        }
        return DataException.at(source, row, null, "is not valid CSV (" + message + ")");
    }

    private static void requireHeaderSize(String source, List<String> header) {
        if (header.size() > MAX_COLUMNS) {
            throw DataException.at(source, 1, null, "the header has " + header.size() + " columns; at most "
                    + MAX_COLUMNS + " are read (is this a table with one header row?)");
        }
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).length() > MAX_NAME_LENGTH) {
                throw DataException.at(source, 1, "#" + (c + 1), "the column name is " + header.get(c).length()
                        + " characters long; at most " + MAX_NAME_LENGTH + " (is the first row a header row?)");
            }
        }
    }

    /** 1-based line numbers of character positions, counted forward once (positions must not decrease). */
    private static final class LineCounter {
        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(long target) {
            int end = (int) Math.min(target, text.length());
            for (; position < end; position++) {
                char ch = text.charAt(position);
                boolean loneCr = ch == '\r' && (position + 1 >= text.length() || text.charAt(position + 1) != '\n');
                if (ch == '\n' || loneCr) {
                    line++;
                }
            }
            return line;
        }
    }

    /** The text up to the first line break (LF, CRLF or a lone CR). */
    private static String firstLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** The most frequent of tab, semicolon and comma in the header line (tab and ';' win ties). */
    public static char detectDelimiter(String header) {
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
