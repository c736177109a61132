package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsCommaSeparatedTableWithUnits() {
        // Given a comma-separated export with units in the header
        String csv = "solid_content [wt%],comma_gap [um],density [g/cm3]\n60.5,200,2.91\n70,250,3.05\n";
        // When it is parsed
        Table t = CsvReader.parse("a.csv", csv);
        // Then names and units are split and numbers parse
        assertThat(t.names()).containsExactly("solid_content", "comma_gap", "density");
        assertThat(t.units()).containsExactly("wt%", "um", "g/cm3");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.decimalComma()).isFalse();
        Approx.assertClose(t.number(0, 0), 60.5, 0, 1e-12, "cell");
    }

    @Test
    void detectsSemicolonAndDecimalComma() {
        // Given a European export: semicolons and decimal commas
        String csv = "a;b;y\n1,5;2;3,25\n2,0;4;1e-3\n";
        // When parsed
        Table t = CsvReader.parse("eu.csv", csv);
        // Then the decimal comma is honoured
        assertThat(t.decimalComma()).isTrue();
        Approx.assertClose(t.number(0, 0), 1.5, 0, 1e-12, "a");
        Approx.assertClose(t.number(0, 2), 3.25, 0, 1e-12, "y");
        Approx.assertClose(t.number(1, 2), 1e-3, 0, 1e-15, "y2");
    }

    @Test
    void detectsTabs() {
        Table t = CsvReader.parse("t.tsv", "x\ty\n1\t2\n");
        assertThat(t.names()).containsExactly("x", "y");
    }

    @Test
    void raggedRowNamesFileAndLine() {
        // Given a row with a missing cell on line 3
        String csv = "x,y,z\n1,2,3\n4,5\n";
        // When parsed, Then the error names file and row
        DataException e = assertThrows(DataException.class, () -> CsvReader.parse("rag.csv", csv));
        assertThat(e.getMessage()).startsWith("rag.csv, row 3").contains("2 cells").contains("3 columns");
    }

    @Test
    void duplicateHeaderIsRejected() {
        DataException e = assertThrows(DataException.class, () -> CsvReader.parse("d.csv", "x,y,x\n1,2,3\n"));
        assertThat(e.getMessage()).contains("d.csv").contains("column 'x'").contains("duplicate");
    }

    @Test
    void emptyFileAndHeaderOnlyAreRejected() {
        assertThat(assertThrows(DataException.class, () -> CsvReader.parse("e.csv", "")).getMessage())
                .contains("e.csv").contains("empty");
        assertThat(assertThrows(DataException.class, () -> CsvReader.parse("h.csv", "x,y\n")).getMessage())
                .contains("no data rows");
    }

    @Test
    void missingFileIsADataException() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(java.nio.file.Path.of("/nonexistent/file.csv")));
        assertThat(e.getMessage()).contains("/nonexistent/file.csv").contains("not found");
    }

    @Test
    void roundTripsThroughWriter() {
        Table t = CsvReader.parse("a.csv", "x [mm],name\n1.5,\"a,b\"\n2,c\n");
        Table back = CsvReader.parse("b.csv", CsvWriter.toCsv(t));
        assertThat(back.names()).isEqualTo(t.names());
        assertThat(back.units()).isEqualTo(t.units());
        assertThat(back.row(0)).isEqualTo(t.row(0));
        assertThat(back.sha256()).isNotEmpty();
    }
}
