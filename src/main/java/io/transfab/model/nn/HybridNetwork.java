package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A hybrid network's parameters as DJL arrays and its forward pass, built from functional ops
 * (convolution, max pooling, libtorch's fused GRU, linear layers) on parameters drawn in Java,
 * so initialisation comes from the seed and never from the engine's RNG. Parameters of frozen
 * groups take no gradient. Arrays live in the manager given at construction.
 */
final class HybridNetwork {
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape PAD = new Shape(1, 1);
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final HybridArchitecture arch;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Set<String> trainable;

    /**
     * @param values    every parameter's values (row-major, shapes of {@link HybridArchitecture#parameterShapes})
     * @param trainable names of the parameters that take gradients
     */
    HybridNetwork(NDManager manager, HybridArchitecture arch, Map<String, float[]> values, Set<String> trainable) {
        this.arch = arch;
        this.trainable = Set.copyOf(trainable);
        for (Map.Entry<String, long[]> e : arch.parameterShapes().entrySet()) {
            NDArray p = Torch.owned(manager, values.get(e.getKey()).clone(), new Shape(e.getValue()));
            p.setRequiresGradient(trainable.contains(e.getKey()));
            params.put(e.getKey(), p);
        }
    }

    NDArray parameter(String name) {
        return params.get(name);
    }

    Set<String> trainable() {
        return trainable;
    }

    /** Current values of every parameter (copies). */
    Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            out.put(e.getKey(), e.getValue().toFloatArray());
        }
        return out;
    }

    /**
     * The network output, rows x targets. Inputs: images {@code [n][c][h][w]}, series
     * {@code [n][length][channels]}, tabular {@code [n][p]}; null where the architecture has no such
     * branch. With {@code dropout > 0}, inverted-dropout masks drawn from {@code rng} multiply the fused
     * embedding and the head's hidden layer. Temporaries are attached to {@code step}.
     */
    NDArray forward(NDManager step, NDArray images, NDArray series, NDArray tabular, double dropout,
            SplittableRandom rng) {
        return head(step, arch.imageChannels() > 0 ? encodeImage(images) : null,
                arch.seriesChannels() > 0 ? encodeSeries(step, series) : null, tabular, dropout, rng);
    }

    /**
     * The tabular branch and the head on given encoder outputs (image embedding {@code n x
     * imageEmbedding}, series embedding {@code n x seriesEmbedding}; null where the architecture has no
     * such branch): what {@link #forward} runs after the encoders. Explanations compose rows from
     * pre-computed embeddings through it, so the encoders run once per image rather than per coalition.
     */
    NDArray head(NDManager step, NDArray imageEmbedding, NDArray seriesEmbedding, NDArray tabular, double dropout,
            SplittableRandom rng) {
        NDList parts = new NDList();
        if (arch.imageChannels() > 0) {
            parts.add(imageEmbedding);
        }
        if (arch.seriesChannels() > 0) {
            parts.add(seriesEmbedding);
        }
        if (arch.tabularInputs() > 0) {
            parts.add(silu(linear(tabular, HybridArchitecture.TABULAR + ".fc")));
        }
        NDArray fused = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
        if (dropout > 0) {
            fused = fused.mul(TorchMlp.mask(step, fused.getShape(), dropout, rng));
        }
        NDArray hidden = silu(linear(fused, HybridArchitecture.HEAD + ".hidden"));
        if (dropout > 0) {
            hidden = hidden.mul(TorchMlp.mask(step, hidden.getShape(), dropout, rng));
        }
        return linear(hidden, HybridArchitecture.HEAD_OUT);
    }

    /** Conv 3x3 (same padding) -> ReLU -> 2x2 max pool per stage, then global average pooling: n x channels. */
    NDArray encodeImage(NDArray images) {
        NDArray h = images;
        for (int k = 0; k < arch.convChannels().size(); k++) {
            String name = HybridArchitecture.IMAGE + ".conv" + k;
            h = Conv2d.conv2d(h, params.get(name + ".weight"), params.get(name + ".bias"), ONE, PAD, ONE, 1)
                    .singletonOrThrow();
            h = ai.djl.nn.Activation.relu(h);
            h = Pool.maxPool2d(h, POOL, POOL, NO_PAD, false);
        }
        long n = h.getShape().get(0);
        return Pool.globalAvgPool2d(h).reshape(n, arch.imageEmbedding());
    }

    /** libtorch's GRU (batch first, one layer, zero initial state); the final state, n x state. */
    NDArray encodeSeries(NDManager step, NDArray series) {
        long n = series.getShape().get(0);
        String g = HybridArchitecture.SERIES + ".gru.";
        NDArray h0 = step.zeros(new Shape(1, n, arch.seriesState()));
        NDList weights = new NDList(params.get(g + "weight_ih"), params.get(g + "weight_hh"), params.get(g + "bias_ih"),
                params.get(g + "bias_hh"));
        NDList out = series.getNDArrayInternal().gru(series, h0, weights, true, 1, 0.0, false, false, true);
        return out.get(1).reshape(n, arch.seriesState());
    }

    private NDArray linear(NDArray x, String layer) {
        return Linear.linear(x, params.get(layer + ".weight"), params.get(layer + ".bias")).singletonOrThrow();
    }

    private static NDArray silu(NDArray z) {
        return z.mul(ai.djl.nn.Activation.sigmoid(z));
    }

    /** The L2-SP term: sum over anchored parameters of ||p - p0||^2, attached to {@code step}. */
    NDArray anchorDistance(NDManager step, Map<String, NDArray> anchors) {
        NDArray total = null;
        for (Map.Entry<String, NDArray> e : anchors.entrySet()) {
            NDArray d = params.get(e.getKey()).sub(e.getValue());
            d.attach(step);
            NDArray term = d.square().sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
