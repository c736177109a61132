package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.transfab.testing.HostilePngs;
import io.transfab.testing.HybridFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image and series paths in a table stay inside its folder (or --media-root); huge images are refused unread. */
class MediaPathsTest {
    @TempDir
    Path root;
    Path tables;

    @BeforeEach
    void twoGoodImages() throws IOException {
        tables = Files.createDirectories(root.resolve("tables"));
        SplittableRandom rng = new SplittableRandom(7);
        HybridFixtures.writeImage(tables.resolve("a.png"), 8, 0.3, rng);
        HybridFixtures.writeImage(tables.resolve("b.png"), 8, 0.6, rng);
    }

    /** A table in {@code tables/} whose third data row (line 4) names {@code path}. */
    private Table tableWith(String path) throws IOException {
        return CsvReader.read(Files.writeString(tables.resolve("t.csv"),
                "x,image,y\n1,a.png,2\n2,b.png,3\n3," + path + ",4\n"));
    }

    private static DataException refusal(Table t) {
        return assertThrows(DataException.class, () -> MediaDataset.of(t, schema(t)));
    }

    private static Schema schema(Table t) {
        return Schema.infer(t, List.of("x", "image"), List.of("y"), List.of());
    }

    @Test
    void dotDotOutOfTheFolderIsRefusedNamingTheCell() throws IOException {
        // Given an image cell climbing out of the table's folder
        Table t = tableWith("../../../../../../etc/passwd");
        // When the dataset is validated, Then it is refused with file, row and column, as one line
        DataException e = refusal(t);
        assertThat(e.getMessage()).startsWith(tables.resolve("t.csv").toString()).contains("row 4, column 'image'")
                .contains("leads outside").doesNotContain("\n");
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        // Given an absolute path in an image cell (even to a file that exists inside the folder)
        Table t = tableWith(tables.resolve("a.png").toString());
        // When validated, Then it is refused as absolute
        assertThat(refusal(t).getMessage()).contains("row 4, column 'image'").contains("is absolute");
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsRefused() throws IOException {
        // Given a real image outside the folder and a link to it inside, and a linked folder
        Path outside = Files.createDirectories(root.resolve("outside"));
        HybridFixtures.writeImage(outside.resolve("secret.png"), 8, 0.5, new SplittableRandom(1));
        Files.createSymbolicLink(tables.resolve("link.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(tables.resolve("linked"), outside);
        // When a cell names the link, or a file in the linked folder
        // Then both are refused, the real path being checked
        assertThat(refusal(tableWith("link.png")).getMessage()).contains("row 4, column 'image'")
                .contains("symbolic link");
        assertThat(refusal(tableWith("linked/secret.png")).getMessage()).contains("symbolic link");
    }

    @Test
    void aSymbolicLinkWithinTheFolderIsFine() throws IOException {
        // Given a link to an image of the same folder
        Files.createSymbolicLink(tables.resolve("alias.png"), tables.resolve("a.png"));
        Table t = tableWith("alias.png");
        // When validated, Then all three rows are accepted
        assertThat(MediaDataset.of(t, schema(t)).size()).isEqualTo(3);
    }

    @Test
    void mediaRootWidensWhereFilesMayLie() throws IOException {
        // Given images in a sibling folder of the table's
        Path images = Files.createDirectories(root.resolve("images"));
        HybridFixtures.writeImage(images.resolve("c.png"), 8, 0.4, new SplittableRandom(3));
        Table t = tableWith("../images/c.png");
        // When validated without and with --media-root at the project folder
        // Then refused without, accepted with (paths still resolve against the table's folder)
        assertThat(refusal(t).getMessage()).contains("leads outside");
        Table widened = t.withMediaRoot(root);
        assertThat(MediaDataset.of(widened, schema(widened)).size()).isEqualTo(3);
        // And the widened root still stops a path that leaves it
        Table escaping = tableWith("../../c.png").withMediaRoot(root);
        assertThat(refusal(escaping).getMessage()).contains("leads outside");
    }

    @Test
    void seriesFilesStayInsideToo() throws IOException {
        // Given series cells, one naming a CSV file outside the folder
        Files.writeString(root.resolve("secret.csv"), "t,v\n0,1\n1,2\n");
        Files.writeString(tables.resolve("s1.csv"), "t,v\n0,1\n1,2\n");
        Table t = CsvReader.read(Files.writeString(tables.resolve("s.csv"),
                "x,profile,y\n1,s1.csv,2\n2,[1;2;3],3\n3,../secret.csv,4\n"));
        // When the schema is inferred (every series is read), Then the escaping one is refused
        DataException e = assertThrows(DataException.class,
                () -> Schema.infer(t, List.of("x", "profile"), List.of("y"), List.of()));
        assertThat(e.getMessage()).contains("row 4, column 'profile'").contains("leads outside");
    }

    @Test
    void aHugeImageHeaderIsRefusedBeforeDecoding() throws IOException {
        // Given a PNG of a few hundred bytes whose header announces 100000 x 100000 pixels
        byte[] png = HostilePngs.headerOnly(100_000, 100_000);
        Files.write(tables.resolve("huge.png"), png);
        assertThat(png.length).isLessThan(1000);
        Table t = tableWith("huge.png");
        // When validated (the hang guard only stops a decoder that ignored the limit)
        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> refusal(t));
        // Then the size in pixels is named with the cell
        assertThat(e.getMessage()).contains("row 4, column 'image'").contains("100000x100000 pixels")
                .contains(String.valueOf(MediaFiles.MAX_PIXELS));
    }
}
