package io.transfab.model.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of a hybrid network: its inputs (image channels and size, series channels and length,
 * tabular width), its targets and its layer widths. A branch whose input is absent (no image
 * column, no series column, no tabular feature) is left out of the network.
 */
public record HybridArchitecture(int imageChannels, int imageHeight, int imageWidth, int seriesChannels,
        int seriesLength, int tabularInputs, int targets, List<Integer> convChannels, int seriesState,
        int tabularHidden, int headHidden) {
    /** Parameter groups: the encoders, the tabular branch and the head (what {@code freeze} can hold fixed). */
    public static final String IMAGE = "image";
    public static final String SERIES = "series";
    public static final String TABULAR = "tabular";
    public static final String HEAD = "head";
    /** The head's output layer (re-initialised by the {@code head} strategy). */
    static final String HEAD_OUT = "head.out";

    public HybridArchitecture {
        convChannels = List.copyOf(convChannels);
        if (imageChannels < 0 || seriesChannels < 0 || tabularInputs < 0 || targets < 1) {
            throw new IllegalArgumentException("negative input counts or no target");
        }
        if (imageChannels + seriesChannels + tabularInputs == 0) {
            throw new IllegalArgumentException("a hybrid network needs at least one input");
        }
        int min = 1 << convChannels.size();
        if (imageChannels > 0 && (imageHeight < min || imageWidth < min)) {
            throw new IllegalArgumentException("images of " + imageWidth + "x" + imageHeight + " pixels are too small "
                    + "for " + convChannels.size() + " pooling stages (at least " + min + "x" + min + ")");
        }
        if (seriesChannels > 0 && seriesLength < 2) {
            throw new IllegalArgumentException("series need at least 2 points, got " + seriesLength);
        }
    }

    /** The architecture of {@code options} for these inputs. */
    public static HybridArchitecture of(int imageChannels, int imageHeight, int imageWidth, int seriesChannels,
            int seriesLength, int tabularInputs, int targets, HybridOptions options) {
        return new HybridArchitecture(imageChannels, imageHeight, imageWidth, seriesChannels, seriesLength,
                tabularInputs, targets, options.convChannels(), options.seriesState(), options.tabularHidden(),
                options.headHidden());
    }

    /** Width of the image embedding: the last convolution's channels after global average pooling (0 without images). */
    public int imageEmbedding() {
        return imageChannels > 0 ? convChannels.get(convChannels.size() - 1) : 0;
    }

    /** Width of the series embedding: the GRU's final state (0 without series). */
    public int seriesEmbedding() {
        return seriesChannels > 0 ? seriesState : 0;
    }

    /** Width of the tabular embedding (0 without tabular features). */
    public int tabularEmbedding() {
        return tabularInputs > 0 ? tabularHidden : 0;
    }

    /** Width of the concatenated embeddings the head reads. */
    public int fusedWidth() {
        return imageEmbedding() + seriesEmbedding() + tabularEmbedding();
    }

    /**
     * Every parameter tensor's shape, in a fixed order, named {@code group.layer.kind}: convolutions
     * {@code [out][in][3][3]}, GRU weights as torch's {@code weight_ih_l0 [3s][in]}, {@code weight_hh_l0
     * [3s][s]} with gates (reset, update, new), linear weights {@code [out][in]}.
     */
    public Map<String, long[]> parameterShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (imageChannels > 0) {
            int in = imageChannels;
            for (int k = 0; k < convChannels.size(); k++) {
                int out = convChannels.get(k);
                shapes.put(IMAGE + ".conv" + k + ".weight", new long[] {out, in, 3, 3});
                shapes.put(IMAGE + ".conv" + k + ".bias", new long[] {out});
                in = out;
            }
        }
        if (seriesChannels > 0) {
            shapes.put(SERIES + ".gru.weight_ih", new long[] {3L * seriesState, seriesChannels});
            shapes.put(SERIES + ".gru.weight_hh", new long[] {3L * seriesState, seriesState});
            shapes.put(SERIES + ".gru.bias_ih", new long[] {3L * seriesState});
            shapes.put(SERIES + ".gru.bias_hh", new long[] {3L * seriesState});
        }
        if (tabularInputs > 0) {
            shapes.put(TABULAR + ".fc.weight", new long[] {tabularHidden, tabularInputs});
            shapes.put(TABULAR + ".fc.bias", new long[] {tabularHidden});
        }
        shapes.put(HEAD + ".hidden.weight", new long[] {headHidden, fusedWidth()});
        shapes.put(HEAD + ".hidden.bias", new long[] {headHidden});
        shapes.put(HEAD_OUT + ".weight", new long[] {targets, headHidden});
        shapes.put(HEAD_OUT + ".bias", new long[] {targets});
        return shapes;
    }

    /** The group of a parameter name: the text before the first dot. */
    static String group(String parameter) {
        return parameter.substring(0, parameter.indexOf('.'));
    }

    /** Fan-in of a parameter for torch's default uniform initialisation bound 1/sqrt(fan_in). */
    int fanIn(String parameter) {
        if (parameter.startsWith(SERIES + ".")) {
            return seriesState; // torch's GRU: every tensor ~ U(-1/sqrt(hidden), 1/sqrt(hidden))
        }
        String weight = parameter.substring(0, parameter.lastIndexOf('.')) + ".weight";
        long[] w = parameterShapes().get(weight);
        long fan = 1;
        for (int i = 1; i < w.length; i++) {
            fan *= w[i];
        }
        return Math.toIntExact(fan);
    }
}
