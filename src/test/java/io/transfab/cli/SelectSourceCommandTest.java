package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.transfer.SourceSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectSourceCommandTest {
    private static final String FEATURES = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,"
            + "coating_speed_m_min,drying_temp_c,calender_line_load_n_mm";

    @TempDir
    static Path dir;

    @BeforeAll
    static void simulate() throws Exception {
        sim("nmc", 150, 1, "nmc.csv");
        sim("graphite", 150, 2, "graphite.csv");
        sim("nmc", 18, 3, "target.csv");
        Table g = CsvReader.read(dir.resolve("graphite.csv"));
        List<String> keep = new ArrayList<>(g.names());
        keep.remove("porosity");
        CsvWriter.write(SourceSelection.project(g, keep), dir.resolve("no-porosity.csv"));
    }

    private static void sim(String chemistry, int rows, int seed, String file) {
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--chemistry", chemistry, "--rows",
                String.valueOf(rows), "--seed", String.valueOf(seed), "--out", dir.resolve(file).toString());
        assertEquals(0, r.status(), r.err());
    }

    private static String p(String file) {
        return dir.resolve(file).toString();
    }

    @Test
    void ranksTheSourcesAndTheirUnionAndPretrainsABaseThatFinetuneAccepts() throws Exception {
        // Given two candidate sources and a small target
        Path out = dir.resolve("sel");
        // When select-source runs with a small network and few epochs
        CliTestSupport.Run r = CliTestSupport.run("select-source", "--source", p("nmc.csv"), "--source",
                p("graphite.csv"), "--target", p("target.csv"), "--features", FEATURES, "--targets", "porosity",
                "--folds", "3", "--cv-epochs", "30", "--epochs", "30", "--hidden", "16,16", "--ensemble", "1",
                "--out", out.toString(), "--quiet");
        // Then it prints and writes a ranking of three candidates and a base model for finetune
        assertEquals(0, r.status(), r.err());
        assertThat(r.out()).contains("rank").contains("nmc.csv").contains("graphite.csv").contains("union")
                .contains("scratch").contains("Pre-trained on");
        Table ranking = CsvReader.read(out.resolve("ranking.csv"));
        assertEquals(3, ranking.rowCount());
        assertEquals("1", ranking.cell(0, ranking.indexOf("rank")));
        JsonNode json = Json.read(out.resolve("ranking.json"));
        assertEquals(ranking.cell(0, ranking.indexOf("candidate")), json.get("pretrainedOn").asText());
        assertEquals(300, CsvReader.read(out.resolve("union.csv")).rowCount());
        CliTestSupport.Run ft = CliTestSupport.run("finetune", "--base", out.resolve("base").toString(), "--data",
                p("target.csv"), "--strategy", "head", "--epochs", "20", "--out", dir.resolve("ft").toString(),
                "--quiet");
        assertEquals(0, ft.status(), ft.err());
    }

    @Test
    void aSourceMissingAColumnIsBadInputNamingFileAndColumn() {
        // Given a second source without the target column porosity
        CliTestSupport.Run r = CliTestSupport.run("select-source", "--source", p("nmc.csv"), "--source",
                p("no-porosity.csv"), "--target", p("target.csv"), "--features", FEATURES, "--targets", "porosity",
                "--out", dir.resolve("bad").toString(), "--quiet");
        // Then exit status 2 names the file and the column
        assertEquals(2, r.status());
        assertThat(r.err()).contains("no-porosity.csv").contains("porosity").doesNotContain("Exception");
    }

    @Test
    void pretrainingOnTheUnionNeedsTwoSources() {
        // Given one source and --pretrain union: refused before any training
        CliTestSupport.Run r = CliTestSupport.run("select-source", "--source", p("nmc.csv"), "--target",
                p("target.csv"), "--targets", "porosity", "--features", "x", "--pretrain", "union",
                "--out", dir.resolve("u").toString());
        assertEquals(2, r.status());
        assertThat(r.err()).contains("--pretrain union");
    }
}
