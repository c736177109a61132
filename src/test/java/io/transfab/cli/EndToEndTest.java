package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate -> pretrain -> finetune -> train -> predict through the command line, on small data. */
class EndToEndTest {
    @TempDir
    Path dir;

    private static void ok(CliTestSupport.Run r) {
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    void wholePipelineFromTheCommandLine() throws Exception {
        // Given simulated source and target tables
        Path src = dir.resolve("nmc.csv");
        Path tgt = dir.resolve("sigr.csv");
        ok(CliTestSupport.run("simulate", "electrode", "--chemistry", "nmc", "--rows", "300", "--seed", "1",
                "--out", src.toString()));
        ok(CliTestSupport.run("simulate", "electrode", "--chemistry", "si-graphite", "--rows", "12", "--seed", "2",
                "--out", tgt.toString()));
        assertThat(CsvReader.read(src).rowCount()).isEqualTo(300);
        String features = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,coating_speed_m_min,"
                + "drying_temp_c,calender_line_load_n_mm";

        // When pre-training, fine-tuning with auto, training a GP and predicting
        Path base = dir.resolve("base");
        ok(CliTestSupport.run("pretrain", "--data", src.toString(), "--features", features, "--targets",
                "density_g_cm3,porosity", "--ensemble", "2", "--epochs", "30", "--out", base.toString(), "--quiet"));
        Path ft = dir.resolve("ft");
        CliTestSupport.Run fine = CliTestSupport.run("finetune", "--base", base.toString(), "--data", tgt.toString(),
                "--epochs", "40", "--out", ft.toString(), "--quiet");
        ok(fine);
        Path gp = dir.resolve("gp");
        ok(CliTestSupport.run("train", "--data", tgt.toString(), "--features", features, "--targets",
                "density_g_cm3", "--model", "gp", "--out", gp.toString(), "--quiet"));
        Path preds = dir.resolve("preds.csv");
        CliTestSupport.Run pr = CliTestSupport.run("predict", "--model", ft.toString(), "--data", tgt.toString(),
                "--out", preds.toString());
        ok(pr);

        // Then auto reports its choice, the model carries its provenance, and predictions have mean and std
        assertThat(fine.out()).contains("auto compared").contains("<- chosen").contains("why:")
                .contains("Coverage:").contains("solid_content_wt_pct");
        var json = Json.read(ft.resolve("model.json"));
        assertThat(json.path("formatVersion").asInt()).isEqualTo(TrainedModel.FORMAT_VERSION);
        assertThat(json.at("/provenance/dataSha256").asText()).hasSize(64);
        assertThat(json.at("/provenance/baseDataSha256").asText()).isEqualTo(
                Json.read(base.resolve("model.json")).at("/provenance/dataSha256").asText());
        assertThat(json.at("/provenance/versions/djl").asText()).isNotEqualTo("unknown");
        assertThat(json.at("/training/details/selection/chosen").asText()).isNotEmpty();
        assertThat(json.at("/schema/features/2/unit").asText()).isEqualTo("wt%");
        Table out = CsvReader.read(preds);
        assertThat(out.names()).contains("density_g_cm3_pred", "density_g_cm3_std", "porosity_pred", "porosity_std");
        assertThat(out.rowCount()).isEqualTo(12);
        assertThat(Double.isFinite(out.number(0, out.indexOf("density_g_cm3_std")))).isTrue();
        assertThat(pr.out()).contains("R2");
        // no temporaries are left; the hidden .NAME.transfab markers of the CSVs written are all that is hidden
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted()
                .toList()).containsExactly(".nmc.csv.transfab", ".preds.csv.transfab", ".sigr.csv.transfab");
    }

    @Test
    void sameSeedSameResult() throws Exception {
        Path src = dir.resolve("s.csv");
        ok(CliTestSupport.run("simulate", "electrode", "--rows", "80", "--seed", "5", "--out", src.toString()));
        for (String name : new String[] {"a", "b"}) {
            ok(CliTestSupport.run("train", "--data", src.toString(), "--targets", "density_g_cm3", "--features",
                    String.join(",", io.transfab.simulate.ElectrodeParameters.names()),
                    "--model", "mlp", "--epochs", "20", "--ensemble", "2", "--seed", "9",
                    "--out", dir.resolve(name).toString(), "--quiet"));
            ok(CliTestSupport.run("predict", "--model", dir.resolve(name).toString(), "--data", src.toString(),
                    "--out", dir.resolve(name + ".csv").toString()));
        }
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo(Files.readString(dir.resolve("b.csv")));
    }

    @Test
    void targetTableWithFewerPropertiesFineTunesThoseOnly() throws Exception {
        // Given a base model of density and porosity, and target rows that measured density only
        Path src = dir.resolve("s.csv");
        ok(CliTestSupport.run("simulate", "electrode", "--rows", "150", "--seed", "3", "--out", src.toString()));
        String features = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,coating_speed_m_min,"
                + "drying_temp_c,calender_line_load_n_mm";
        Path base = dir.resolve("base");
        ok(CliTestSupport.run("pretrain", "--data", src.toString(), "--features", features, "--targets",
                "density_g_cm3,porosity", "--ensemble", "2", "--epochs", "20", "--out", base.toString(), "--quiet"));
        Path tgt = dir.resolve("t.csv");
        ok(CliTestSupport.run("simulate", "electrode", "--chemistry", "graphite", "--rows", "10", "--seed", "4",
                "--out", tgt.toString()));
        Table t = CsvReader.read(tgt);
        StringBuilder csv = new StringBuilder(features + ",density_g_cm3\n");
        for (int i = 0; i < t.rowCount(); i++) {
            for (String f : features.split(",")) {
                csv.append(t.cell(i, t.indexOf(f))).append(',');
            }
            csv.append(t.cell(i, t.indexOf("density_g_cm3"))).append('\n');
        }
        Path densityOnly = Files.writeString(dir.resolve("density-only.csv"), csv.toString());
        // When fine-tuning without naming targets
        Path ft = dir.resolve("ft");
        CliTestSupport.Run r = CliTestSupport.run("finetune", "--base", base.toString(), "--data",
                densityOnly.toString(), "--strategy", "l2sp", "--epochs", "20", "--out", ft.toString(), "--quiet");
        // Then only density is fine-tuned and predicted
        ok(r);
        assertThat(r.out()).contains("Fine-tuning density_g_cm3 of the base model's targets");
        assertThat(Json.read(ft.resolve("model.json")).at("/schema/targets")).hasSize(1);
        Path preds = dir.resolve("p.csv");
        ok(CliTestSupport.run("predict", "--model", ft.toString(), "--data", densityOnly.toString(), "--out",
                preds.toString()));
        assertThat(CsvReader.read(preds).names()).contains("density_g_cm3_pred").doesNotContain("porosity_pred");
    }
}
