package io.transfab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table whose features include image or series columns, encoded against a schema: the tabular
 * inputs (and targets) sit in memory as a {@link Dataset}; images and series stay on disk and are
 * read only for the rows of one mini-batch ({@link #batch}), so a source set of 10 000 images never
 * has to fit in memory. No decoded image is cached: decoding a small PNG costs far less than the
 * convolutions that consume it, and a cache would hold the memory that streaming saves.
 *
 * <p>Construction validates every media cell up front (file exists, image header readable and of
 * the column's size, series numeric), so training does not fail half-way on a bad row.
 *
 * <p>Layout of a batch: images {@code [rows][channels][height][width]} (one channel per image
 * column, grey levels in [0, 1]); series {@code [rows][length][channels]} (one channel per series
 * column, each series linearly resampled to the schema's length), both flat, row-major floats.
 */
public final class MediaDataset {
    private final Table table;
    private final Schema schema;
    private final Dataset tabular;
    private final int[] imageColumns;
    private final int[] seriesColumns;
    private final int height;
    private final int width;
    private final int seriesLength;
    private final Counter counter;
    /** {@link #sha256()}, computed on first use (it reads every referenced file). */
    private volatile String contentSha256;

    private MediaDataset(Table table, Schema schema, Dataset tabular, Counter counter) {
        this.table = table;
        this.schema = schema;
        this.tabular = tabular;
        this.counter = counter;
        List<Column> images = schema.featuresOf(ColumnType.IMAGE);
        List<Column> series = schema.featuresOf(ColumnType.SERIES);
        imageColumns = new int[images.size()];
        for (int i = 0; i < imageColumns.length; i++) {
            imageColumns[i] = Dataset.requireFeature(table, schema, images.get(i));
        }
        seriesColumns = new int[series.size()];
        int length = 0;
        for (int i = 0; i < seriesColumns.length; i++) {
            seriesColumns[i] = Dataset.requireFeature(table, schema, series.get(i));
            length = Math.max(length, series.get(i).shape().get(0));
        }
        height = images.isEmpty() ? 0 : images.get(0).shape().get(0);
        width = images.isEmpty() ? 0 : images.get(0).shape().get(1);
        seriesLength = length;
    }

    /** Features and targets; checks every image and series cell (headers only, no pixels decoded). */
    public static MediaDataset of(Table table, Schema schema) {
        return validated(table, schema, Dataset.of(table, schema));
    }

    /** Features only (prediction on tables without the targets). */
    public static MediaDataset featuresOnly(Table table, Schema schema) {
        return validated(table, schema, Dataset.featuresOnly(table, schema));
    }

    private static MediaDataset validated(Table table, Schema schema, Dataset tabular) {
        MediaDataset d = new MediaDataset(table, schema, tabular, new Counter());
        d.validate();
        return d;
    }

    private void validate() {
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c : imageColumns) {
                MediaFiles.Cell cell = cell(r, c);
                int[] size = MediaFiles.imageSize(table, table.cell(r, c), cell);
                if (size[0] != height || size[1] != width) {
                    throw cell.fail(MediaFiles.sizeProblem(table.cell(r, c), size[0], size[1], height, width));
                }
            }
            for (int c : seriesColumns) {
                MediaFiles.readSeries(table, table.cell(r, c), cell(r, c), table.decimalComma());
            }
        }
    }

    private MediaFiles.Cell cell(int row, int column) {
        return new MediaFiles.Cell(table.source(), table.line(row), table.names().get(column));
    }

    public Schema schema() {
        return schema;
    }

    /** The tabular part: encoded numeric and one-hot inputs, and the targets when present. */
    public Dataset tabular() {
        return tabular;
    }

    public int size() {
        return table.rowCount();
    }

    public boolean hasTargets() {
        return tabular.hasTargets();
    }

    public String source() {
        return table.source();
    }

    /**
     * SHA-256 of the table text and of the contents of every image and series file its media cells
     * name (row by row, images then series, each file read in chunks, one at a time); an inline series
     * enters through the table text. Changing one image's pixels changes it, while
     * {@link #tableSha256()} stays the same. Computed once per dataset, on first use.
     */
    public String sha256() {
        String h = contentSha256;
        if (h == null) {
            List<String> labels = new ArrayList<>();
            List<java.nio.file.Path> files = new ArrayList<>();
            for (int r = 0; r < table.rowCount(); r++) {
                for (int c : imageColumns) {
                    labels.add(table.cell(r, c));
                    files.add(MediaFiles.resolve(table, table.cell(r, c), cell(r, c), "image"));
                }
                for (int c : seriesColumns) {
                    String t = table.cell(r, c).trim();
                    labels.add(t);
                    boolean inline = t.startsWith("[") && t.endsWith("]"); // as MediaFiles.readSeries decides
                    files.add(inline ? null : MediaFiles.resolve(table, t, cell(r, c), "series"));
                }
            }
            h = Hashing.sha256WithFiles(table.sha256(), labels, files);
            contentSha256 = h;
        }
        return h;
    }

    /** SHA-256 of the table text only (the {@link Table#sha256()} of the rows). */
    public String tableSha256() {
        return table.sha256();
    }

    /** Image channels (image columns); 0 when the schema has none. */
    public int imageChannels() {
        return imageColumns.length;
    }

    public int imageHeight() {
        return height;
    }

    public int imageWidth() {
        return width;
    }

    /** Series channels (series columns); 0 when the schema has none. */
    public int seriesChannels() {
        return seriesColumns.length;
    }

    /** Points per series after resampling. */
    public int seriesLength() {
        return seriesLength;
    }

    /** The rows with these indices, in that order; still streamed, and sharing this dataset's counters. */
    public MediaDataset subset(int[] rows) {
        return new MediaDataset(table.select(rows), schema, tabular.subset(rows), counter);
    }

    /** Reads the images and series of {@code rows} (indices into this dataset); close the batch when done. */
    public Batch batch(int[] rows) {
        int n = rows.length;
        int pixels = height * width;
        float[] images = new float[n * imageColumns.length * pixels];
        float[] series = new float[n * seriesLength * seriesColumns.length];
        double[][] x = tabular.rows(rows);
        double[][] y = tabular.hasTargets() ? tabular.targetRows(rows) : null;
        int s = seriesColumns.length;
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            for (int k = 0; k < imageColumns.length; k++) {
                int c = imageColumns[k];
                MediaFiles.readImage(table, table.cell(r, c), cell(r, c), height, width, images,
                        (i * imageColumns.length + k) * pixels);
            }
            for (int k = 0; k < s; k++) {
                int c = seriesColumns[k];
                double[] v = MediaFiles.resample(MediaFiles.readSeries(table, table.cell(r, c), cell(r, c),
                        table.decimalComma()), seriesLength);
                for (int t = 0; t < seriesLength; t++) {
                    series[(i * seriesLength + t) * s + k] = (float) v[t];
                }
            }
        }
        int decoded = n * imageColumns.length;
        counter.acquire(decoded);
        return new Batch(rows.clone(), x, y, images, series, decoded, counter);
    }

    /** Images decoded so far by this dataset and its subsets (each decode counts; nothing is cached). */
    public long imagesDecoded() {
        return counter.decoded.get();
    }

    /** The most decoded images held at once in open batches of this dataset and its subsets. */
    public int peakImagesHeld() {
        return counter.peak.get();
    }

    /** Consecutive batches of {@code size} rows in the given order (the last may be shorter). */
    public static List<int[]> chunks(int[] order, int size) {
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += size) {
            out.add(java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + size)));
        }
        return out;
    }

    /** Open-batch bookkeeping that makes streaming observable (tests assert on the peak). */
    private static final class Counter {
        final AtomicLong decoded = new AtomicLong();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        void acquire(int images) {
            decoded.addAndGet(images);
            int now = held.addAndGet(images);
            peak.accumulateAndGet(now, Math::max);
        }

        void release(int images) {
            held.addAndGet(-images);
        }
    }

    /** The decoded inputs of one mini-batch; accessors return copies. */
    public static final class Batch implements AutoCloseable {
        private final int[] rows;
        private final double[][] tabular;
        private final double[][] targets;
        private final float[] images;
        private final float[] series;
        private final int decoded;
        private final Counter counter;
        private boolean closed;

        private Batch(int[] rows, double[][] tabular, double[][] targets, float[] images, float[] series, int decoded,
                Counter counter) {
            this.rows = rows;
            this.tabular = tabular;
            this.targets = targets;
            this.images = images;
            this.series = series;
            this.decoded = decoded;
            this.counter = counter;
        }

        public int size() {
            return rows.length;
        }

        /** The dataset rows of this batch. */
        public int[] rows() {
            return rows.clone();
        }

        /** Encoded tabular inputs, size() x tabular width. */
        public double[][] tabular() {
            return Dataset.deepCopy(tabular);
        }

        /** Targets, size() x targets, or null for a features-only dataset. */
        public double[][] targets() {
            return targets == null ? null : Dataset.deepCopy(targets);
        }

        /** Grey levels, flat {@code [rows][channels][height][width]}. */
        public float[] images() {
            return images.clone();
        }

        /** Series values, flat {@code [rows][length][channels]}. */
        public float[] series() {
            return series.clone();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                counter.release(decoded);
            }
        }
    }
}
