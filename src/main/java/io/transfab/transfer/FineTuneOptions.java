package io.transfab.transfer;

import io.transfab.data.DataException;
import io.transfab.model.NormalizationScheme;

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
 * @param scheme        normalisation scheme of the statistics computed on the target rows
 * @param domainColumn  the column naming each target row's domain (lab, line...), or null; needed by
 *                      {@link FineTuneStrategy#ADAPTER} and {@link NormalizationScheme#PER_DOMAIN}
 * @param auto          what {@code auto} considers besides the transfer strategies
 */
public record FineTuneOptions(FineTuneStrategy strategy, InputNormalization normalization, int frozenLayers,
        double l2spAlpha, double learningRate, int epochs, int ensemble, int innerFolds, NormalizationScheme scheme,
        String domainColumn, AutoOptions auto) {
    /** These options with {@link AutoOptions#defaults()}. */
    public FineTuneOptions(FineTuneStrategy strategy, InputNormalization normalization, int frozenLayers,
            double l2spAlpha, double learningRate, int epochs, int ensemble, int innerFolds, NormalizationScheme scheme,
            String domainColumn) {
        this(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble, innerFolds, scheme,
                domainColumn, AutoOptions.defaults());
    }

    public FineTuneOptions {
        if (auto == null) {
            throw new IllegalArgumentException("auto options are required");
        }
        if (scheme == null) {
            throw new IllegalArgumentException("a normalisation scheme is required");
        }
        if (domainColumn == null && (strategy == FineTuneStrategy.ADAPTER
                || scheme == NormalizationScheme.PER_DOMAIN)) {
            throw DataException.option((strategy == FineTuneStrategy.ADAPTER ? "--strategy adapter"
                    : "--normalization per-domain") + " needs --domain COLUMN (the column naming each row's lab, "
                    + "line or equipment)");
        }
        if (normalization == InputNormalization.SOURCE && scheme != NormalizationScheme.STANDARD) {
            throw DataException.option("--normalization " + scheme.cliName() + " applies to statistics of the "
                    + "target rows; with --normalize source the base model's own normalisation is used");
        }
        if (strategy == null || normalization == null) {
            throw new IllegalArgumentException("strategy and normalization are required");
        }
        if (frozenLayers < 0) {
            throw DataException.option("--frozen-layers must be >= 0; got " + frozenLayers);
        }
        if (!(l2spAlpha >= 0) || !Double.isFinite(l2spAlpha)) {
            throw DataException.option("--l2sp-alpha must be a finite number >= 0; got " + l2spAlpha);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw DataException.option("--lr must be > 0; got " + learningRate);
        }
        if (epochs < 1) {
            throw DataException.option("--epochs must be >= 1; got " + epochs);
        }
        if (ensemble < 0) {
            throw DataException.option("--ensemble must be >= 0; got " + ensemble);
        }
        if (innerFolds < 2) {
            throw new IllegalArgumentException("inner folds must be >= 2; got " + innerFolds);
        }
    }

    /** Standard normalisation and no domain column (the options before domains existed). */
    public FineTuneOptions(FineTuneStrategy strategy, InputNormalization normalization, int frozenLayers,
            double l2spAlpha, double learningRate, int epochs, int ensemble, int innerFolds) {
        this(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble, innerFolds,
                NormalizationScheme.STANDARD, null);
    }

    /** Defaults measured on simulated electrode transfers (see docs/transfer.md). */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(FineTuneStrategy.AUTO, InputNormalization.TARGET, 1, 1e-2, 3e-3, 300, 0, 5);
    }

    public FineTuneOptions withStrategy(FineTuneStrategy s) {
        return new FineTuneOptions(s, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble,
                innerFolds, scheme, domainColumn, auto);
    }

    public FineTuneOptions withEnsemble(int k) {
        return new FineTuneOptions(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, k,
                innerFolds, scheme, domainColumn, auto);
    }

    /** These options with a normalisation scheme and a domain column (null for none). */
    public FineTuneOptions withDomain(NormalizationScheme s, String column) {
        return new FineTuneOptions(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble,
                innerFolds, s, column, auto);
    }

    /** These options with other {@link AutoOptions}. */
    public FineTuneOptions withAuto(AutoOptions a) {
        return new FineTuneOptions(strategy, normalization, frozenLayers, l2spAlpha, learningRate, epochs, ensemble,
                innerFolds, scheme, domainColumn, a);
    }

    /** These options with another fine-tuning learning rate. */
    public FineTuneOptions withLearningRate(double lr) {
        return new FineTuneOptions(strategy, normalization, frozenLayers, l2spAlpha, lr, epochs, ensemble,
                innerFolds, scheme, domainColumn, auto);
    }
}
