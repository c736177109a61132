package io.transfab.model.nn;

/**
 * What {@link MlpTrainer#fineTune} may change in a pre-trained network.
 *
 * <p>Regularisation toward the pre-trained weights is L2-SP (Li, Grandvalet &amp; Davoine 2018,
 * "Explicit inductive bias for transfer learning with convolutional networks"): the loss becomes
 * {@code MSE + anchorPenalty * sum ||w - w_pretrained||^2}, summed over the weights and biases of
 * every trained layer that was not re-initialised (frozen layers cannot move, a re-initialised
 * head has no meaningful anchor). Ordinary decay toward zero stays {@code training.weightDecay()}.
 *
 * @param frozenHiddenLayers the lowest k hidden layers get no updates at all and stay bit-identical;
 *                           0 .. the base network's hidden layer count (checked by fineTune)
 * @param reinitializeHead   whether the output layer is drawn afresh from the seed before training
 * @param anchorPenalty      L2-SP strength alpha (&gt;= 0; 0 = plain fine-tuning)
 * @param training           optimiser settings for the fine-tuning run
 */
public record FineTuneSpec(int frozenHiddenLayers, boolean reinitializeHead, double anchorPenalty,
                           TrainingOptions training) {
    public FineTuneSpec {
        if (frozenHiddenLayers < 0) {
            throw new IllegalArgumentException("frozenHiddenLayers must be >= 0, got " + frozenHiddenLayers);
        }
        if (!(anchorPenalty >= 0) || !Double.isFinite(anchorPenalty)) {
            throw new IllegalArgumentException("anchorPenalty must be a finite number >= 0, got " + anchorPenalty);
        }
        if (training == null) {
            throw new IllegalArgumentException("training options are required");
        }
    }

    /** Every layer trainable, no anchor: plain fine-tuning from the pre-trained weights. */
    public static FineTuneSpec full(TrainingOptions training) {
        return new FineTuneSpec(0, false, 0.0, training);
    }

    /** Every layer trainable, pulled toward the pre-trained weights with strength {@code alpha} (L2-SP). */
    public static FineTuneSpec anchored(double alpha, TrainingOptions training) {
        return new FineTuneSpec(0, false, alpha, training);
    }

    /** All hidden layers of {@code base} frozen, output layer re-initialised and trained (a new head). */
    public static FineTuneSpec head(MlpRegressor base, TrainingOptions training) {
        return new FineTuneSpec(base.hiddenLayerCount(), true, 0.0, training);
    }
}
