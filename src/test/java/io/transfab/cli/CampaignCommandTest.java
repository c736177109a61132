package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeProperties;
import io.transfab.simulate.ElectrodeSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transfab campaign} end to end, with the NMC electrode simulator as the lab. */
class CampaignCommandTest {
    private static final ElectrodeSimulator LAB = ElectrodeSimulator.of(Chemistry.NMC);
    private static final String DENSITY = "density_g_cm3";
    private static final String CAPACITY = "areal_capacity_mah_cm2";

    @TempDir
    Path tmp;

    /** Runs a round of suggestions in the simulator (other parameters fixed) and writes the lab's results CSV. */
    private Path lab(Path suggestions, long seed) throws IOException {
        Table s = CsvReader.read(suggestions);
        StringBuilder sb = new StringBuilder("suggestion,am_wt_pct,comma_gap_um,drying_temp_c,density_g_cm3 [g/cm3],"
                + "areal_capacity_mah_cm2 [mAh/cm2]\n");
        for (int r = 0; r < s.rowCount(); r++) {
            double am = s.number(r, s.indexOf("am_wt_pct"));
            double gap = s.number(r, s.indexOf("comma_gap_um"));
            double temp = s.number(r, s.indexOf("drying_temp_c"));
            ElectrodeProperties p = LAB.evaluate(new ElectrodeParameters(am, 0.5, 68, gap, 5, temp, 800), seed + r);
            sb.append(s.cell(r, 0)).append(',').append(am).append(',').append(gap).append(',').append(temp)
                    .append(',').append(p.densityGCm3()).append(',').append(p.arealCapacityMahCm2()).append('\n');
        }
        return Files.writeString(tmp.resolve("lab-" + seed + ".csv"), sb.toString());
    }

    private static CliTestSupport.Run ok(String... args) {
        CliTestSupport.Run r = CliTestSupport.run(args);
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    @Test
    void initSuggestRecordRetrainStatusWithTheSimulatorInTheLoop() throws IOException {
        // Given a space over three NMC parameters with a constraint
        Path space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: am_wt_pct, type: continuous, min: 90, max: 96}
                  - {name: comma_gap_um, type: continuous, min: 100, max: 350, step: 5}
                  - {name: drying_temp_c, type: continuous, min: 80, max: 140}
                constraints:
                  - "am_wt_pct + 0.02*comma_gap_um <= 101"
                """);
        String c = tmp.resolve("campaign").toString();
        // When a campaign is created, 8 designed experiments are run, recorded and a model trained
        CliTestSupport.Run init = ok("campaign", "init", "--dir", c, "--space", space.toString(), "--targets",
                DENSITY + "," + CAPACITY);
        assertThat(init.out()).contains("3 parameters").contains("Gaussian process from scratch");
        CliTestSupport.Run s1 = ok("campaign", "suggest", "--dir", c, "--n", "8", "--seed", "3");
        assertThat(s1.out()).contains("Round 1 (design:lhs").contains("r1-8");
        Path round1 = Path.of(c, "rounds", "round-1", "suggestions.csv");
        CliTestSupport.Run rec = ok("campaign", "record", "--dir", c, "--data", lab(round1, 100).toString());
        assertThat(rec.out()).contains("Recorded 8 results (8 linked to suggestions); 8 in");
        CliTestSupport.Run v1 = ok("campaign", "retrain", "--dir", c, "--quiet");
        assertThat(v1.out()).contains("Model v1: gp on 8 recorded rows").contains("CV RMSE");
        // And a second, model-based round of 4 is run and recorded, and the model retrained
        CliTestSupport.Run s2 = ok("campaign", "suggest", "--dir", c, "--n", "4", "--goal", "maximize:" + CAPACITY);
        assertThat(s2.out()).contains("Round 2 (model:v1, goal maximize:" + CAPACITY + "): 4 suggestions");
        Path round2 = Path.of(c, "rounds", "round-2", "suggestions.csv");
        Table t2 = CsvReader.read(round2);
        for (int r = 0; r < t2.rowCount(); r++) {
            assertThat(t2.number(r, 1) + 0.02 * t2.number(r, 2)).isLessThanOrEqualTo(101 + 1e-9);
        }
        ok("campaign", "record", "--dir", c, "--data", lab(round2, 200).toString());
        ok("campaign", "retrain", "--dir", c, "--quiet");
        CliTestSupport.Run st = ok("campaign", "status", "--dir", c);
        // Then status shows both rounds and both versions, and writes status.json and status.csv
        assertThat(st.out()).contains("12 results, 2 rounds, 2 model versions").contains("v1").contains("v2");
        JsonNode json = Json.read(Path.of(c, "status.json"));
        assertThat(json.get("versions")).hasSize(2);
        assertThat(json.at("/versions/1/rows").asInt()).isEqualTo(12);
        assertThat(json.at("/versions/1/scores/0/meanStd").asDouble()).isPositive();
        assertThat(json.at("/rounds/1/recorded").asInt()).isEqualTo(4);
        Table csv = CsvReader.read(Path.of(c, "status.csv"));
        assertThat(csv.rowCount()).isEqualTo(2);
        assertThat(csv.cell(1, csv.indexOf("rows"))).isEqualTo("12");
    }

    @Test
    void badInputExitsWithStatus2AndAOneLineMessage() throws IOException {
        // Given a campaign
        Path space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: am_wt_pct, type: continuous, min: 90, max: 96}
                """);
        String c = tmp.resolve("campaign").toString();
        ok("campaign", "init", "--dir", c, "--space", space.toString(), "--targets", DENSITY);
        // When a result lies outside the space, a goal names an unknown target, or init targets an existing campaign
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "am_wt_pct," + DENSITY + "\n97,3.1\n");
        CliTestSupport.Run r = CliTestSupport.run("campaign", "record", "--dir", c, "--data", bad.toString());
        CliTestSupport.Run g = CliTestSupport.run("campaign", "suggest", "--dir", c, "--n", "2", "--goal",
                "maximize:porosity");
        CliTestSupport.Run i = CliTestSupport.run("campaign", "init", "--dir", c, "--space", space.toString(),
                "--targets", DENSITY);
        CliTestSupport.Run t = CliTestSupport.run("campaign", "retrain", "--dir", c);
        // Then each exits 2 with one line naming what is wrong
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv, row 2, column 'am_wt_pct': 97 is outside the space's range [90, 96]");
        assertThat(g.status()).isEqualTo(2);
        assertThat(g.err()).contains("'porosity', which is not a target of the campaign");
        assertThat(i.status()).isEqualTo(2);
        assertThat(i.err()).contains("is already a campaign");
        assertThat(t.status()).isEqualTo(2);
        assertThat(t.err()).contains("no results recorded yet");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
