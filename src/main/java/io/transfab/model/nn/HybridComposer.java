package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.transfab.data.MediaDataset;
import io.transfab.model.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hybrid model bound to a fixed pool of media rows, predicting <em>composed</em> rows: tabular
 * inputs given as numbers, the images taken from one pool row and the series from another.
 * Interventional Shapley values need exactly that (an absent image player takes a background row's
 * image), for hundreds of thousands of rows built from a few hundred images. The encoders depend
 * on their own input only, so each pool row's image and series are encoded once per member when
 * the composer is built; a prediction then runs only the tabular branch and the head.
 *
 * <p>Predictions are the members' mean in the targets' units, as {@link HybridModel#predict}
 * (equal to it up to float rounding when every part of a row comes from one pool row). Safe to
 * call from several threads: each call uses its own manager.
 */
public final class HybridComposer {
    /** Rows per forward pass of the head: bounds the memory of one call on a large matrix. */
    static final int CHUNK = 8192;

    private final HybridModel model;
    private final HybridArchitecture arch;
    private final int poolSize;
    /** [member][pool row][embedding], standardised-input encoder outputs. */
    private final float[][][] image;
    private final float[][][] series;

    private HybridComposer(HybridModel model, int poolSize, float[][][] image, float[][][] series) {
        this.model = model;
        this.arch = model.architecture();
        this.poolSize = poolSize;
        this.image = image;
        this.series = series;
    }

    /**
     * Encodes every row of the pool (the datasets one after another: pool row k of the second
     * dataset is {@code first.size() + k}), {@value HybridModel#PREDICT_BATCH} rows at a time.
     */
    public static HybridComposer of(HybridModel model, List<MediaDataset> pool, Progress progress) {
        HybridArchitecture a = model.architecture();
        int total = pool.stream().mapToInt(MediaDataset::size).sum();
        for (MediaDataset d : pool) {
            if (!d.schema().equals(model.schema())) {
                throw new IllegalArgumentException("pool data must be encoded with the model's schema");
            }
        }
        int members = model.members().size();
        float[][][] img = new float[members][total][];
        float[][][] ser = new float[members][total][];
        try (NDManager manager = Torch.newManager()) {
            List<HybridNetwork> nets = networks(manager, model);
            int offset = 0;
            for (MediaDataset d : pool) {
                int[] all = new int[d.size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                for (int[] rows : MediaDataset.chunks(all, HybridModel.PREDICT_BATCH)) {
                    HybridInputs in;
                    try (MediaDataset.Batch b = d.batch(rows)) {
                        in = model.scaling().prepare(b);
                    }
                    for (int k = 0; k < members; k++) {
                        try (NDManager step = manager.newSubManager()) {
                            float[][] ie = a.imageChannels() == 0 ? null
                                    : Torch.toMatrix(nets.get(k).encodeImage(in.images(step, a)));
                            float[][] se = a.seriesChannels() == 0 ? null
                                    : Torch.toMatrix(nets.get(k).encodeSeries(step, in.series(step, a)));
                            for (int i = 0; i < rows.length; i++) {
                                img[k][offset + rows[i]] = ie == null ? new float[0] : ie[i];
                                ser[k][offset + rows[i]] = se == null ? new float[0] : se[i];
                            }
                        }
                    }
                    progress.update("encoding images and series", offset + rows[rows.length - 1] + 1, total);
                }
                offset += d.size();
            }
        }
        return new HybridComposer(model, total, img, ser);
    }

    private static List<HybridNetwork> networks(NDManager manager, HybridModel model) {
        List<HybridNetwork> nets = new ArrayList<>();
        for (HybridRegressor m : model.members()) {
            nets.add(new HybridNetwork(manager, m.architecture(), m.parameters(), Set.of()));
        }
        return nets;
    }

    /** Rows in the pool. */
    public int poolSize() {
        return poolSize;
    }

    /**
     * Predicted means of composed rows, rows x targets: row i has the encoded tabular inputs
     * {@code tabular[i]} (original units), the images of pool row {@code imageRows[i]} and the series
     * of pool row {@code seriesRows[i]}. A ref array may be null when the model has no such branch.
     */
    public double[][] predict(double[][] tabular, int[] imageRows, int[] seriesRows) {
        int n = tabular.length;
        requireRefs(imageRows, n, arch.imageChannels() > 0, "image");
        requireRefs(seriesRows, n, arch.seriesChannels() > 0, "series");
        int t = arch.targets();
        int members = image.length;
        double[][] z = new double[n][t];
        double[][] scaled = model.scaling().tabular().apply(tabular);
        try (NDManager manager = Torch.newManager()) {
            List<HybridNetwork> nets = networks(manager, model);
            for (int start = 0; start < n; start += CHUNK) {
                int m = Math.min(CHUNK, n - start);
                float[] tab = new float[m * arch.tabularInputs()];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < arch.tabularInputs(); j++) {
                        tab[i * arch.tabularInputs() + j] = (float) scaled[start + i][j];
                    }
                }
                for (int k = 0; k < members; k++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray ie = embeddings(step, image[k], imageRows, start, m, arch.imageEmbedding());
                        NDArray se = embeddings(step, series[k], seriesRows, start, m, arch.seriesEmbedding());
                        NDArray x = arch.tabularInputs() == 0 ? null
                                : Torch.owned(step, tab, new Shape(m, arch.tabularInputs()));
                        float[][] out = Torch.toMatrix(nets.get(k).head(step, ie, se, x, 0.0, null));
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < t; j++) {
                                z[start + i][j] += out[i][j];
                            }
                        }
                    }
                }
            }
        }
        for (double[] r : z) {
            for (int j = 0; j < t; j++) {
                r[j] /= members;
            }
        }
        return model.scaling().targets().invert(z);
    }

    private void requireRefs(int[] refs, int n, boolean needed, String what) {
        if (!needed) {
            return;
        }
        if (refs == null || refs.length != n) {
            throw new IllegalArgumentException("need one " + what + " pool row per row (" + n + "), got "
                    + (refs == null ? "none" : refs.length));
        }
        for (int r : refs) {
            if (r < 0 || r >= poolSize) {
                throw new IllegalArgumentException(what + " pool row " + r + " outside 0.." + (poolSize - 1));
            }
        }
    }

    private static NDArray embeddings(NDManager step, float[][] table, int[] refs, int start, int m, int width) {
        if (width == 0) {
            return null;
        }
        float[] flat = new float[m * width];
        for (int i = 0; i < m; i++) {
            System.arraycopy(table[refs[start + i]], 0, flat, i * width, width);
        }
        return Torch.owned(step, flat, new Shape(m, width));
    }
}
