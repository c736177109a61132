package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One mini-batch of standardised network inputs as flat float arrays (images {@code [n][c][h][w]},
 * series {@code [n][length][channels]}, tabular {@code [n][p]}) and, when known, standardised
 * targets {@code [n][t]}.
 */
record HybridInputs(int rows, float[] images, float[] series, float[] tabular, float[] targets) {
    NDArray images(NDManager m, HybridArchitecture a) {
        return a.imageChannels() == 0 ? null
                : Torch.owned(m, images, new Shape(rows, a.imageChannels(), a.imageHeight(), a.imageWidth()));
    }

    NDArray series(NDManager m, HybridArchitecture a) {
        return a.seriesChannels() == 0 ? null
                : Torch.owned(m, series, new Shape(rows, a.seriesLength(), a.seriesChannels()));
    }

    NDArray tabular(NDManager m, HybridArchitecture a) {
        return a.tabularInputs() == 0 ? null : Torch.owned(m, tabular, new Shape(rows, a.tabularInputs()));
    }

    NDArray targets(NDManager m, HybridArchitecture a) {
        return Torch.owned(m, targets, new Shape(rows, a.targets()));
    }
}
