package io.transfab.bench;

import io.transfab.model.Ensemble;
import io.transfab.model.Regressor;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.MlpRegressor;

/**
 * Arithmetic of network work: a forward pass through layers of sizes n_0..n_L costs
 * 2 sum_l n_(l-1) n_l FLOP per row (one multiply and one add per weight); a training step costs
 * three forward passes (the backward pass computes two products per weight: the input gradient and
 * the weight gradient). Biases, activations and the optimiser are left out (a few percent).
 */
public final class Flops {
    private Flops() {
    }

    /** Multiply-adds per row of a fully connected network with these layer sizes (inputs first). */
    public static long macs(int... sizes) {
        long m = 0;
        for (int l = 1; l < sizes.length; l++) {
            m += (long) sizes[l - 1] * sizes[l];
        }
        return m;
    }

    /** FLOP of one forward row of {@code model}: summed over ensemble members; 0 for models that are not MLPs. */
    public static double forwardPerRow(TrainedModel model) {
        return forwardPerRow(model.regressor());
    }

    private static double forwardPerRow(Regressor r) {
        if (r instanceof Ensemble e) {
            double sum = 0;
            for (Regressor m : e.members()) {
                sum += forwardPerRow(m);
            }
            return sum;
        }
        if (r instanceof MlpRegressor mlp) {
            double macs = 0;
            for (int l = 0; l <= mlp.hiddenLayerCount(); l++) {
                macs += (double) mlp.layerSize(l) * (l == 0 ? mlp.inputCount() : mlp.layerSize(l - 1));
            }
            return 2 * macs;
        }
        return 0;
    }

    /** FLOP of training {@code networks} networks for {@code epochs} epochs on {@code rows} rows each. */
    public static double training(int networks, int epochs, int rows, long macsPerRow) {
        return 6.0 * networks * epochs * (double) rows * macsPerRow;
    }
}
