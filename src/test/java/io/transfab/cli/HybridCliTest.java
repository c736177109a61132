package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.testing.HybridFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pretrain -> finetune -> predict on a generated table of PNG images and inline series. */
class HybridCliTest {
    @TempDir
    Path dir;

    @Test
    void pretrainFinetunePredictWithImageAndSeriesColumns() throws Exception {
        // Given a source table of 40 rows and a shifted target of 12 rows, with images and profiles
        Path source = HybridFixtures.imageTable(dir.resolve("source"), 40, 16, 1);
        Path target = HybridFixtures.imageTable(dir.resolve("target"), 12, 16, 2, 1.0);
        Path base = dir.resolve("base");
        Path tuned = dir.resolve("tuned");
        Path out = dir.resolve("pred.csv");
        // When pre-trained, fine-tuned with freeze and used to predict
        CliTestSupport.Run pre = CliTestSupport.run("pretrain", "--data", source.toString(), "--targets", "y",
                "--features", "x1,x2,image,profile",
                "--ignore", "id", "--ensemble", "2", "--epochs", "3", "--quiet", "--seed", "5", "--out",
                base.toString());
        CliTestSupport.Run ft = CliTestSupport.run("finetune", "--base", base.toString(), "--data", target.toString(),
                "--ignore", "id", "--strategy", "freeze", "--epochs", "5", "--quiet", "--out", tuned.toString());
        CliTestSupport.Run pred = CliTestSupport.run("predict", "--model", tuned.toString(), "--data",
                target.toString(), "--quiet", "--out", out.toString());
        // Then each succeeds, the hybrid path is named, and predictions carry a mean and an ensemble spread
        assertThat(pre.status()).as(pre.err()).isZero();
        assertThat(pre.out()).contains("Pre-trained hybrid (2 members").contains("1 image channel(s) 16x16")
                .contains("1 series of 12 points").contains("2 tabular inputs");
        assertThat(ft.status()).as(ft.err()).isZero();
        assertThat(ft.out()).contains("hybrid-finetune:freeze");
        // and the default --normalize target is stored with the model; source and a typo are told apart
        assertThat(rescale(tuned)).isEqualTo("ALL");
        Path tunedSource = dir.resolve("tuned-source");
        CliTestSupport.Run ftSource = CliTestSupport.run("finetune", "--base", base.toString(), "--data",
                target.toString(), "--ignore", "id", "--strategy", "full", "--normalize", "source", "--epochs", "1",
                "--quiet", "--out", tunedSource.toString());
        assertThat(ftSource.status()).as(ftSource.err()).isZero();
        assertThat(rescale(tunedSource)).isEqualTo("TARGETS");
        CliTestSupport.Run typo = CliTestSupport.run("finetune", "--base", base.toString(), "--data",
                target.toString(), "--ignore", "id", "--normalize", "sauce", "--quiet", "--out",
                dir.resolve("typo").toString());
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("sauce");
        assertThat(pred.status()).as(pred.err()).isZero();
        assertThat(pred.out()).contains("R2");
        Table p = CsvReader.read(out);
        assertThat(p.rowCount()).isEqualTo(12);
        assertThat(p.number(0, p.indexOf("y_pred"))).isFinite();
        assertThat(p.number(0, p.indexOf("y_std"))).isPositive();
        // And explain takes the hybrid model, with the image and the profile as one player each
        CliTestSupport.Run explain = CliTestSupport.run("explain", "--model", tuned.toString(), "--data",
                target.toString(), "--background-size", "5", "--quiet", "--out", dir.resolve("ex").toString());
        assertThat(explain.status()).as(explain.err()).isZero();
        Table shap = CsvReader.read(dir.resolve("ex/shap.csv"));
        assertThat(shap.names()).contains("x1", "x2", "image", "profile");
        assertThat(shap.rowCount()).isEqualTo(12);
    }

    private static String rescale(Path model) throws IOException {
        return Json.MAPPER.readTree(model.resolve("model.json").toFile())
                .at("/training/details/spec/rescale").asText();
    }

    @Test
    void assessOnImageFeaturesWritesTheReportWithTheHybridMethods() throws Exception {
        // Given a source of 30 rows and a target of 10 rows with 8x8 images and profiles
        Path source = HybridFixtures.imageTable(dir.resolve("source"), 30, 8, 1);
        Path target = HybridFixtures.imageTable(dir.resolve("target"), 10, 8, 2, 0.5);
        Path out = dir.resolve("assess");
        // When assessed with the default hybrid methods, kept short by --epochs and --finetune-epochs
        CliTestSupport.Run run = CliTestSupport.run("assess", "--source", source.toString(), "--target",
                target.toString(), "--targets", "y",
                "--features", "x1,x2,image,profile", "--ignore", "id", "--sizes", "6", "--repeats", "1", "--folds",
                "2", "--ensemble", "1", "--epochs", "3", "--finetune-epochs", "3", "--jobs", "1", "--quiet",
                "--seed", "3", "--out", out.toString());
        // Then it succeeds, names the report, and the report compares the hybrid methods and the baselines
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Report: ").contains("hybrid-transfer").contains("hybrid-scratch");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("hybrid-transfer").contains("hybrid-scratch").contains("xgboost")
                .contains("Learning curves");
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"maxEpochs\" : 3");
    }

    @Test
    void assessEpochOptionsAreRefusedForTabularFeatures() throws Exception {
        // Given a purely tabular source and target
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,y\n1,2\n2,3\n3,5\n4,4\n5,6\n6,7\n");
        // When assess is given --epochs, then it stops with status 2 and says the option is for hybrids
        CliTestSupport.Run run = CliTestSupport.run("assess", "--source", csv.toString(), "--target", csv.toString(),
                "--targets", "y", "--features", "a", "--epochs", "3", "--quiet", "--out", dir.resolve("o").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--epochs").contains("image or series");
    }

    @Test
    void missingImageStopsWithExitTwoNamingFileRowAndColumn() throws Exception {
        // Given a table whose fourth image is missing
        Path source = HybridFixtures.imageTable(dir, 6, 8, 3);
        Files.delete(dir.resolve("img/s00003.png"));
        // When pre-training on it
        CliTestSupport.Run run = CliTestSupport.run("pretrain", "--data", source.toString(), "--targets", "y",
                "--features", "x1,x2,image,profile",
                "--ignore", "id", "--epochs", "1", "--quiet", "--out", dir.resolve("m").toString());
        // Then exit status 2 and one line naming table, row, column and image file
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains(source + ", row 5, column 'image'").contains("img/s00003.png")
                .doesNotContain("Exception");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void tabularTrainRefusesImageColumns() {
        // Given a table with an image column, when train --model ridge uses it, then it points to pretrain
        Path source = HybridFixtures.imageTable(dir, 6, 8, 4);
        CliTestSupport.Run run = CliTestSupport.run("train", "--data", source.toString(), "--targets", "y",
                "--features", "x1,x2,image,profile",
                "--ignore", "id", "--model", "ridge", "--quiet", "--out", dir.resolve("m").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("column 'image'").contains("hybrid");
    }
}
