package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.design.ParameterSpace;
import io.transfab.design.SimulatorLab;
import io.transfab.simulate.Chemistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** design --method inflection / informative --base on a small pre-trained ensemble. */
class DesignInflectionCliTest {
    @TempDir
    Path dir;

    @Test
    void inflectionAndInformativePlansFromAPretrainedModel() throws Exception {
        // Given a tiny ensemble pre-trained on simulated NMC rows and the Si-graphite window with a constraint
        Path src = dir.resolve("nmc.csv");
        assertThat(CliTestSupport.run("simulate", "electrode", "--chemistry", "nmc", "--rows", "150", "--seed", "1",
                "--out", src.toString()).status()).isZero();
        Path base = dir.resolve("base");
        String features = String.join(",", io.transfab.simulate.ElectrodeParameters.names());
        CliTestSupport.Run pre = CliTestSupport.run("pretrain", "--data", src.toString(), "--features", features,
                "--targets", "density_g_cm3,porosity", "--ensemble", "2", "--hidden", "16,16", "--epochs", "30",
                "--out", base.toString(), "--quiet");
        assertThat(pre.status()).as(pre.err()).isZero();
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, SimulatorLab.spaceYaml(Chemistry.SILICON_GRAPHITE)
                + "constraints:\n  - \"comma_gap_um + 2*drying_temp_c <= 500\"\n");

        // When inflection plans are made twice with one seed, and an informative plan once
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        CliTestSupport.Run ra = CliTestSupport.run("design", "--method", "inflection", "--base", base.toString(),
                "--targets", "porosity", "--space", space.toString(), "--n", "6", "--seed", "4", "--out", a.toString());
        CliTestSupport.Run rb = CliTestSupport.run("design", "--method", "inflection", "--base", base.toString(),
                "--targets", "porosity", "--space", space.toString(), "--n", "6", "--seed", "4", "--out", b.toString());
        CliTestSupport.Run rc = CliTestSupport.run("design", "--method", "informative", "--base", base.toString(),
                "--space", space.toString(), "--n", "9", "--seed", "4", "--out", c.toString());

        // Then both succeed, runs are feasible and explained, and the same seed gives the same file
        assertThat(ra.status()).as(ra.err()).isZero();
        assertThat(rc.status()).as(rc.err()).isZero();
        assertThat(ra.out()).contains("Design: inflection, 6 runs");
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        ParameterSpace s = ParameterSpace.read(space);
        for (Path plan : new Path[] {a, c}) {
            Table t = CsvReader.read(plan);
            assertThat(t.names()).contains("reason");
            int reason = t.names().indexOf("reason");
            for (int i = 0; i < t.rowCount(); i++) {
                double[] x = new double[s.dimension()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = Double.parseDouble(t.cell(i, t.names().indexOf(s.parameters().get(j).name())));
                }
                assertThat(s.isFeasible(x)).as("%s row %d", plan, i).isTrue();
                assertThat(t.cell(i, reason)).isNotBlank();
            }
        }
        assertThat(CsvReader.read(c).rowCount()).isEqualTo(9);
        // And an unknown --targets entry is a user error naming the model's targets
        CliTestSupport.Run bad = CliTestSupport.run("design", "--method", "inflection", "--base", base.toString(),
                "--targets", "nope", "--space", space.toString(), "--n", "6", "--out", dir.resolve("d.csv").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("density_g_cm3, porosity");
    }

    @Test
    void modelMethodsNeedABaseAndOthersRefuseOne() {
        // When inflection is asked for without --base, or lhs with one, Then both are user errors (exit 2)
        Path space = dir.resolve("space.yaml");
        CliTestSupport.Run noBase = CliTestSupport.run("design", "--method", "inflection", "--space",
                space.toString(), "--n", "4", "--out", dir.resolve("p.csv").toString());
        assertThat(noBase.status()).isEqualTo(2);
        assertThat(noBase.err()).contains("--base");
        CliTestSupport.Run lhsBase = CliTestSupport.run("design", "--method", "lhs", "--base", dir.toString(),
                "--space", space.toString(), "--n", "4", "--out", dir.resolve("p.csv").toString());
        assertThat(lhsBase.status()).isEqualTo(2);
    }
}
