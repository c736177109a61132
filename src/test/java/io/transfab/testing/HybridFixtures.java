package io.transfab.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Synthetic tables with an image column (grey PNGs) and an inline series column. Each image's
 * share of bright pixels {@code f} drives the target, so a part of the signal is only in the image:
 * {@code y = 2 f + 0.5 x1 + 0.3 peak + noise}, where {@code x1} is a tabular parameter, {@code x2} is a
 * distractor, and {@code peak} is where the series profile peaks (0..1).
 */
public final class HybridFixtures {
    private HybridFixtures() {
    }

    /** Writes {@code dir/table.csv} and {@code dir/img/*.png}; returns the table's path. */
    public static Path imageTable(Path dir, int rows, int size, long seed) {
        return imageTable(dir, rows, size, seed, 0.0);
    }

    /**
     * @param shift added to the bright fraction's effect (a "related material": same physics, other offset)
     */
    public static Path imageTable(Path dir, int rows, int size, long seed, double shift) {
        return table(dir, rows, size, seed, 2 + shift, 0.5, 0.3);
    }

    /** As {@link #imageTable} but {@code y = 2 f + noise}: x1, x2 and the profile are all distractors. */
    public static Path imageOnlyTable(Path dir, int rows, int size, long seed) {
        return table(dir, rows, size, seed, 2, 0, 0);
    }

    private static Path table(Path dir, int rows, int size, long seed, double imageWeight, double x1Weight,
            double peakWeight) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("id,x1,x2,image,profile,y\n");
        try {
            Files.createDirectories(dir.resolve("img"));
            for (int i = 0; i < rows; i++) {
                double f = 0.1 + 0.8 * rng.nextDouble();
                double x1 = rng.nextDouble();
                double x2 = rng.nextDouble();
                double peak = rng.nextDouble();
                String name = String.format(Locale.ROOT, "img/s%05d.png", i);
                writeImage(dir.resolve(name), size, f, rng);
                double y = imageWeight * f + x1Weight * x1 + peakWeight * peak + 0.02 * rng.nextGaussian();
                csv.append(String.format(Locale.ROOT, "s%d,%.5f,%.5f,%s,%s,%.6f%n", i, x1, x2, name,
                        profile(peak, 12), y));
            }
            Path table = dir.resolve("table.csv");
            Files.writeString(table, csv.toString());
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grey image where each pixel is bright with probability {@code f}. */
    public static void writeImage(Path file, int size, double f, SplittableRandom rng) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = rng.nextDouble() < f ? 210 : 40;
                img.getRaster().setSample(x, y, 0, v + rng.nextInt(20));
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** An inline series rising to a peak at {@code peak} (0..1) of the profile and falling after it. */
    static String profile(double peak, int points) {
        StringBuilder sb = new StringBuilder("[");
        for (int t = 0; t < points; t++) {
            double u = t / (double) (points - 1);
            double v = 20 + 60 * Math.exp(-Math.pow((u - peak) / 0.2, 2));
            sb.append(t == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.append(']').toString();
    }
}
