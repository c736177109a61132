package io.transfab.transfer;

/**
 * Options of {@link FineTuner}, validated on construction.
 *
 * @param strategy      how to adapt the network ({@link FineTuneStrategy#AUTO} chooses by inner CV)
 * @param normalization statistics used for the target inputs
 * @param frozenLayers  lower hidden layers frozen by {@link FineTuneStrategy#FREEZE_LOWER}
 * @param l2spAlpha     strength of the pull towards the pre-trained weights for {@link FineTuneStrategy#L2SP}
 * @param learningRate  Adam learning rate of fine-tuning (the re-initialised head uses ten times this)
 * @param epochs        full-batch epochs (target tables are small: no inner early-stopping split)
 * @param ensemble      members; 0 = one per pre-trained member
 * @param innerFolds    folds of the inner cross-validation of {@code auto}
 */
public record FineTuneOptions(FineTuneStrategy strategy, InputNormalization normalization, int frozenLayers,
        double l2spAlpha, double learningRate, int epochs, int ensemble, int innerFolds) {
    public FineTuneOptions {
        if (strategy == null || normalization == null) {
            throw new IllegalArgumentException("strategy and normalization are required");
        }
        if (frozenLayers < 0) {
            throw new IllegalArgumentException("--frozen-layers must be >= 0; got " + frozenLayers);
        }
        if (!(l2spAlpha >= 0) || !Double.isFinite(l2spAlpha)) {
            throw new IllegalArgumentException("--l2sp-alpha must be a finite number >= 0; got " + l2spAlpha);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0; got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1; got " + epochs);
        }
        if (ensemble < 0) {
            throw new IllegalArgumentException("--ensemble must be >= 0; got " + ensemble);
        }
        if (innerFolds < 2) {
            throw new IllegalArgumentException("inner folds must be >= 2; got " + innerFolds);
        }
    }

    /** Defaults measured on simulated electrode transfers (see docs/transfer.md). */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(FineTuneStrategy.AUTO, InputNormalization.TARGET, 1, 1e-2, 3e-3, 300, 0, 5);
    }

    public FineTuneOptions withStrategy(FineTuneStrategy s) {
        return new FineTuneOptions(s, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble,
                innerFolds);
    }

    public FineTuneOptions withEnsemble(int k) {
        return new FineTuneOptions(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, k,
                innerFolds);
    }
}
