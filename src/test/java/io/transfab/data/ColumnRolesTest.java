package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnRolesTest {
    @TempDir
    Path dir;

    private static final String CSV = "id,gap [um],speed,batch,density\na,100,1,b1,2.5\nb,150,2,b2,1.5\n";

    @Test
    void theRolesFileSitsBesideTheTable() {
        // Given / When / Then x.csv -> x.roles.yaml, in the same folder
        assertThat(ColumnRoles.fileFor(Path.of("data/x.csv"))).isEqualTo(Path.of("data/x.roles.yaml"));
        assertThat(ColumnRoles.fileFor(Path.of("runs"))).isEqualTo(Path.of("runs.roles.yaml"));
    }

    @Test
    void writtenRolesReadBackAndChooseTheColumns() throws IOException {
        // Given roles as a role picker would write them beside a table
        Path csv = Files.writeString(dir.resolve("x.csv"), CSV);
        Map<String, ColumnRoles.Role> m = new LinkedHashMap<>();
        m.put("gap", ColumnRoles.Role.FEATURE);
        m.put("speed", ColumnRoles.Role.FEATURE);
        m.put("density", ColumnRoles.Role.TARGET);
        m.put("batch", ColumnRoles.Role.GROUP);
        m.put("id", ColumnRoles.Role.IGNORE);
        new ColumnRoles(m).write(ColumnRoles.fileFor(csv));
        Table t = CsvReader.read(csv);
        // When the columns are chosen without options
        ColumnChoice c = ColumnChoice.of(csv, t, List.of(), List.of(), List.of(), null, null);
        // Then the file's roles are used, in file order
        assertThat(ColumnRoles.read(dir.resolve("x.roles.yaml")).roles()).isEqualTo(m);
        assertThat(c.features()).containsExactly("gap", "speed");
        assertThat(c.targets()).containsExactly("density");
        assertThat(c.group()).isEqualTo("batch");
        assertThat(c.ignore()).contains("id", "batch");
        // And an option overrides the file's role
        assertThat(ColumnChoice.of(csv, t, List.of("speed"), List.of(), List.of(), null, null).features())
                .containsExactly("speed");
    }

    @Test
    void anUnknownRoleOrColumnIsADataExceptionNamingTheFile() throws IOException {
        // Given a roles file with a misspelt role, and one naming a column the table lacks
        Path csv = Files.writeString(dir.resolve("x.csv"), CSV);
        Table t = CsvReader.read(csv);
        Path roles = Files.writeString(ColumnRoles.fileFor(csv), "columns:\n  gap: feture\n  density: target\n");
        // When read, then each is refused naming the file and what is wrong
        assertThat(assertThrows(DataException.class, () -> ColumnRoles.beside(csv, t)).getMessage())
                .startsWith(roles.toString()).contains("column 'gap'").contains("feture")
                .contains("feature, target, group, domain, ignore");
        Files.writeString(roles, "columns:\n  gapp: feature\n  density: target\n");
        assertThat(assertThrows(DataException.class, () -> ColumnRoles.beside(csv, t)).getMessage())
                .startsWith(roles.toString()).contains("column 'gapp' is not in");
        Files.writeString(roles, "gap: feature\n");
        assertThat(assertThrows(DataException.class, () -> ColumnRoles.read(roles)).getMessage())
                .startsWith(roles.toString()).contains("columns:");
        Files.writeString(roles, "columns:\n  gap: feature\n  gap: target\n");
        assertThat(assertThrows(DataException.class, () -> ColumnRoles.read(roles)).getMessage())
                .startsWith(roles.toString()).contains("gap");
    }

    @Test
    void dropIncompleteSkipsRowsWithABlankInAUsedColumnOnly() {
        // Given rows with blanks in a used column (gap) and in an unused one (id)
        Table t = CsvReader.parse("t.csv", "id,gap,density\na,100,2.5\n,110,2.0\nc,,2.6\nd,130,\ne,140,2.9\n");
        ColumnChoice c = new ColumnChoice(List.of("gap"), List.of("density"), List.of(), null, null, null);
        // When incomplete rows are dropped
        ColumnChoice.Completed done = c.dropIncomplete(t);
        // Then the rows with a blank gap or density go (file rows 4 and 5), the blank id is kept
        assertThat(done.dropped()).isEqualTo(2);
        assertThat(done.droppedLines()).containsExactly(4, 5);
        assertThat(done.table().rowCount()).isEqualTo(3);
        assertThat(done.table().line(2)).isEqualTo(6);
    }
}
