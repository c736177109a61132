package io.transfab.campaign;

import io.transfab.transfer.FineTuneOptions;
import java.util.Objects;

/**
 * Options of {@link Campaign#retrain}.
 *
 * @param fineTune fine-tuning options (used when the campaign has a base model)
 * @param repretrain re-pre-train the base network on source plus recorded rows before fine-tuning
 * @param seed seed of training, cross-validation and the uncertainty sample's model draws
 */
public record RetrainOptions(FineTuneOptions fineTune, boolean repretrain, long seed) {
    public RetrainOptions {
        Objects.requireNonNull(fineTune, "fineTune");
    }
}
