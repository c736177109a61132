package io.transfab.simulate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** An 8-bit grey-level image, row-major, written as PNG. */
public final class GreyImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    private GreyImage(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** An image from row-major grey levels (0 black .. 255 white, as unsigned bytes); the array is copied. */
    public static GreyImage of(int width, int height, byte[] pixels) {
        if (width < 1 || height < 1 || pixels.length != width * height) {
            throw new IllegalArgumentException("need width * height = " + width + " * " + height + " pixels, got "
                    + pixels.length);
        }
        return new GreyImage(width, height, pixels.clone());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Grey level 0..255 at column x, row y. */
    public int grey(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /** Mean grey level, 0..255. */
    public double mean() {
        double s = 0;
        for (byte b : pixels) {
            s += b & 0xFF;
        }
        return s / pixels.length;
    }

    /** Writes the image as an 8-bit grey PNG (not atomically: callers write into a temporary directory). */
    public void writePng(Path file) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, width, height, pixels.clone());
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
