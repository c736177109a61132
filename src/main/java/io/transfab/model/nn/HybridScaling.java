package io.transfab.model.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.MediaDataset;
import io.transfab.model.Json;
import io.transfab.model.Normalizer;
import io.transfab.model.TrainedModel;

/**
 * How a hybrid network's inputs and targets are standardised: tabular inputs as the MLP's (numeric
 * columns to zero mean and unit variance, one-hot columns kept), each image channel and each series
 * channel by one mean and standard deviation over all its pixels or points, targets per column.
 * Fitted by one streaming pass over the training rows.
 */
record HybridScaling(Normalizer tabular, double[] imageMean, double[] imageStd, double[] seriesMean,
        double[] seriesStd, Normalizer targets) {
    HybridScaling {
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
        seriesMean = seriesMean.clone();
        seriesStd = seriesStd.clone();
    }

    /** Statistics of {@code data} (which must have targets), read in batches of {@code batch} rows. */
    static HybridScaling fit(MediaDataset data, int batch) {
        double[][] x = data.tabular().x();
        Normalizer tab = Normalizer.standardize(x, TrainedModel.numericMask(data.schema()));
        Normalizer out = Normalizer.standardize(data.tabular().y());
        int c = data.imageChannels();
        int s = data.seriesChannels();
        double[][] img = new double[3][c];
        double[][] ser = new double[3][s];
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int pixels = data.imageHeight() * data.imageWidth();
        for (int[] rows : MediaDataset.chunks(all, Math.max(1, batch))) {
            try (MediaDataset.Batch b = data.batch(rows)) {
                float[] images = b.images();
                for (int i = 0; i < images.length; i++) {
                    accumulate(img, (i / pixels) % c, images[i]);
                }
                float[] series = b.series();
                for (int i = 0; i < series.length; i++) {
                    accumulate(ser, i % s, series[i]);
                }
            }
        }
        return new HybridScaling(tab, mean(img), std(img), mean(ser), std(ser), out);
    }

    private static void accumulate(double[][] sums, int k, double v) {
        sums[0][k] += 1;
        sums[1][k] += v;
        sums[2][k] += v * v;
    }

    private static double[] mean(double[][] sums) {
        double[] m = new double[sums[0].length];
        for (int k = 0; k < m.length; k++) {
            m[k] = sums[1][k] / sums[0][k];
        }
        return m;
    }

    /** Population standard deviation; a constant channel keeps scale 1 (it maps to zero). */
    private static double[] std(double[][] sums) {
        double[] m = mean(sums);
        double[] sd = new double[m.length];
        for (int k = 0; k < m.length; k++) {
            double v = Math.max(0, sums[2][k] / sums[0][k] - m[k] * m[k]);
            sd[k] = Math.sqrt(v) > 1e-9 * Math.max(1, Math.abs(m[k])) ? Math.sqrt(v) : 1.0;
        }
        return sd;
    }

    /** The standardised inputs (and targets, when the batch has them) of one batch. */
    HybridInputs prepare(MediaDataset.Batch b) {
        int n = b.size();
        float[] images = b.images();
        int c = imageMean.length;
        int pixels = c == 0 ? 1 : images.length / Math.max(1, n * c);
        for (int i = 0; i < images.length; i++) {
            int k = (i / pixels) % c;
            images[i] = (float) ((images[i] - imageMean[k]) / imageStd[k]);
        }
        float[] series = b.series();
        int s = seriesMean.length;
        for (int i = 0; i < series.length; i++) {
            int k = i % s;
            series[i] = (float) ((series[i] - seriesMean[k]) / seriesStd[k]);
        }
        float[] tab = flat(tabular.apply(b.tabular()), tabular.width());
        float[] y = b.targets() == null ? null : flat(targets.apply(b.targets()), targets.width());
        return new HybridInputs(n, images, series, tab, y);
    }

    private static float[] flat(double[][] m, int cols) {
        float[] out = new float[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = (float) m[r][j];
            }
        }
        return out;
    }

    ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("tabularCenter", Json.MAPPER.valueToTree(tabular.center()));
        o.set("tabularScale", Json.MAPPER.valueToTree(tabular.scale()));
        o.set("imageMean", Json.MAPPER.valueToTree(imageMean));
        o.set("imageStd", Json.MAPPER.valueToTree(imageStd));
        o.set("seriesMean", Json.MAPPER.valueToTree(seriesMean));
        o.set("seriesStd", Json.MAPPER.valueToTree(seriesStd));
        o.set("targetCenter", Json.MAPPER.valueToTree(targets.center()));
        o.set("targetScale", Json.MAPPER.valueToTree(targets.scale()));
        return o;
    }

    static HybridScaling fromJson(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("scaling is not an object: " + o);
        }
        return new HybridScaling(Normalizer.of(doubles(o.get("tabularCenter")), doubles(o.get("tabularScale"))),
                doubles(o.get("imageMean")), doubles(o.get("imageStd")), doubles(o.get("seriesMean")),
                doubles(o.get("seriesStd")),
                Normalizer.of(doubles(o.get("targetCenter")), doubles(o.get("targetScale"))));
    }

    private static double[] doubles(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            throw new IllegalArgumentException("expected an array of numbers, got " + arr);
        }
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            if (!arr.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + arr.get(i));
            }
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    /**
     * This scaling with the targets, and with {@code inputs} also the tabular inputs, re-standardised
     * with the rows of {@code data} (which must have targets); images and series keep their scaling,
     * so the encoders see pixels and points as in pre-training.
     */
    HybridScaling refit(MediaDataset data, boolean inputs) {
        Normalizer tab = inputs ? Normalizer.standardize(data.tabular().x(), TrainedModel.numericMask(data.schema()))
                : tabular;
        return new HybridScaling(tab, imageMean, imageStd, seriesMean, seriesStd,
                Normalizer.standardize(data.tabular().y()));
    }

    /** The same scaling restricted to some targets (by index), for target tables with fewer properties. */
    HybridScaling withTargets(int[] idx) {
        double[] c = new double[idx.length];
        double[] sc = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            c[k] = targets.center()[idx[k]];
            sc[k] = targets.scale()[idx[k]];
        }
        return new HybridScaling(tabular, imageMean, imageStd, seriesMean, seriesStd, Normalizer.of(c, sc));
    }
}
