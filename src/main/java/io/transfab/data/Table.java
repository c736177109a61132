package io.transfab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable CSV table as read from disk: column names, optional units and the raw cell
 * texts. Typing happens later, in {@link Schema} and {@link Dataset}, so that errors can name
 * the file, line and column of the offending cell.
 */
public final class Table {
    private final String source;
    private final List<String> names;
    private final List<String> units;
    private final List<List<String>> rows;
    private final int[] lines;
    private final boolean decimalComma;
    private final String sha256;
    private final Map<String, Integer> index;
    private final Path folder;
    private final Path mediaRoot;

    Table(String source, List<String> names, List<String> units, List<List<String>> rows, int[] lines,
            boolean decimalComma, String sha256) {
        this(source, names, units, rows, lines, decimalComma, sha256, null, null);
    }

    private Table(String source, List<String> names, List<String> units, List<List<String>> rows, int[] lines,
            boolean decimalComma, String sha256, Path folder, Path mediaRoot) {
        this.folder = folder;
        this.mediaRoot = mediaRoot;
        this.source = source;
        this.names = List.copyOf(names);
        this.units = Collections.unmodifiableList(new ArrayList<>(units));
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            copy.add(List.copyOf(r));
        }
        this.rows = Collections.unmodifiableList(copy);
        this.lines = lines.clone();
        this.decimalComma = decimalComma;
        this.sha256 = sha256;
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            idx.put(names.get(i), i);
        }
        this.index = idx;
    }

    /** Builds a table in memory (e.g. from a simulator); line numbers are 2..n+1 as in a CSV file. */
    public static Table of(String source, List<String> names, List<String> units, List<List<String>> rows) {
        int[] lines = new int[rows.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 2;
        }
        return new Table(source, names, units, rows, lines, false, Hashing.sha256(names, rows));
    }

    /**
     * The folder that relative image and series paths in the cells are resolved against: the
     * CSV file's folder, or the working directory for a table built in memory.
     */
    public Path folder() {
        return folder == null ? Path.of("").toAbsolutePath() : folder;
    }

    /** The same table with relative file references resolved against {@code dir}. */
    public Table withFolder(Path dir) {
        return new Table(source, names, units, rows, lines, decimalComma, sha256, dir.toAbsolutePath(), mediaRoot);
    }

    /**
     * The folder that the image and series files named in the cells must lie in (their real paths,
     * symbolic links followed): {@link #folder()} unless widened by {@link #withMediaRoot}.
     */
    public Path mediaRoot() {
        return mediaRoot == null ? folder() : mediaRoot;
    }

    /**
     * The same table with media files allowed anywhere under {@code dir} (the {@code --media-root}
     * option), e.g. {@code ../images/a.png} from a table in a sibling folder; paths still resolve
     * against {@link #folder()}.
     */
    public Table withMediaRoot(Path dir) {
        return new Table(source, names, units, rows, lines, decimalComma, sha256, folder,
                dir.toAbsolutePath().normalize());
    }

    /** The file name (or a label) used in error messages. */
    public String source() {
        return source;
    }

    public List<String> names() {
        return names;
    }

    /** Units from headers written as {@code name [unit]}; empty string when none. */
    public List<String> units() {
        return units;
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return names.size();
    }

    public String cell(int row, int column) {
        return rows.get(row).get(column);
    }

    public List<String> row(int row) {
        return rows.get(row);
    }

    /** The 1-based line in the source file of data row {@code row} (0-based). */
    public int line(int row) {
        return lines[row];
    }

    /** Whether numbers in this table use a decimal comma ({@code 1,5} for 1.5). */
    public boolean decimalComma() {
        return decimalComma;
    }

    /** SHA-256 of the content (header and cells), recorded in model provenance. */
    public String sha256() {
        return sha256;
    }

    /** Column position, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    /** Parses a cell as a number, honouring this table's decimal separator; NaN if it is no number. */
    public double number(int row, int column) {
        return Numbers.parse(cell(row, column), decimalComma);
    }

    /** The rows with the given 0-based indices, in that order, as a new table. */
    public Table select(int[] rowIndices) {
        List<List<String>> sel = new ArrayList<>(rowIndices.length);
        int[] l = new int[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            sel.add(rows.get(rowIndices[i]));
            l[i] = lines[rowIndices[i]];
        }
        return new Table(source, names, units, sel, l, decimalComma, Hashing.sha256(names, sel), folder,
                mediaRoot);
    }

    /** A copy with column {@code column}'s unit and cells (one per row) replaced; rows keep their lines. */
    public Table withColumnReplaced(int column, String unit, List<String> cells) {
        List<String> u = new ArrayList<>(units);
        u.set(column, unit);
        List<List<String>> r = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = new ArrayList<>(rows.get(i));
            row.set(column, cells.get(i));
            r.add(row);
        }
        return new Table(source, names, u, r, lines, decimalComma, Hashing.sha256(names, r), folder, mediaRoot);
    }

    /** A copy with extra columns appended (values given per row). */
    public Table withColumns(List<String> newNames, List<List<String>> newValuesPerRow) {
        List<String> n = new ArrayList<>(names);
        n.addAll(newNames);
        List<String> u = new ArrayList<>(units);
        for (int i = 0; i < newNames.size(); i++) {
            u.add("");
        }
        List<List<String>> r = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = new ArrayList<>(rows.get(i));
            row.addAll(newValuesPerRow.get(i));
            r.add(row);
        }
        return new Table(source, n, u, r, lines, decimalComma, Hashing.sha256(n, r), folder, mediaRoot);
    }
}
