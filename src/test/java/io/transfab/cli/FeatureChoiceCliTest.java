package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training commands use named features only, read roles files, skip incomplete rows on request. */
class FeatureChoiceCliTest {
    /** A real table with gaps (blank first-cycle loss, ASI and assembly voltages), copied into examples/. */
    static final Path HALF_CELLS = Path.of("examples/wmg_nmc622_halfcells.csv");
    static final String DESIGN = "coat_weight_level,target_coat_weight_gsm,roll_temp_c,target_density_g_cm3";

    @TempDir
    Path dir;

    private Path table() throws IOException {
        StringBuilder sb = new StringBuilder("id,gap,speed,porosity,density\n");
        for (int i = 0; i < 12; i++) {
            double density = 2 + 0.03 * i + 0.1 * (i % 3);
            sb.append("r").append(i).append(',').append(100 + 7 * (i % 5)).append(',').append(1 + i % 3).append(',')
                    .append(50 - 10 * density).append(',').append(density).append('\n');
        }
        return Files.writeString(dir.resolve("runs.csv"), sb.toString());
    }

    @Test
    void trainWithoutFeaturesRefusesListingTheCandidates() throws IOException {
        // Given a table with parameters and a porosity measured on the product
        Path t = table();
        // When train is run without --features
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", t.toString(), "--targets", "density",
                "--model", "ridge", "--out", dir.resolve("m").toString(), "--quiet");
        // Then exit 2 and one line listing every candidate column, and no model
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("transfab: error: " + t + ": no features given; name the manufacturing "
                + "parameters with --features or in runs.roles.yaml (candidates: id, gap, speed, porosity)");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void aRolesFileBesideTheTableNamesTheColumnsAndOptionsOverrideIt() throws IOException {
        // Given a roles file beside the table naming gap and speed as features
        Path t = table();
        Files.writeString(dir.resolve("runs.roles.yaml"), "columns:\n  id: ignore\n  gap: feature\n  speed: feature\n"
                + "  porosity: ignore\n  density: target\n");
        // When train runs without --features or --targets, and again with --features gap
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", t.toString(), "--model", "ridge", "--out",
                dir.resolve("m").toString(), "--quiet");
        CliTestSupport.Run o = CliTestSupport.run("train", "--data", t.toString(), "--features", "gap", "--model",
                "ridge", "--out", dir.resolve("m2").toString(), "--quiet");
        // Then the first model reads the file's features, the second the option's
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(TrainedModel.load(dir.resolve("m")).schema().featureNames()).containsExactly("gap", "speed");
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(TrainedModel.load(dir.resolve("m2")).schema().featureNames()).containsExactly("gap");
    }

    @Test
    void aFeatureThatMirrorsTheTargetIsWarnedAboutLoudly() throws IOException {
        // Given porosity = 50 - 10 density exactly, named as a feature
        Path t = table();
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", t.toString(), "--targets", "density",
                "--features", "gap,speed,porosity", "--model", "ridge", "--out", dir.resolve("m").toString(),
                "--quiet");
        // Then it trains but warns on stderr about porosity only
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("WARNING: feature 'porosity' is an almost exact function of target 'density'")
                .contains("rho -1.0000").doesNotContain("feature 'gap'");
    }

    @Test
    void aFeatureListedTwiceIsRefused() throws IOException {
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", table().toString(), "--targets", "density",
                "--features", "gap,speed,gap", "--model", "ridge", "--out", dir.resolve("m").toString(), "--quiet");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("column 'gap'").contains("listed twice in --features");
    }

    @Test
    void dropIncompleteTrainsOnTheRealHalfCellTableAndRecordsTheCount() {
        // Given the WMG half-cell table, whose first cell has no first-cycle loss
        // When trained on first_cycle_loss_pct without --drop-incomplete
        CliTestSupport.Run stop = CliTestSupport.run("train", "--data", HALF_CELLS.toString(), "--features", DESIGN,
                "--targets", "first_cycle_loss_pct", "--model", "ridge", "--out", dir.resolve("m").toString(),
                "--quiet");
        // Then it stops naming file, row and column and pointing to --drop-incomplete
        assertThat(stop.status()).isEqualTo(2);
        assertThat(stop.err().strip()).contains(HALF_CELLS + ", row 2, column 'first_cycle_loss_pct'")
                .contains("--drop-incomplete");
        // When trained with --drop-incomplete
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", HALF_CELLS.toString(), "--features", DESIGN,
                "--targets", "first_cycle_loss_pct", "--model", "ridge", "--drop-incomplete", "--out",
                dir.resolve("m").toString(), "--quiet");
        // Then the one incomplete row of 54 is skipped, said on stderr and recorded in the model
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("--drop-incomplete: skipped 1 of 54 rows");
        assertThat(r.out()).contains("on 53 rows");
        assertThat(TrainedModel.load(dir.resolve("m")).details()).containsEntry("incompleteRowsDropped", 1);
    }

    @Test
    void aSingleRowTableIsRefusedByEveryTrainingCommandWithOneMessage() throws IOException {
        // Given a one-row table and a base model pre-trained on a proper table
        Path one = Files.writeString(dir.resolve("one.csv"), "gap,speed,density\n100,1,2.5\n");
        Path base = dir.resolve("base");
        assertThat(CliTestSupport.run("pretrain", "--data", table().toString(), "--features", "gap,speed",
                "--targets", "density", "--ensemble", "1", "--epochs", "3", "--out", base.toString(), "--quiet")
                .status()).isZero();
        String message = one + ": has 1 data row; training needs at least 2 rows";
        // When train (every model), pretrain, finetune and assess are given it
        for (String model : new String[] {"ridge", "gp", "xgboost", "mlp"}) {
            assertRefused(CliTestSupport.run("train", "--data", one.toString(), "--features", "gap,speed",
                    "--targets", "density", "--model", model, "--out", dir.resolve("t").toString(), "--quiet"),
                    message);
        }
        assertRefused(CliTestSupport.run("pretrain", "--data", one.toString(), "--features", "gap,speed",
                "--targets", "density", "--out", dir.resolve("p").toString(), "--quiet"), message);
        assertRefused(CliTestSupport.run("finetune", "--base", base.toString(), "--data", one.toString(),
                "--strategy", "full", "--out", dir.resolve("f").toString(), "--quiet"), message);
        assertRefused(CliTestSupport.run("assess", "--source", table().toString(), "--target", one.toString(),
                "--features", "gap,speed", "--targets", "density", "--out", dir.resolve("a").toString(), "--quiet"),
                message);
    }

    private static void assertRefused(CliTestSupport.Run r, String message) {
        // Then each stops with exit 2 and the same one-line message
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(message).doesNotContain("Exception");
    }
}
