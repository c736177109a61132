package io.transfab.model.nn;

import io.transfab.data.DataException;
import java.util.List;

/**
 * Architecture and training of a {@link HybridRegressor}: an image encoder (3x3 convolutions, each
 * followed by ReLU and 2x2 max pooling, then global average pooling), a GRU over the series, a
 * one-layer tabular MLP, and a head (one hidden layer) on their concatenation.
 *
 * @param convChannels  output channels of the convolution stages, input side first (at least one)
 * @param seriesState   GRU state size (the series embedding width)
 * @param tabularHidden width of the tabular branch
 * @param headHidden    width of the head's hidden layer
 * @param training      optimiser settings; {@code dropout} applies to the fused embedding and the head's
 *                      hidden layer, {@code weightDecay} to every weight tensor (not to biases)
 */
public record HybridOptions(List<Integer> convChannels, int seriesState, int tabularHidden, int headHidden,
        TrainingOptions training) {
    public HybridOptions {
        if (convChannels == null || convChannels.isEmpty()) {
            throw new IllegalArgumentException("the image encoder needs at least one convolution stage");
        }
        for (Integer c : convChannels) {
            if (c == null || c < 1) {
                throw new IllegalArgumentException("convolution channels must be >= 1, got " + convChannels);
            }
        }
        if (seriesState < 1) {
            throw new IllegalArgumentException("seriesState must be >= 1, got " + seriesState);
        }
        if (tabularHidden < 1 || headHidden < 1) {
            // the CLI sets both widths from --hidden (first and last size)
            throw DataException.option("--hidden sizes must each be at least 1, got tabular width " + tabularHidden
                    + " and head width " + headHidden);
        }
        if (training == null) {
            throw new IllegalArgumentException("training options are required");
        }
        convChannels = List.copyOf(convChannels);
    }

    /**
     * Two convolution stages of 8 and 16 channels, a GRU of 16 states, 32 tabular and 32 head units;
     * AdamW at 2e-3 for at most 40 epochs of batches of 32, weight decay 1e-4, dropout 0.1, 15% held
     * out with patience 8. Sized for a few thousand 64x64 images on two CPU cores (docs/hybrid.md).
     */
    public static HybridOptions defaults() {
        return new HybridOptions(List.of(8, 16), 16, 32, 32, new TrainingOptions(2e-3, 40, 32, 1e-4, 0.1, 0.15, 8));
    }

    public HybridOptions withTraining(TrainingOptions value) {
        return new HybridOptions(convChannels, seriesState, tabularHidden, headHidden, value);
    }
}
