package io.transfab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transfab.data.ColumnRoles;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageDataTest {
    private static final Path WMG = Path.of("examples", "wmg_nmc622_calendering_conditions.csv");

    @TempDir
    Path workspace;

    private Path table(String name, String text) throws Exception {
        Path data = Files.createDirectories(workspace.resolve("data"));
        return Files.writeString(data.resolve(name), text);
    }

    @Test
    void defaultRolesNameGroupTargetAndIgnoreIdentifiersDatesAndConstants() {
        // Given a table with a group column, an id, a date, a constant, a text feature and numbers
        Table t = CsvReader.parse("t.csv", """
                group,sample_id,made_date,line,binder,constant,temp [C],density [g/cm3]
                1,a,2021-01-01,L1,pvdf,5,80,2.5
                1,b,2021-01-02,L2,pvdf,5,90,2.7
                2,c,2021-01-03,L1,cmc,5,100,2.9
                """);

        // When the Data page proposes roles
        ColumnRoles roles = PageData.defaultRoles(t);

        // Then group and domain are found, identifiers, dates and constants are left out,
        // the last numeric column is the target and the others are features
        assertThat(roles.roles()).containsExactly(
                Map.entry("group", ColumnRoles.Role.GROUP), Map.entry("sample_id", ColumnRoles.Role.IGNORE),
                Map.entry("made_date", ColumnRoles.Role.IGNORE), Map.entry("line", ColumnRoles.Role.DOMAIN),
                Map.entry("binder", ColumnRoles.Role.FEATURE), Map.entry("constant", ColumnRoles.Role.IGNORE),
                Map.entry("temp", ColumnRoles.Role.FEATURE), Map.entry("density", ColumnRoles.Role.TARGET));
    }

    @Test
    void rolesOfATableWithoutRolesFileAreDefaultsForEveryColumn() throws Exception {
        // Given a table without a roles file
        table("s.csv", "temp [C];note;density [g/cm3]\n80;a;2,5\n90;b;2,7\n");

        // When the Data page asks for its roles
        PageData.RolesView v = PageData.of(workspace).roles("s.csv");

        // Then every column has one, marked as not saved, with the roles file's name
        assertThat(v.saved()).isFalse();
        assertThat(v.file()).isEqualTo("data/s.roles.yaml");
        assertThat(v.roles()).containsExactly(Map.entry("temp", "feature"), Map.entry("note", "ignore"),
                Map.entry("density", "target"));
    }

    @Test
    void savedRolesAreTheRolesFileTheCliReads() throws Exception {
        // Given the WMG table in the workspace
        Path file = Files.createDirectories(workspace.resolve("data")).resolve("wmg.csv");
        Files.copy(WMG, file);
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("roll_temp_c", "feature");
        roles.put("target_density_g_cm3", "feature");
        roles.put("cal_density_g_cm3", "target");
        roles.put("group", "group");

        // When the page saves roles
        String saved = PageData.of(workspace).saveRoles("wmg.csv", roles);

        // Then the file beside the table reads back as the same roles and the preview uses it
        assertThat(saved).isEqualTo("data/wmg.roles.yaml");
        ColumnRoles read = ColumnRoles.beside(file, CsvReader.read(file)).orElseThrow();
        assertThat(read.named(ColumnRoles.Role.FEATURE)).containsExactly("roll_temp_c", "target_density_g_cm3");
        assertThat(read.named(ColumnRoles.Role.TARGET)).containsExactly("cal_density_g_cm3");
        PageData.RolesView v = PageData.of(workspace).roles("wmg.csv");
        assertThat(v.saved()).isTrue();
        assertThat(v.roles()).containsEntry("cal_density_g_cm3", "target").containsEntry("electrode_id", "ignore");
    }

    @Test
    void rolesNamingAnUnknownColumnOrNoTargetAreRefusedAndNothingIsWritten() throws Exception {
        // Given a table
        table("t.csv", "a,b\n1,2\n3,4\n");
        PageData pages = PageData.of(workspace);

        // When roles name a column the table lacks, or no target
        // Then the CLI's one-line error names it and no roles file appears
        assertThatThrownBy(() -> pages.saveRoles("t.csv", Map.of("zz", "target")))
                .isInstanceOf(DataException.class).hasMessageContaining("column 'zz' is not in");
        assertThatThrownBy(() -> pages.saveRoles("t.csv", Map.of("a", "feature")))
                .isInstanceOf(DataException.class).hasMessageContaining("no column has the role target");
        assertThatThrownBy(() -> pages.saveRoles("t.csv", Map.of("a", "boss")))
                .isInstanceOf(DataException.class).hasMessageContaining("unknown role 'boss'");
        assertThat(workspace.resolve("data/t.roles.yaml")).doesNotExist();
    }

    @Test
    void filesOutsideTheReadableFoldersAreNotServed() throws Exception {
        // Given a report and a file elsewhere in and beside the workspace
        Files.createDirectories(workspace.resolve("reports/r1"));
        Files.writeString(workspace.resolve("reports/r1/report.html"), "<p>ok</p>");
        Files.createDirectories(workspace.resolve("models/m"));
        Files.writeString(workspace.resolve("models/m/model.json"), "{}");
        PageData pages = PageData.of(workspace);

        // When the pages ask for them
        // Then only the report is served
        assertThat(pages.readable("reports/r1/report.html")).isRegularFile();
        for (String bad : new String[] {"models/m/model.json", "reports/../models/m/model.json", "../x.html",
                "reports/r1/.hidden.html", "/etc/passwd", "reports/r1/report.exe"}) {
            assertThatThrownBy(() -> pages.readable(bad)).as(bad).isInstanceOf(Problem.class).hasMessageContaining("no file");
        }
    }
}
