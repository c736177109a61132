package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transfab suggest} and {@code transfab optimize} end to end on a small ridge model. */
class SuggestCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path space;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        StringBuilder sb = new StringBuilder("gap [um],load,binder,density [g/cm3],capacity [mAh/cm2]\n");
        for (int i = 0; i < 16; i++) {
            double gap = 100 + 10 * i;
            int load = i % 4;
            sb.append(gap).append(',').append(load).append(',').append(i % 2 == 0 ? "PVDF" : "CMC").append(',')
                    .append(2 + 0.01 * i + 0.05 * load).append(',').append(0.02 * gap - 0.3 * load).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), sb.toString());
        model = dir.resolve("model");
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", data.toString(), "--targets",
                "density,capacity", "--features", "gap,load,binder",
                "--model", "ridge", "--out", model.toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
        space = Files.writeString(dir.resolve("space.yaml"), """
                parameters:
                  - {name: gap, type: continuous, min: 100, max: 250, step: 5}
                  - {name: load, type: integer, min: 0, max: 3}
                  - {name: binder, type: categorical, levels: [PVDF, CMC]}
                constraints:
                  - "gap + 20*load <= 260"
                """);
    }

    private static Table read(Path p) throws IOException {
        return CsvReader.read(p);
    }

    @Test
    void suggestWritesParametersPredictionsAndAcquisition() throws IOException {
        // Given a ridge model and a space, When suggest runs for target:density=2.1
        Path out = dir.resolve("next.csv");
        CliTestSupport.Run r = CliTestSupport.run("suggest", "--model", model.toString(), "--space", space.toString(),
                "--n", "4", "--goal", "target:density=2.1", "--seed", "3", "--out", out.toString());
        // Then exit 0 and the columns are parameters, <Y>_pred, <Y>_std per target, acquisition, then
        // the 90 % interval per target
        assertThat(r.status()).as(r.err()).isZero();
        Table t = read(out);
        assertThat(t.names()).containsExactly("gap", "load", "binder", "density_pred", "density_std",
                "capacity_pred", "capacity_std", "acquisition", "density_lower", "density_upper", "capacity_lower",
                "capacity_upper");
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(t.number(i, t.indexOf("density_lower"))).isLessThan(t.number(i, t.indexOf("density_pred")));
            assertThat(t.number(i, t.indexOf("density_upper"))).isGreaterThan(t.number(i, t.indexOf("density_pred")));
        }
        assertThat(t.rowCount()).isEqualTo(4);
        for (int i = 0; i < t.rowCount(); i++) {
            assertThat(t.number(i, 0) + 20 * t.number(i, 1)).isLessThanOrEqualTo(260);
            assertThat(t.number(i, 0) % 5).isZero();
            assertThat(List.of("PVDF", "CMC")).contains(t.cell(i, 2));
        }
        assertThat(r.out()).contains("Suggest: target:density=2.1, 4 points");
    }

    @Test
    void optimizeWritesTheTopSets() throws IOException {
        Path out = dir.resolve("best.csv");
        CliTestSupport.Run r = CliTestSupport.run("optimize", "--model", model.toString(), "--space",
                space.toString(), "--goal", "target:density=2.1,max:capacity", "--n", "3", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Table t = read(out);
        assertThat(t.names()).containsExactly("gap", "load", "binder", "density_pred", "density_std",
                "capacity_pred", "capacity_std", "score", "density_lower", "density_upper", "capacity_lower",
                "capacity_upper");
        assertThat(t.rowCount()).isEqualTo(3);
    }

    @Test
    void badGoalsTargetsAndSpacesExitWithStatus2() throws IOException {
        Path out = dir.resolve("bad.csv");
        // unknown goal
        CliTestSupport.Run g = CliTestSupport.run("suggest", "--model", model.toString(), "--space",
                space.toString(), "--n", "3", "--goal", "best:density", "--out", out.toString());
        assertThat(g.status()).isEqualTo(2);
        assertThat(g.err()).contains("unknown goal 'best:density'");
        // unknown target column
        CliTestSupport.Run t = CliTestSupport.run("suggest", "--model", model.toString(), "--space",
                space.toString(), "--n", "3", "--goal", "maximize:porosity", "--out", out.toString());
        assertThat(t.status()).isEqualTo(2);
        assertThat(t.err()).contains("no target 'porosity'").contains("density, capacity");
        // a model feature missing from the space
        Path partial = Files.writeString(dir.resolve("partial.yaml"), """
                parameters:
                  - {name: gap, type: continuous, min: 100, max: 250}
                  - {name: load, type: integer, min: 0, max: 3}
                """);
        CliTestSupport.Run m = CliTestSupport.run("suggest", "--model", model.toString(), "--space",
                partial.toString(), "--n", "3", "--goal", "maximize:capacity", "--out", out.toString());
        assertThat(m.status()).isEqualTo(2);
        assertThat(m.err()).contains("partial.yaml").contains("'binder'");
        // a level outside (0, 1), and an unknown optimize term
        CliTestSupport.Run e = CliTestSupport.run("suggest", "--model", model.toString(), "--space",
                space.toString(), "--n", "3", "--goal", "explore", "--level", "1.5", "--out", out.toString());
        assertThat(e.status()).isEqualTo(2);
        assertThat(e.err()).contains("--level");
        CliTestSupport.Run o = CliTestSupport.run("optimize", "--model", model.toString(), "--space",
                space.toString(), "--goal", "target:density=2.1,best:capacity", "--out", out.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(Files.exists(out)).isFalse();
    }
}
