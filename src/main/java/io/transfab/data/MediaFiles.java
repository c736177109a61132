package io.transfab.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the files an image or series cell refers to. Every problem is a {@link DataException}
 * naming the table, its row and column (and the referenced file), so that a user can find the
 * cell at fault.
 *
 * <p>Images: PNG or TIFF (the JDK's own readers), converted to grey levels in [0, 1] (colour by
 * the Rec. 601 luma weights, 16-bit and float samples by their full range). Series: an inline
 * {@code [v1;v2;...]} list (separators {@code ;}, whitespace, or {@code ,} when the table does not
 * use decimal commas), or a CSV file with a header row whose last column holds the values.
 */
public final class MediaFiles {
    private static final String[] IMAGE_EXTENSIONS = {".png", ".tif", ".tiff"};
    /** Largest image accepted, in pixels (4096 x 4096); checked from the header before decoding. */
    public static final long MAX_PIXELS = 4096L * 4096L;

    private MediaFiles() {
    }

    /** The cell a file reference sits in; names it in error messages. */
    public record Cell(String table, int line, String column) {
        DataException fail(String problem) {
            return DataException.at(table, line, column, problem);
        }
    }

    /** Whether the cell text names a PNG or TIFF file. */
    public static boolean looksLikeImage(String cell) {
        String t = cell.trim().toLowerCase(Locale.ROOT);
        for (String ext : IMAGE_EXTENSIONS) {
            if (t.endsWith(ext) && t.length() > ext.length()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the cell text is an inline {@code [...]} list or names a CSV file. */
    public static boolean looksLikeSeries(String cell) {
        String t = cell.trim();
        return (t.startsWith("[") && t.endsWith("]"))
                || (t.toLowerCase(Locale.ROOT).endsWith(".csv") && t.length() > 4);
    }

    /**
     * The existing file a cell names, resolved against the table's folder. The path must be
     * relative and must stay inside {@link Table#mediaRoot()} (the table's folder unless
     * {@code --media-root} widens it), also after following symbolic links: a table cannot make
     * the program read {@code ../../etc/passwd}.
     */
    static Path resolve(Table table, String cellText, Cell cell, String what) {
        String t = cellText.trim();
        if (t.isEmpty()) {
            throw cell.fail("empty cell in " + what + " column; give a file path or remove the row");
        }
        Path relative;
        try {
            relative = Path.of(t);
        } catch (InvalidPathException e) {
            throw cell.fail(what + " path " + DataException.quote(t) + " is not a valid file path");
        }
        if (relative.isAbsolute() || t.startsWith("/") || t.startsWith("\\")) {
            throw cell.fail(what + " path " + DataException.quote(t) + " is absolute; write it relative to the "
                    + "table's folder");
        }
        Path root = table.mediaRoot().normalize();
        Path p = table.folder().normalize().resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw cell.fail(escapes(what, t, root));
        }
        if (!Files.isRegularFile(p)) {
            throw cell.fail(what + " file " + DataException.quote(t) + " not found (looked for " + p + "); paths "
                    + "are relative to the table's folder");
        }
        try {
            if (!p.toRealPath().startsWith(root.toRealPath())) {
                throw cell.fail(escapes(what, t, root) + " (through a symbolic link)");
            }
        } catch (IOException e) {
            throw cell.fail(what + " file " + DataException.quote(t) + " cannot be read (" + e.getMessage() + ")");
        }
        return p;
    }

    private static String escapes(String what, String cellText, Path root) {
        return what + " path " + DataException.quote(cellText) + " leads outside " + root + "; media files must lie "
                + "in the table's folder (or under the folder given with --media-root)";
    }

    /** {@code [height, width]} of an image, read from its header only (no pixels decoded). */
    public static int[] imageSize(Table table, String cellText, Cell cell) {
        Path p = resolve(table, cellText, cell, "image");
        return withReader(p, cellText, cell, reader -> new int[] {reader.getHeight(0), reader.getWidth(0)});
    }

    /**
     * Decodes an image to grey levels in [0, 1], row-major {@code height x width}, into
     * {@code out} from {@code offset}; the image must be exactly {@code height x width} (checked
     * from the header, before any pixel is decoded).
     */
    public static void readImage(Table table, String cellText, Cell cell, int height, int width, float[] out,
            int offset) {
        Path p = resolve(table, cellText, cell, "image");
        BufferedImage img = withReader(p, cellText, cell, reader -> {
            if (reader.getHeight(0) != height || reader.getWidth(0) != width) {
                throw cell.fail(sizeProblem(cellText, reader.getHeight(0), reader.getWidth(0), height, width));
            }
            return reader.read(0);
        });
        if (img.getHeight() != height || img.getWidth() != width) {
            throw cell.fail(sizeProblem(cellText, img.getHeight(), img.getWidth(), height, width));
        }
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        int type = r.getDataBuffer().getDataType();
        boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
        double[] max = new double[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = floating ? 1.0 : (1L << r.getSampleModel().getSampleSize(b)) - 1.0;
        }
        boolean colour = bands >= 3 && img.getColorModel().getNumColorComponents() >= 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v;
                if (colour) {
                    v = 0.299 * r.getSampleDouble(x, y, 0) / max[0] + 0.587 * r.getSampleDouble(x, y, 1) / max[1]
                            + 0.114 * r.getSampleDouble(x, y, 2) / max[2];
                } else {
                    v = r.getSampleDouble(x, y, 0) / max[0];
                }
                if (!Double.isFinite(v)) {
                    throw cell.fail("'" + cellText.trim() + "' has a non-finite pixel at x=" + x + ", y=" + y);
                }
                out[offset + y * width + x] = (float) v;
            }
        }
    }

