package io.transfab.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of an {@link HtmlReport}, rendered in order. All text is plain text and is escaped
 * when rendered; only {@link Svg} markup is inserted as is.
 */
public sealed interface Block {

    /** Section heading: level 1 is a section, 2 a subsection, 3 a sub-subsection (the report title is above all). */
    record Heading(int level, String text) implements Block {
        public Heading {
            if (level < 1 || level > 3) {
                throw new IllegalArgumentException("heading level must be 1, 2 or 3, got " + level);
            }
            Objects.requireNonNull(text, "text");
        }

        public static Heading of(int level, String text) {
            return new Heading(level, text);
        }
    }

    /** A paragraph of plain text; line breaks in the text are kept. */
    record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }

        public static Paragraph of(String text) {
            return new Paragraph(text);
        }
    }

    /** Key-value pairs in order, shown as a two-column table (settings, data summary, provenance). */
    record KeyValues(List<Map.Entry<String, String>> entries) implements Block {
        public KeyValues {
            Objects.requireNonNull(entries, "entries");
            List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
            for (Map.Entry<String, String> e : entries) {
                Objects.requireNonNull(e, "entry");
                copy.add(Map.entry(e.getKey(), e.getValue())); // rejects null key or value
            }
            entries = List.copyOf(copy);
        }

        /** Pairs in iteration order of the map (use a LinkedHashMap to keep an order). */
        public static KeyValues of(Map<String, String> map) {
            return new KeyValues(List.copyOf(map.entrySet()));
        }

        /** Pairs given as alternating keys and values: {@code of("rows", "24", "targets", "2")}. */
        public static KeyValues of(String... keysAndValues) {
            if (keysAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("keys and values must alternate, got an odd count "
                        + keysAndValues.length);
            }
            List<Map.Entry<String, String>> list = new ArrayList<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                list.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
            }
            return new KeyValues(list);
        }
    }

    /** Which cell of a table column is marked as the best one. */
    enum Best {
        NONE,
        /** Smallest number wins (errors such as RMSE or MAE). */
        MIN,
        /** Largest number wins (scores such as R2). */
        MAX
    }

    /**
     * A table of text cells with a caption (empty for none). For columns marked {@link Best#MIN} or
     * {@link Best#MAX} the cell(s) with the best leading number (as in "0.123 ± 0.010") are shown in
     * bold; cells without a number are ignored.
     */
    record DataTable(List<String> header, List<List<String>> rows, String caption, List<Best> best)
            implements Block {
        public DataTable {
            Objects.requireNonNull(caption, "caption");
            header = List.copyOf(header);
            if (header.isEmpty()) {
                throw new IllegalArgumentException("table needs at least one column");
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = List.copyOf(rows.get(r));
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("table row " + r + " has " + row.size() + " cells, header has "
                            + header.size());
                }
                copy.add(row);
            }
            rows = List.copyOf(copy);
            best = List.copyOf(best);
            if (best.size() != header.size()) {
                throw new IllegalArgumentException("best has " + best.size() + " entries, header has " + header.size());
            }
        }

        /** A table without highlighting. */
        public static DataTable of(List<String> header, List<List<String>> rows, String caption) {
            return new DataTable(header, rows, caption, Collections.nCopies(header.size(), Best.NONE));
        }

        /** A table with the best cell per column highlighted as given by {@code best}. */
        public static DataTable of(List<String> header, List<List<String>> rows, String caption, List<Best> best) {
            return new DataTable(header, rows, caption, best);
        }
    }

    /** One figure with its caption (empty for none). */
    record Figure(Svg svg, String caption) implements Block {
        public Figure {
            Objects.requireNonNull(svg, "svg");
            Objects.requireNonNull(caption, "caption");
        }

        public static Figure of(Svg svg, String caption) {
            return new Figure(svg, caption);
        }
    }

    /** Figures side by side (two per row on a wide screen, one per row on a narrow one or in print). */
    record FigureGrid(List<Figure> figures) implements Block {
        public FigureGrid {
            figures = List.copyOf(figures);
        }

        public static FigureGrid of(List<Figure> figures) {
            return new FigureGrid(figures);
        }

        public static FigureGrid of(Figure... figures) {
            return new FigureGrid(List.of(figures));
        }
    }

    /** A highlighted remark: background information, or a warning the reader must not miss. */
    record Note(String text, Severity severity) implements Block {
        public Note {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(severity, "severity");
        }

        public static Note info(String text) {
            return new Note(text, Severity.INFO);
        }

        public static Note warning(String text) {
            return new Note(text, Severity.WARNING);
        }
    }
}
