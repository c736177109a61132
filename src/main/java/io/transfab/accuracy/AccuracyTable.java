package io.transfab.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparison table of docs/accuracy.md: per task and size, each contender's median test R2
 * over the splits with its interquartile range, {@code median [q25, q75]}; and the parser the study
 * test reads the docs' table back with.
 */
public final class AccuracyTable {
    /** The label of the docs' main comparison table. */
    public static final String MAIN = "main";

    private static final Pattern CELL = Pattern.compile("(-?\\d+\\.\\d+) \\[(-?\\d+\\.\\d+), (-?\\d+\\.\\d+)\\]");

    private AccuracyTable() {
    }

    /** One parsed row: task, rows label, splits and per contender heading the median (NaN for n/a). */
    public record Row(String task, String rows, int splits, List<String> headings, List<Double> medians) {
        public Row {
            headings = List.copyOf(headings);
            medians = List.copyOf(medians);
        }

        /** The median under a heading, NaN where it was not run. */
        public double median(String heading) {
            int i = headings.indexOf(heading);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + heading + "' in " + headings);
            }
            return medians.get(i);
        }
    }

    /** The comment that opens the table labelled {@code label}. */
    public static String begin(String label) {
        return "<!-- accuracy-table:" + label + ":begin -->";
    }

    /** The comment that closes it. */
    public static String end(String label) {
        return "<!-- accuracy-table:" + label + ":end -->";
    }

    /** The Markdown table, between {@link #begin} and {@link #end} of {@code label}. */
    public static String markdown(List<AccuracyStudy.TaskResult> results, List<Contender> contenders, int splits,
            String label) {
        StringBuilder sb = new StringBuilder(begin(label)).append('\n');
        sb.append("| task | target rows | splits |");
        contenders.forEach(c -> sb.append(' ').append(c.heading()).append(" |"));
        sb.append("\n|---|---|---|");
        contenders.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (AccuracyStudy.TaskResult r : results) {
            for (int size : r.sizes()) {
                sb.append("| ").append(r.task()).append(" | ").append(rowsLabel(r, size)).append(" | ")
                        .append(splits).append(" |");
                for (Contender c : contenders) {
                    AccuracyStudy.Cell cell = r.cell(size, c);
                    sb.append(' ').append(cell == null || !cell.ran() ? "n/a" : format(cell)).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.append(end(label)).append('\n').toString();
    }

    /** "10" for a draw of 10 rows, "CV 6 folds of 18" for grouped CV. */
    static String rowsLabel(AccuracyStudy.TaskResult r, int size) {
        return r.grouped() ? "CV " + r.folds() + " folds of " + r.targetRows() : Integer.toString(size);
    }

    static String format(AccuracyStudy.Cell c) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.median(), c.q25(), c.q75());
    }

    /** The rows of the table labelled {@code label} in {@code markdown}. */
    public static List<Row> parse(String markdown, String label) {
        int b = markdown.indexOf(begin(label));
        int e = markdown.indexOf(end(label));
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no table between " + begin(label) + " and " + end(label));
        }
        String[] lines = markdown.substring(b + begin(label).length(), e).strip().split("\n");
        List<String> header = cells(lines[0]);
        List<String> headings = header.subList(3, header.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            List<String> cs = cells(lines[i]);
            List<Double> medians = new ArrayList<>();
            for (String c : cs.subList(3, cs.size())) {
                Matcher m = CELL.matcher(c);
                medians.add(m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN);
            }
            rows.add(new Row(cs.get(0), cs.get(1), Integer.parseInt(cs.get(2)), headings, medians));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String s = line.strip();
        s = s.substring(1, s.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : s.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    /** Per split: task, size, split, contender, r2, choice (CSV text with header). */
    public static String csv(List<AccuracyStudy.TaskResult> results) {
        StringBuilder sb = new StringBuilder("task,size,split,contender,r2,choice\n");
        for (AccuracyStudy.TaskResult r : results) {
            for (AccuracyStudy.Cell c : r.cells()) {
                for (int k = 0; k < c.r2().size(); k++) {
                    sb.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%.6f,%s%n", r.task(), c.size(), k,
                            c.contender().cliName(), c.r2().get(k), k < c.choices().size() ? c.choices().get(k) : ""));
                }
            }
        }
        return sb.toString();
    }
}
