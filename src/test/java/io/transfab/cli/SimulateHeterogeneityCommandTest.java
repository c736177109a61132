package io.transfab.cli;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateHeterogeneityCommandTest {
    /** SHA-256 of {@code simulate electrode --rows 60 --seed 7} as written before heterogeneity existed. */
    private static final String GOLDEN = "946fedc511ceab12dcf661fb932fed786a2f9447b9b57d86e52da5acae685eb5";

    @TempDir
    Path dir;

    @Test
    void withoutHeterogeneityOptionsTheCsvIsBitIdenticalAndNoSidecarIsWritten() throws Exception {
        // Given the plain command line
        Path out = dir.resolve("plain.csv");
        // When it runs
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "60", "--seed", "7", "--out",
                out.toString());
        // Then the bytes are today's and there is no sidecar
        assertEquals(0, r.status(), r.err());
        assertEquals(GOLDEN, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(out))));
        assertThat(dir.resolve("plain.labs.json")).doesNotExist();
    }

    @Test
    void labsCalibrationAndLotsAreWrittenWithASidecarThatExplainsTheValues() throws Exception {
        // Given three labs calibrating porosity, operator noise on adhesion and two lots
        Path out = dir.resolve("labs.csv");
        Path plain = dir.resolve("ref.csv");
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "60", "--seed", "3", "--labs", "3",
                "--calibration", "porosity:0.02:0.05", "--operator-noise", "adhesion_n_m:0.5", "--lots", "2",
                "--out", out.toString());
        CliTestSupport.Run p = CliTestSupport.run("simulate", "electrode", "--rows", "60", "--seed", "3", "--lots", "2",
                "--out", plain.toString());
        // Then the table has lot and lab columns, and porosity = gain * lots-only porosity + offset of the lab
        assertEquals(0, r.status(), r.err());
        assertEquals(0, p.status(), p.err());
        assertThat(r.out()).contains("lab1").contains("lot2").contains("labs.labs.json");
        Table t = CsvReader.read(out);
        Table ref = CsvReader.read(plain);
        assertThat(t.names()).endsWith("lot", "lab");
        JsonNode side = Json.read(dir.resolve("labs.labs.json"));
        assertEquals(3, side.get("labs").size());
        assertEquals(2, side.get("lots").size());
        int eps = t.indexOf("porosity");
        for (int i = 0; i < t.rowCount(); i++) {
            String lab = t.cell(i, t.indexOf("lab"));
            JsonNode cal = side.get("labs").get(Integer.parseInt(lab.substring(3)) - 1).get("calibrations").get(0);
            assertClose(t.number(i, eps), cal.get("gain").asDouble() * ref.number(i, eps)
                    + cal.get("offset").asDouble(), 2e-4, 1e-9, "porosity row " + i);
        }
    }

    @Test
    void anUnknownColumnIsBadInput() {
        // Given a calibration of a column the simulator does not write
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "10", "--labs", "2",
                "--calibration", "porsity:0.01:0.01", "--out", dir.resolve("x.csv").toString());
        // Then exit status 2 names the column, without a stack trace
        assertEquals(2, r.status());
        assertThat(r.err()).contains("porsity").doesNotContain("Exception");
    }
}
