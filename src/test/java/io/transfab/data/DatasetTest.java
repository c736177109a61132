package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final String CSV = "id,binder,gap [um],load,density\n"
            + "a,PVDF,100,1,2.5\nb,CMC,150,2,1.5\nc,PVDF,120,3,2.6\n";
    private static final List<String> FEATURES = List.of("binder", "gap", "load");

    @Test
    void namedFeaturesAreTypedFromTheirCells() {
        // Given a table with an id column, a categorical binder and numeric parameters
        Table t = CsvReader.parse("t.csv", CSV);
        // When the schema is inferred with density as target and three named features
        Schema s = Schema.infer(t, FEATURES, List.of("density"), List.of("id"));
        // Then binder is categorical with sorted categories and the rest numeric
        assertThat(s.featureNames()).containsExactly("binder", "gap", "load");
        assertThat(s.features().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(s.features().get(0).categories()).containsExactly("CMC", "PVDF");
        assertThat(s.features().get(1).unit()).isEqualTo("um");
        assertThat(s.encodedNames()).containsExactly("binder=CMC", "binder=PVDF", "gap", "load");
    }

    @Test
    void oneHotEncodesCategories() {
        Table t = CsvReader.parse("t.csv", CSV);
        Schema s = Schema.infer(t, FEATURES, List.of("density"), List.of("id"));
        Dataset d = Dataset.of(t, s);
        Approx.assertClose(d.x()[1], new double[] {1, 0, 150, 2}, 0, 0, "row 1");
        Approx.assertClose(d.y()[2], new double[] {2.6}, 0, 1e-12, "y");
    }

    @Test
    void unseenCategoryAtPredictionIsAClearError() {
        Table t = CsvReader.parse("t.csv", CSV);
        Schema s = Schema.infer(t, FEATURES, List.of("density"), List.of("id"));
        Table fresh = CsvReader.parse("new.csv", "binder,gap,load\nPAA,100,1\n");
        DataException e = assertThrows(DataException.class, () -> Dataset.featuresOnly(fresh, s));
        assertThat(e.getMessage()).contains("new.csv, row 2, column 'binder'").contains("PAA").contains("CMC, PVDF");
    }

    @Test
    void missingFeatureColumnIsNamed() {
        Table t = CsvReader.parse("t.csv", CSV);
        Schema s = Schema.infer(t, FEATURES, List.of("density"), List.of("id"));
        Table fresh = CsvReader.parse("new.csv", "binder,gap\nPVDF,100\n");
        DataException e = assertThrows(DataException.class, () -> Dataset.featuresOnly(fresh, s));
        assertThat(e.getMessage()).contains("new.csv").contains("column 'load'").contains("missing");
    }

    @Test
    void nonFiniteTargetIsRejectedWithRowAndColumn() {
        Table t = CsvReader.parse("t.csv", "x,y\n1,2\n2,NaN\n3,4\n");
        Schema s = Schema.infer(t, List.of("x"), List.of("y"), List.of());
        DataException e = assertThrows(DataException.class, () -> Dataset.of(t, s));
        assertThat(e.getMessage()).startsWith("t.csv, row 3, column 'y'");
        Table inf = CsvReader.parse("i.csv", "x,y\n1,inf\n2,3\n3,4\n");
        assertThat(assertThrows(DataException.class, () -> Dataset.of(inf, Schema.infer(inf, List.of("x"), List.of("y"),
                List.of()))).getMessage()).startsWith("i.csv, row 2, column 'y'");
    }

    @Test
    void nonNumericCellInNumericColumnIsRejected() {
        Table t = CsvReader.parse("t.csv", "x,y\n1,2\n2,3\nabc,4\n5,6\n");
        Schema s = Schema.infer(t, List.of("x"), List.of("y"), List.of());
        DataException e = assertThrows(DataException.class, () -> Dataset.of(t, s));
        assertThat(e.getMessage()).startsWith("t.csv, row 4, column 'x'").contains("'abc'");
    }

    @Test
    void unknownTargetOrFeatureIsNamed() {
        Table t = CsvReader.parse("t.csv", CSV);
        assertThat(assertThrows(DataException.class, () -> Schema.infer(t, FEATURES, List.of("porosity"),
                List.of())).getMessage()).contains("column 'porosity'").contains("--targets");
        assertThat(assertThrows(DataException.class, () -> Schema.infer(t, List.of("speed"), List.of("density"),
                List.of())).getMessage()).contains("column 'speed'").contains("--features");
    }

    @Test
    void noFeaturesIsRefusedWithTheCandidatesInOneLine() {
        // Given a table with an id, three parameters and a target
        Table t = CsvReader.parse("runs.csv", CSV);
        // When no features are named
        DataException e = assertThrows(DataException.class, () -> Schema.infer(t, List.of(), List.of("density"),
                List.of("id")));
        // Then one line names the file, the roles file and every candidate (not the target, not the ignored id)
        assertThat(e.getMessage()).isEqualTo("runs.csv: no features given; name the manufacturing parameters with "
                + "--features or in runs.roles.yaml (candidates: binder, gap, load)");
    }

    @Test
    void aColumnNamedTwiceOrAsBothFeatureAndTargetIsRefused() {
        Table t = CsvReader.parse("t.csv", CSV);
        // Given / When a feature listed twice, a target listed twice and a feature that is also a target
        // Then each is refused naming the column
        assertThat(assertThrows(DataException.class, () -> Schema.infer(t, List.of("gap", "load", "gap"),
                List.of("density"), List.of())).getMessage()).contains("column 'gap'").contains("twice in --features");
        assertThat(assertThrows(DataException.class, () -> Schema.infer(t, List.of("gap"),
                List.of("density", "density"), List.of())).getMessage()).contains("column 'density'")
                .contains("twice in --targets");
        assertThat(assertThrows(DataException.class, () -> Schema.infer(t, List.of("gap", "density"),
                List.of("density"), List.of())).getMessage()).contains("column 'density'")
                .contains("both a feature and a target");
    }

    @Test
    void aBlankCellNamesFileRowColumnAndSuggestsDropIncomplete() {
        // Given a table whose third data row has no gap
        Table t = CsvReader.parse("t.csv", "gap,density\n100,2.5\n150,1.5\n,2.6\n");
        Schema s = Schema.infer(t, List.of("gap"), List.of("density"), List.of());
        // When it is encoded
        DataException e = assertThrows(DataException.class, () -> Dataset.of(t, s));
        // Then the message names file, row and column and points to --drop-incomplete
        assertThat(e.getMessage()).startsWith("t.csv, row 4, column 'gap': empty cell").contains("--drop-incomplete");
    }

    @Test
    void aSingleRowIsRefusedForTraining() {
        // Given a table with one data row
        Table t = CsvReader.parse("one.csv", "gap,density\n100,2.5\n");
        // When it is checked for training
        DataException e = assertThrows(DataException.class, () -> Dataset.requireTrainingRows(t));
        // Then the message says why
        assertThat(e.getMessage()).isEqualTo("one.csv: has 1 data row; training needs at least 2 rows (one row has no "
                + "spread to learn or standardise from)");
    }
}
