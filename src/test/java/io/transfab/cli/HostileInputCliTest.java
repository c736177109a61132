package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.testing.HostilePngs;
import io.transfab.testing.HybridFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile tables at the command line: exit 2, one line naming file, row and column, nothing written. */
class HostileInputCliTest {
    @TempDir
    Path root;
    Path tables;

    @BeforeEach
    void projectWithTablesAndImagesSideBySide() throws IOException {
        tables = Files.createDirectories(root.resolve("tables"));
        Path images = Files.createDirectories(root.resolve("images"));
        SplittableRandom rng = new SplittableRandom(5);
        HybridFixtures.writeImage(tables.resolve("a.png"), 8, 0.3, rng);
        HybridFixtures.writeImage(tables.resolve("b.png"), 8, 0.6, rng);
        Files.write(images.resolve("huge.png"), HostilePngs.headerOnly(100_000, 100_000));
    }

    /** Third data row (line 4) names an image in the sibling folder. */
    private static final String TABLE = "x,image,y\n1,a.png,2\n2,b.png,3\n3,../images/huge.png,4\n";

    private static void assertRefused(CliTestSupport.Run r, Path out, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void pretrainRefusesAPathOutOfTheTablesFolder() throws IOException {
        // Given a media table whose third row names ../images/huge.png
        Path t = Files.writeString(tables.resolve("t.csv"), TABLE);
        Path out = root.resolve("model");
        // When pre-training on it without --media-root
        CliTestSupport.Run r = CliTestSupport.run("pretrain", "--data", t.toString(), "--features", "x,image", "--targets", "y", "--out",
                out.toString(), "--quiet");
        // Then exit 2 naming the cell and the rule
        assertRefused(r, out, "t.csv, row 4, column 'image'", "leads outside", "--media-root");
    }

    @Test
    void mediaRootLetsThePathThroughToTheNextCheck() throws IOException {
        // Given the same table and --media-root at the project folder
        Path t = Files.writeString(tables.resolve("t.csv"), TABLE);
        Path out = root.resolve("model");
        // When pre-training, Then the path is accepted and the file's 100000 x 100000 header is what stops it
        CliTestSupport.Run r = CliTestSupport.run("pretrain", "--data", t.toString(), "--features", "x,image", "--targets", "y", "--out",
                out.toString(), "--media-root", root.toString(), "--quiet");
        assertRefused(r, out, "t.csv, row 4, column 'image'", "100000x100000 pixels");
    }

    @Test
    void aBinaryFileGivenAsTableIsNotATextTable() throws IOException {
        // Given a PNG renamed to .csv
        Path fake = Files.copy(tables.resolve("a.png"), tables.resolve("photo.csv"));
        Path out = root.resolve("ridge");
        // When training on it, Then exit 2 with "not a text table" (no bytes echoed as column names)
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", fake.toString(), "--targets", "y", "--model",
                "ridge", "--out", out.toString(), "--quiet");
        assertRefused(r, out, "photo.csv", "not a text table");
    }
}
