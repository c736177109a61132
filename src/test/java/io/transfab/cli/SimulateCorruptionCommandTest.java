package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCorruptionCommandTest {
    @TempDir
    Path dir;

    @Test
    void corruptionChangesOnlyTheNamedColumnAndIsSeeded() throws Exception {
        // Given a clean table and two corrupted ones with the same seed
        Path clean = dir.resolve("clean.csv");
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        String[] corrupt = {"--corrupt", "density_g_cm3", "--outliers", "0.2:4", "--heavy-tails", "3:0.2", "--snr",
            "3"};
        assertEquals(0, CliTestSupport.run("simulate", "electrode", "--rows", "40", "--seed", "2", "--out",
                clean.toString()).status());
        for (Path p : new Path[] {a, b}) {
            String[] args = new String[corrupt.length + 8];
            System.arraycopy(new String[] {"simulate", "electrode", "--rows", "40", "--seed", "2", "--out",
                p.toString()}, 0, args, 0, 8);
            System.arraycopy(corrupt, 0, args, 8, corrupt.length);
            CliTestSupport.Run r = CliTestSupport.run(args);
            assertEquals(0, r.status(), r.err());
            assertThat(r.err()).contains("corrupted density_g_cm3");
        }
        // Then the two corrupted files are identical, and differ from the clean one in density only
        assertEquals(Files.readString(a), Files.readString(b));
        Table t = CsvReader.read(a);
        Table c = CsvReader.read(clean);
        int y = t.indexOf("density_g_cm3");
        boolean changed = false;
        for (int r = 0; r < t.rowCount(); r++) {
            for (int k = 0; k < t.columnCount(); k++) {
                if (k != y) {
                    assertEquals(c.cell(r, k), t.cell(r, k));
                }
            }
            changed |= !c.cell(r, y).equals(t.cell(r, y));
        }
        assertThat(changed).isTrue();
    }

    @Test
    void aMalformedOptionIsABadInputExit() {
        // Given --outliers without its size / When run / Then exit 2 with the usage in one line
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "10", "--corrupt", "porosity",
                "--outliers", "0.1", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.status());
        assertThat(r.err()).contains("--outliers FRACTION:SIZE");
    }
}
