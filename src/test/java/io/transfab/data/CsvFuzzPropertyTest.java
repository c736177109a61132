package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.transfab.testing.Approx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzed tables: whatever bytes or text arrive, the reader (and schema inference and encoding on
 * what it accepts) returns a result or a one-line {@link DataException}, never another exception
 * and never a hang; every numeric cell it accepts reads back to the same double after
 * {@link CsvWriter}. Seeded, so every run tries the same cases (1 700 in all: 500 + 600 + 400 + 200).
 */
class CsvFuzzPropertyTest {
    /** Hang guard per case, not a timing assertion: a case takes milliseconds. */
    private static final Duration GUARD = Duration.ofSeconds(20);

    /** Cells that have broken CSV readers: numbers at the edges, non-ASCII digits, quotes, line breaks. */
    private static final List<String> TRICKY = List.of("1", "-0", "0.1", "1e309", "-1e309", "1e-400", "NaN", "nan",
            "inf", "-Infinity", "\u0661\u0662\u0663", "\uff11\uff12", "1,5", "-2,25e3", "0x1p3", "1d", "", " ",
            "\"", "\"\"", "a\"b", "\"q,uoted\"", "\"multi\nline\"", "\"cr\rcell\"", "\"tab\tcell\"", "x;y",
            "\u00b5m", "\u0000", "\u0007", "\ufeff", "[1;2;3]", "../../etc/passwd", "/etc/passwd", "a.png",
            "s.csv", "PVDF", "CMC", "1.7976931348623157e308", "4.9e-324", "+3", " 7 ", "1 000");

    @Property(tries = 500, seed = "20261202")
    void randomBytesGiveATableOrOneLineDataException(@ForAll("tableBytes") byte[] bytes) {
        // Given any bytes (binary, invalid UTF-8, control characters)
        // When they are read as a table file, Then a table or a one-line DataException comes back in time
        Table t = assertTimeoutPreemptively(GUARD, () -> outcome(() -> CsvReader.parse("fuzz.csv", bytes)));
        Statistics.collect(t == null ? "DataException" : "table");
    }

    @Property(tries = 600, seed = "20261202")
    void structuredNoiseGivesATableOrOneLineDataException(@ForAll("csvTexts") String text) {
        // Given CSV-like text: random delimiters, quotes, BOMs, CRLF and lone CR, tricky cells
        // When read, typed and encoded
        // Then a table or a one-line DataException, and accepted numbers survive the writer
        String outcomes = assertTimeoutPreemptively(GUARD, () -> {
            Table t = outcome(() -> CsvReader.parse("fuzz.csv", text.getBytes(StandardCharsets.UTF_8)));
            if (t == null) {
                return "read: DataException";
            }
            Dataset d = outcome(() -> Dataset.of(t, Schema.infer(t, List.of(),
                    List.of(t.names().get(t.columnCount() - 1)), List.of())));
            assertNumbersRoundTrip(t);
            return "read: table, encode: " + (d == null ? "DataException" : "dataset");
        });
        Statistics.collect(outcomes);
    }

    @Property(tries = 400, seed = "20261202")
    void everyFormattedDoubleReadsBackBitForBit(
            @ForAll @Size(min = 1, max = 20) List<@From("doubles") Double> values) {
        // Given doubles written as Numbers.format writes them (finite ones; -0 is written "0" by design)
        List<List<String>> rows = new ArrayList<>();
        for (double v : values) {
            rows.add(List.of(Numbers.format(v), "r"));
        }
        Table t = Table.of("nums.csv", List.of("x", "tag"), List.of("mm", ""), rows);
        // When the table goes through the writer and the reader
        Table back = CsvReader.parse("back.csv", CsvWriter.toCsv(t));
        // Then every value is the same double (tolerance zero: equal, -0 equal to 0)
        for (int r = 0; r < values.size(); r++) {
            Approx.assertClose(back.number(r, 0), values.get(r), 0, 0, "row " + r);
        }
    }

