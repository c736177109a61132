package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import io.transfab.testing.HybridFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDatasetTest {
    @TempDir
    Path dir;

    private Schema schemaOf(Table t) {
        return Schema.infer(t, List.of("x1", "x2", "image", "profile"), List.of("y"), List.of());
    }

    @Test
    void detectsImageAndSeriesColumnsWithTheirShapes() {
        // Given a table with PNG paths and inline series
        Table t = CsvReader.read(HybridFixtures.imageTable(dir, 6, 16, 1));
        // When its schema is inferred
        Schema s = schemaOf(t);
        // Then image and series columns are typed, sized, and have no tabular encoding
        assertThat(s.features().get(2).type()).isEqualTo(ColumnType.IMAGE);
        assertThat(s.features().get(2).shape()).containsExactly(16, 16);
        assertThat(s.features().get(3).type()).isEqualTo(ColumnType.SERIES);
        assertThat(s.features().get(3).shape()).containsExactly(12);
        assertThat(s.encodedNames()).containsExactly("x1", "x2");
        assertThat(Dataset.of(t, s).x()[0]).hasSize(2);
        assertThat(s.hasMedia()).isTrue();
    }

    @Test
    void tabularColumnsAreReadAsBefore() {
        // Given a purely tabular table (numbers and a category)
        Table t = CsvReader.parse("t.csv", "a,b,y\n1,u,2\n2,v,3\n");
        // When its schema is inferred with both parameters
        Schema s = Schema.infer(t, List.of("a", "b"), List.of("y"), List.of());
        // Then no column has a shape and the schema has no media
        assertThat(s.features()).allSatisfy(c -> assertThat(c.shape()).isEmpty());
        assertThat(s.hasMedia()).isFalse();
        assertThat(s.encodedNames()).containsExactly("a", "b=u", "b=v");
    }

    @Test
    void batchDecodesGreyLevelsAndSeriesOfItsRowsOnly() throws Exception {
        // Given a dataset whose first image is known
        Path table = HybridFixtures.imageTable(dir, 5, 8, 2);
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 255);
        ImageIO.write(img, "png", dir.resolve("img/s00000.png").toFile());
        Table t = CsvReader.read(table);
        MediaDataset d = MediaDataset.of(t, schemaOf(t));
        // When rows 0 and 3 are loaded
        try (MediaDataset.Batch b = d.batch(new int[] {0, 3})) {
            // Then only those rows are decoded, pixel (x=3, y=2) of row 0 is white, the rest black
            assertThat(d.imagesDecoded()).isEqualTo(2);
            float[] px = b.images();
            assertThat(px).hasSize(2 * 64);
            Approx.assertClose(px[2 * 8 + 3], 1.0, 0, 1e-6, "white pixel");
            Approx.assertClose(px[0], 0.0, 0, 1e-6, "black pixel");
            assertThat(b.series()).hasSize(2 * 12);
            Approx.assertClose(b.tabular()[1][0], t.number(3, t.indexOf("x1")), 0, 1e-12, "x1 of row 3");
            Approx.assertClose(b.targets()[1][0], t.number(3, t.indexOf("y")), 0, 1e-12, "y of row 3");
        }
    }

    @Test
    void streamingNeverHoldsMoreThanOneBatchOfImages() {
        // Given 40 image rows
        Table t = CsvReader.read(HybridFixtures.imageTable(dir, 40, 8, 3));
        MediaDataset d = MediaDataset.of(t, schemaOf(t));
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // When iterated in batches of 6, each closed before the next
        for (int[] rows : MediaDataset.chunks(order, 6)) {
            try (MediaDataset.Batch b = d.batch(rows)) {
                assertThat(b.size()).isLessThanOrEqualTo(6);
            }
        }
        // Then every image was decoded once and at most 6 were held at a time
        assertThat(d.imagesDecoded()).isEqualTo(40);
        assertThat(d.peakImagesHeld()).isEqualTo(6);
    }

    @Test
    void seriesOfDifferentLengthsAreResampledToTheLongest() {
        // Given series of 3 and 5 points, one inline and one as a CSV file
        Table t = CsvReader.parse("t.csv", "s,y\n[0;1;2],1\nser.csv,2\n").withFolder(dir);
        writeQuietly(dir.resolve("ser.csv"), "time_s,temp_c\n0,10\n1,20\n2,30\n3,40\n4,50\n");
        // When read
        Schema s = Schema.infer(t, List.of("s"), List.of("y"), List.of());
        MediaDataset d = MediaDataset.of(t, s);
        // Then both have 5 points, the short one interpolated over the same span
        assertThat(s.features().get(0).shape()).containsExactly(5);
        try (MediaDataset.Batch b = d.batch(new int[] {0, 1})) {
            Approx.assertClose(toDouble(b.series()), new double[] {0, 0.5, 1, 1.5, 2, 10, 20, 30, 40, 50}, 0, 1e-6,
                    "series");
        }
    }

    @Test
    void missingImageNamesFileRowAndColumn() throws Exception {
        // Given a table whose third image was deleted
        Path table = HybridFixtures.imageTable(dir, 4, 8, 4);
        Files.delete(dir.resolve("img/s00002.png"));
        Table t = CsvReader.read(table);
        Schema s = schemaOf(t);
        // When the dataset is built, then the message names table, row 4 (line), column and file
        DataException e = assertThrows(DataException.class, () -> MediaDataset.of(t, s));
        assertThat(e.getMessage()).startsWith(table + ", row 4, column 'image'").contains("img/s00002.png")
                .contains("not found");
    }

    @Test
    void imageOfAnotherSizeIsRejected() throws Exception {
        // Given a table where one image is 12x12 among 8x8 images
        Path table = HybridFixtures.imageTable(dir, 4, 8, 5);
        HybridFixtures.writeImage(dir.resolve("img/s00001.png"), 12, 0.5, new SplittableRandom(1));
        Table t = CsvReader.read(table);
        Schema s = schemaOf(t);
        // When the dataset is built, then the row and both sizes are named
        DataException e = assertThrows(DataException.class, () -> MediaDataset.of(t, s));
        assertThat(e.getMessage()).startsWith(table + ", row 3, column 'image'").contains("12x12").contains("8x8");
    }

    @Test
    void unreadableImageIsRejected() throws Exception {
        // Given a .png file that holds text
        Path table = HybridFixtures.imageTable(dir, 3, 8, 6);
        Files.writeString(dir.resolve("img/s00000.png"), "not an image");
        Table t = CsvReader.read(table);
        // When the schema reads the first image's size, then it says the file is unreadable
        DataException e = assertThrows(DataException.class, () -> schemaOf(t));
        assertThat(e.getMessage()).startsWith(table + ", row 2, column 'image'").contains("not a readable");
    }

    @Test
    void nonNumericSeriesValueIsRejected() {
        // Given an inline series with a typo
        Table t = CsvReader.parse("t.csv", "s,y\n[1;2;3],1\n[1;x2;3],2\n");
        // When the schema reads it, then value, row and column are named
        DataException e = assertThrows(DataException.class,
                () -> Schema.infer(t, List.of("s"), List.of("y"), List.of()));
        assertThat(e.getMessage()).isEqualTo("t.csv, row 3, column 's': series value 2 'x2' is not a finite number");
    }

    @Test
    void nonNumericValueInSeriesFileNamesBothFiles() {
        // Given a series CSV file with a text cell
        Table t = CsvReader.parse("t.csv", "s,y\nser.csv,1\n[1;2],2\n").withFolder(dir);
        writeQuietly(dir.resolve("ser.csv"), "t,v\n0,1\n1,oops\n");
        // When read, then the message names the series file's row and column and the table's cell
        DataException e = assertThrows(DataException.class,
                () -> Schema.infer(t, List.of("s"), List.of("y"), List.of()));
        assertThat(e.getMessage()).contains("ser.csv, row 3, column 'v'").contains("'oops'")
                .contains("t.csv, row 2, column 's'");
    }

    @Test
    void tabularModelsRefuseImageColumns() {
        // Given a schema with an image column
        Table t = CsvReader.read(HybridFixtures.imageTable(dir, 3, 8, 7));
        Schema s = schemaOf(t);
        // When a tabular model checks it, then it points to the hybrid commands
        DataException e = assertThrows(DataException.class, () -> s.requireTabular("t.csv"));
        assertThat(e.getMessage()).contains("column 'image'").contains("hybrid").contains("leave image out of --features");
    }

    @Test
    void dataHashCoversImageBytesWhileTheTableHashCoversTheTextOnly() throws Exception {
        // Given a table of 4 images, hashed once
        Path table = HybridFixtures.imageTable(dir, 4, 8, 3);
        MediaDataset before = MediaDataset.of(CsvReader.read(table), schemaOf(CsvReader.read(table)));
        String data = before.sha256();
        String text = before.tableSha256();
        // When one image's pixels change and the table file stays byte for byte the same
        HybridFixtures.writeImage(dir.resolve("img/s00002.png"), 8, 0.5, new SplittableRandom(99));
        MediaDataset after = MediaDataset.of(CsvReader.read(table), schemaOf(CsvReader.read(table)));
        // Then the data hash changes, the table hash does not, and hashing again gives the same value
        assertThat(after.tableSha256()).isEqualTo(text);
        assertThat(after.sha256()).isNotEqualTo(data).isNotEqualTo(text).hasSize(64);
        assertThat(MediaDataset.of(CsvReader.read(table), schemaOf(CsvReader.read(table))).sha256())
                .isEqualTo(after.sha256());
    }

    @Test
    void dataHashCoversSeriesFiles() {
        // Given a table whose series sits in a CSV file
        Table t = CsvReader.parse("t.csv", "s,y\nser.csv,1\n[1;2],2\n").withFolder(dir);
        writeQuietly(dir.resolve("ser.csv"), "t,v\n0,1\n1,2\n");
        Schema s = Schema.infer(t, List.of("s"), List.of("y"), List.of());
        String first = MediaDataset.of(t, s).sha256();
        // When the series file's values change, then the data hash changes
        writeQuietly(dir.resolve("ser.csv"), "t,v\n0,1\n1,3\n");
        assertThat(MediaDataset.of(t, s).sha256()).isNotEqualTo(first);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void writeQuietly(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
