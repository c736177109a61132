package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantics chosen for odd cells: overflow, non-ASCII digits, hexadecimal, and one-line messages. */
class HostileCellsTest {

    @Test
    void overflowIsNamedNotReadAsInfinity() {
        // Given a numeric feature with one cell beyond the double range
        Table t = CsvReader.parse("o.csv", "x,y\n1,2\n2,3\n-1e309,4\n");
        // When encoded, Then the cell is refused as too large (the column stays numeric)
        DataException e = assertThrows(DataException.class,
                () -> Dataset.of(t, Schema.infer(t, List.of("x"), List.of("y"), List.of())));
        assertThat(e.getMessage()).isEqualTo("o.csv, row 4, column 'x': '-1e309' is too large for a double (beyond "
                + "\u00b11.8e308) in a numeric feature column; enter a finite number or remove the row");
    }

    @Test
    void nonAsciiDigitsAreRefusedInNumericAndInCategoricalColumns() {
        // Given Arabic-Indic digits among ASCII numbers, and a column of full-width digits
        Table numeric = CsvReader.parse("n.csv", "x,y\n1,2\n2,3\n\u0663,4\n");
        Table text = CsvReader.parse("c.csv", "x,y\n\uff11,2\n\uff12,3\n");
        // When typed and encoded, Then both are refused the same way (never silently a category)
        assertThat(assertThrows(DataException.class, () -> Dataset.of(numeric,
                Schema.infer(numeric, List.of("x"), List.of("y"), List.of()))).getMessage())
                .contains("row 4, column 'x'").contains("non-ASCII digits");
        assertThat(assertThrows(DataException.class, () -> Schema.infer(text, List.of("x"), List.of("y"), List.of()))
                .getMessage()).contains("row 2, column 'x'").contains("non-ASCII digits");
        // And the reader itself keeps them as text
        assertThat(numeric.cell(2, 0)).isEqualTo("\u0663");
        assertThat(Numbers.hasNonAsciiDigits("batch \u0663")).isFalse();
    }

    @Test
    void hexadecimalFloatsAndJavaSuffixesAreText() {
        // Given spellings Double.parseDouble accepts but a lab table never means
        // When parsed, Then none is a number, while -0 and a tiny exponent are
        assertThat(Numbers.isNumeric("0x1p3", false)).isFalse();
        assertThat(Numbers.isNumeric("2f", false)).isFalse();
        Approx.assertClose(Numbers.parse("-0", false), 0, 0, 0, "-0");
        Approx.assertClose(Numbers.parse("1e-400", false), 0, 0, 0, "underflow");
    }

    @Test
    void quotedCellsAreEscapedAndCut() {
        // Given a cell with a line break, a bell and 200 characters
        String cell = "a\nb\u0007" + "x".repeat(200);
        // When quoted for a message, Then it is one line, escaped and cut to 60 characters
        String q = DataException.quote(cell);
        assertThat(q).startsWith("'a\\nb\\u0007xx").endsWith("...'").doesNotContain("\n");
        assertThat(q.length()).isLessThan(70);
        // And any message is made one line
        assertThat(DataException.of("f.csv", "two\nlines\r").getMessage()).isEqualTo("f.csv: two\\nlines\\r");
    }

    @Test
    void decimalCommaTablesComeBackFromTheWriterWithTheirValues() {
        // Given a European export
        Table t = CsvReader.parse("eu.csv", "a;b;name\n1,5;2;\"x;y\"\n-0,25;1e3;z\n");
        // When written and read again
        Table back = CsvReader.parse("back.csv", CsvWriter.toCsv(t));
        // Then the decimal comma and every value survive
        assertThat(back.decimalComma()).isTrue();
        Approx.assertClose(back.number(0, 0), 1.5, 0, 0, "1,5");
        Approx.assertClose(back.number(1, 0), -0.25, 0, 0, "-0,25");
        assertThat(back.cell(0, 2)).isEqualTo("x;y");
    }
}
