package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateGdlCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTableAndReadableImagesOfTheRequestedSize() throws Exception {
        // Given a small felt run with 32x32 images
        Path csv = dir.resolve("felt.csv");
        // When the command runs
        CliTestSupport.Run run = CliTestSupport.run("simulate", "gdl", "--family", "felt", "--rows", "6",
                "--image-size", "32", "--out", csv.toString(), "--seed", "3", "--quiet");
        // Then it succeeds and every image path in the table is a readable 32x32 grey PNG beside the table
        assertThat(run.status()).as(run.err()).isZero();
        Table t = CsvReader.read(csv);
        assertThat(t.rowCount()).isEqualTo(6);
        int col = t.indexOf("image");
        for (int r = 0; r < t.rowCount(); r++) {
            Path png = csv.getParent().resolve(t.cell(r, col));
            assertThat(png).exists();
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isEqualTo(32);
            assertThat(img.getHeight()).isEqualTo(32);
        }
        assertThat(t.cell(0, col)).isEqualTo("images/felt/00001.png");
        // and no temporary directory is left behind
        try (var files = Files.list(dir.resolve("images"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("felt");
        }
    }

    @Test
    void noImagesWritesTheTableOnly() throws Exception {
        Path csv = dir.resolve("paper.csv");
        CliTestSupport.Run run = CliTestSupport.run("simulate", "gdl", "--rows", "4", "--no-images",
                "--clustering", "column", "--out", csv.toString(), "--quiet");
        assertThat(run.status()).as(run.err()).isZero();
        Table t = CsvReader.read(csv);
        assertThat(t.has("image")).isFalse();
        assertThat(t.has("fibre_clustering")).isTrue();
        assertThat(dir.resolve("images")).doesNotExist();
    }

    @Test
    void badFamilyOrImageSizeExitsWithStatusTwo() {
        Path csv = dir.resolve("x.csv");
        CliTestSupport.Run family = CliTestSupport.run("simulate", "gdl", "--family", "foam", "--rows", "2", "--out",
                csv.toString());
        CliTestSupport.Run size = CliTestSupport.run("simulate", "gdl", "--image-size", "4", "--rows", "2", "--out",
                csv.toString());
        assertThat(family.status()).isEqualTo(2);
        assertThat(family.err()).contains("foam").doesNotContain("Exception");
        assertThat(size.status()).isEqualTo(2);
        assertThat(csv).doesNotExist();
    }

    @Test
    void electrodeDryingProfileAddsTheSeriesColumn() throws Exception {
        Path csv = dir.resolve("nmc.csv");
        CliTestSupport.Run run = CliTestSupport.run("simulate", "electrode", "--rows", "3", "--drying-profile",
                "--out", csv.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Table t = CsvReader.read(csv);
        assertThat(t.cell(0, t.indexOf("drying_profile_c"))).startsWith("[").endsWith("]");
    }
}