    /** What is done with an image's reader once its header is known to be within {@link #MAX_PIXELS}. */
    private interface ReaderTask<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Opens the image's reader, refuses it when its header announces more than {@link #MAX_PIXELS}
     * pixels (a 100000 x 100000 PNG can be a few kilobytes and would need 40 GB decoded), then runs
     * {@code task}. Every failure is a {@link DataException} for the cell.
     */
    private static <T> T withReader(Path p, String cellText, Cell cell, ReaderTask<T> task) {
        String name = DataException.quote(cellText.trim());
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw cell.fail(name + " is not a readable PNG or TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw cell.fail("image " + name + " is " + w + "x" + h + " pixels; images above " + MAX_PIXELS
                            + " pixels (4096x4096) are refused before decoding; downscale it");
                }
                T result = task.apply(reader);
                if (result == null) {
                    throw cell.fail(name + " is not a readable PNG or TIFF image");
                }
                return result;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw cell.fail(name + " is not a readable PNG or TIFF image (" + e.getMessage() + ")");
        }
    }

    static String sizeProblem(String cellText, int h, int w, int height, int width) {
        return "image '" + cellText.trim() + "' is " + w + "x" + h + " pixels but the column's images are "
                + width + "x" + height + " (all images of a column must share one size; resize it)";
    }

    /**
     * The values of a series cell, as written (no resampling).
     *
     * @param decimalComma whether the table writes numbers with a decimal comma (then {@code ,} is
     *                     no list separator)
     */
    public static double[] readSeries(Table table, String cellText, Cell cell, boolean decimalComma) {
        String t = cellText.trim();
        double[] values = t.startsWith("[") && t.endsWith("]")
                ? inline(t.substring(1, t.length() - 1), cell, decimalComma)
                : file(resolve(table, t, cell, "series"), t, cell);
        if (values.length < 2) {
            throw cell.fail("series '" + abbreviate(t) + "' has " + values.length + " value(s); a series needs at "
                    + "least 2");
        }
        return values;
    }

    private static double[] inline(String body, Cell cell, boolean decimalComma) {
        String separators = decimalComma ? "[;\\s]+" : "[;,\\s]+";
        List<Double> out = new ArrayList<>();
        String[] parts = body.trim().isEmpty() ? new String[0] : body.trim().split(separators);
        for (int i = 0; i < parts.length; i++) {
            double v = Numbers.parse(parts[i], decimalComma);
            if (!Double.isFinite(v)) {
                throw cell.fail("series value " + (i + 1) + " '" + parts[i] + "' is not a finite number");
            }
            out.add(v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] file(Path p, String cellText, Cell cell) {
        Table t;
        try {
            t = CsvReader.read(p);
        } catch (DataException e) {
            throw cell.fail("series file '" + cellText + "': " + e.getMessage());
        }
        int c = t.columnCount() - 1;
        double[] out = new double[t.rowCount()];
        for (int r = 0; r < out.length; r++) {
            out[r] = t.number(r, c);
            if (!Double.isFinite(out[r])) {
                throw DataException.at(t.source(), t.line(r), t.names().get(c), "'" + t.cell(r, c) + "' is not a "
                        + "finite number (series of " + cell.table() + ", row " + cell.line() + ", column '"
                        + cell.column() + "')");
            }
        }
        return out;
    }

    /**
     * {@code values} linearly interpolated onto {@code length} evenly spaced points spanning the
     * same first-to-last range: series of different lengths become profiles over normalised
     * process time.
     */
    public static double[] resample(double[] values, int length) {
        if (values.length == length) {
            return values.clone();
        }
        double[] out = new double[length];
        int n = values.length;
        for (int i = 0; i < length; i++) {
            double pos = length == 1 ? 0 : i * (n - 1) / (double) (length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(n - 1, lo + 1);
            double f = pos - lo;
            out[i] = values[lo] * (1 - f) + values[hi] * f;
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