    @Property(tries = 200, seed = "20261202")
    void wideAndLongTablesParse(@ForAll("wideTables") String text) {
        // Given up to 2000 columns and cells up to 20 000 characters
        // When read, Then in time, with every column and every cell kept
        assertTimeoutPreemptively(GUARD, () -> {
            Table t = CsvReader.parse("wide.csv", text);
            assertThat(t.columnCount()).isEqualTo(text.substring(0, text.indexOf('\n')).split(",", -1).length);
            assertNumbersRoundTrip(t);
        });
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.MIN_NORMAL, 1e15, 1e15 - 1, 0.1, 1.0 / 3));
    }

    @Provide
    Arbitrary<String> csvTexts() {
        Arbitrary<String> cell = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(TRICKY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("0123456789.,;\"\t\r\n -+eE").ofMaxLength(8)),
                net.jqwik.api.Tuple.of(5, Arbitraries.doubles().map(Numbers::format)));
        Arbitrary<Character> delimiter = Arbitraries.of(',', ';', '\t', '|');
        Arbitrary<String> lineEnd = Arbitraries.of("\n", "\r\n", "\r");
        // most rows have the header's width and most headers are plain names, so that many cases get past
        // the reader into schema inference and encoding; the rest are ragged or have odd headers
        Arbitrary<List<List<String>>> grid = Arbitraries.integers().between(1, 6).flatMap(cols -> {
            Arbitrary<List<String>> row = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(9, cell.list().ofSize(cols)),
                    net.jqwik.api.Tuple.of(1, cell.list().ofMinSize(Math.max(0, cols - 1)).ofMaxSize(cols + 1)));
            Arbitrary<List<String>> header = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, Arbitraries.just(plainHeader(cols))),
                    net.jqwik.api.Tuple.of(1, cell.list().ofSize(cols)));
            return Combinators.combine(header, row.list().ofMinSize(1).ofMaxSize(8)).as((h, rows) -> {
                List<List<String>> all = new ArrayList<>();
                all.add(h);
                all.addAll(rows);
                return all;
            });
        });
        return Combinators.combine(grid, delimiter, lineEnd, Arbitraries.of("", "\ufeff"), Arbitraries.of("", "\n\n",
                "\r\n;;\r\n", ",,,\n")).as((rows, d, eol, bom, tail) -> {
                    StringBuilder sb = new StringBuilder(bom);
                    for (List<String> row : rows) {
                        sb.append(String.join(String.valueOf(d), row)).append(eol);
                    }
                    return sb.append(tail).toString();
                });
    }

    private static List<String> plainHeader(int cols) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            names.add(c % 2 == 0 ? "c" + c : "c" + c + " [mm]");
        }
        return names;
    }

    @Provide
    Arbitrary<byte[]> tableBytes() {
        // raw bytes, and text bytes of a CSV alphabet with stray high or control bytes among them
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<String> text = Arbitraries.strings().withChars("abc019.,;\t\r\n\" -e")
                .withCharRange('\u00c0', '\u00ff').ofMaxLength(400);
        Arbitrary<byte[]> texty = Combinators.combine(text, Arbitraries.bytes().list().ofMaxSize(3))
                .as((t, noise) -> {
                    byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
                    byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + noise.size());
                    for (int i = 0; i < noise.size(); i++) {
                        out[bytes.length + i] = noise.get(i);
                    }
                    return out;
                });
        return Arbitraries.oneOf(raw, texty);
    }

    @Provide
    Arbitrary<String> wideTables() {
        return Combinators.combine(Arbitraries.integers().between(1, 2000), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 20_000)).as((cols, rows, longCell) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < cols; c++) {
                        sb.append(c == 0 ? "" : ",").append("c").append(c);
                    }
                    sb.append('\n');
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            sb.append(c == 0 ? "" : ",");
                            sb.append(c == 0 && r == 0 ? "\"" + "x\n".repeat(longCell / 2) + "end\"" : r * cols + c);
                        }
                        sb.append('\n');
                    }
                    return sb.toString();
                });
    }

    /**
     * Runs {@code read}: its result, or null after a one-line DataException; any other throwable
     * fails. (Statistics are collected by the caller: jqwik's are for its own thread, not the guard's.)
     */
    private static <T> T outcome(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (DataException e) {
            assertThat(e.getMessage()).as("a DataException is one line").doesNotContain("\n").doesNotContain("\r");
            assertThat(e.getMessage()).as("it names the file").startsWith("fuzz.csv");
            return null;
        }
    }

    /** Every cell the table reads as a number reads as the same number after writing and reading the table. */
    private static void assertNumbersRoundTrip(Table t) {
        Table back = CsvReader.parse("back.csv", CsvWriter.toCsv(t));
        assertThat(back.names()).isEqualTo(t.names());
        assertThat(back.rowCount()).isEqualTo(t.rowCount());
        assertThat(back.decimalComma()).isEqualTo(t.decimalComma());
        for (int r = 0; r < t.rowCount(); r++) {
            assertThat(back.row(r)).isEqualTo(t.row(r));
            for (int c = 0; c < t.columnCount(); c++) {
                double v = t.number(r, c);
                if (Double.isFinite(v)) {
                    Approx.assertClose(back.number(r, c), v, 0, 0, "row " + r + " column " + c);
                }
            }
        }
    }
}
