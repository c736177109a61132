package io.transfab.simulate;

import io.transfab.data.CliNamed;
import io.transfab.data.DataException;
import java.util.Objects;

/**
 * Options of the GDL generator.
 *
 * @param noiseLevel multiplier of every measurement-noise standard deviation, in [0, 2]
 * @param imageSize edge of the square microstructure image (and voxel box) in pixels, in [16, 512]
 * @param clustering where the per-sample fibre clustering (bundling) goes, see {@link Clustering}
 */
public record GdlOptions(double noiseLevel, int imageSize, Clustering clustering) {
    /** Default image edge, pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 64;

    /** Where the fibre-clustering signal lives. */
    public enum Clustering implements CliNamed {
        /** Drawn per sample, affects properties, visible only in the image (default: the image carries extra signal). */
        IMAGE("image"),
        /** Drawn per sample and also written as column {@code fibre_clustering} (a tabular model sees it too). */
        COLUMN("column"),
        /** No clustering: the image carries no signal beyond the columns. */
        NONE("none");

        private final String cliName;

        Clustering(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }

        public static Clustering fromCliName(String name) {
            return CliNamed.parse(Clustering.class, name, "clustering");
        }
    }

    public GdlOptions {
        if (!(noiseLevel >= 0 && noiseLevel <= 2)) {
            throw DataException.option("--noise must be in [0, 2], got " + noiseLevel);
        }
        if (imageSize < 16 || imageSize > 512) {
            throw DataException.option("--image-size must be in [16, 512] pixels, got " + imageSize);
        }
        Objects.requireNonNull(clustering, "clustering");
    }

    /** Noise level 1, 64x64 images, clustering only in the image. */
    public static GdlOptions defaults() {
        return new GdlOptions(1.0, DEFAULT_IMAGE_SIZE, Clustering.IMAGE);
    }

    public GdlOptions withNoiseLevel(double level) {
        return new GdlOptions(level, imageSize, clustering);
    }

    public GdlOptions withImageSize(int size) {
        return new GdlOptions(noiseLevel, size, clustering);
    }

    public GdlOptions withClustering(Clustering c) {
        return new GdlOptions(noiseLevel, imageSize, c);
    }
}
