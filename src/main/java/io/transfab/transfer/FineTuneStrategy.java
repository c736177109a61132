package io.transfab.transfer;

import io.transfab.data.CliNamed;

/** How a pre-trained network is adapted to the target rows. */
public enum FineTuneStrategy implements CliNamed {
    /** All layers trained further at a lower learning rate. */
    FULL("full"),
    /** The lower k hidden layers frozen (bit-identical), the rest trained. */
    FREEZE_LOWER("freeze"),
    /** Output layer re-initialised and trained on the frozen hidden features. */
    HEAD("head"),
    /** All layers trained with a penalty alpha * ||w - w_pretrained||^2 (L2-SP). */
    L2SP("l2sp"),
    /**
     * A per-domain adapter (feature-wise scale and shift on the inputs and hidden activations,
     * starting at the identity) trained on the target rows while the pre-trained network stays
     * frozen; needs a domain column.
     */
    ADAPTER("adapter"),
    /**
     * A Gaussian process whose prior mean is the pre-trained network re-calibrated to the target
     * ({@link GpTransfer}); the same candidate {@code auto} considers, here requested by name.
     */
    TRANSFER_GP(GpTransfer.METHOD),
    /** Chooses among the above (adapter only when a domain column is given) and a from-scratch network by inner cross-validation on the target rows. */
    AUTO("auto");

    private final String cliName;

    FineTuneStrategy(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    /** Parses the CLI name; unknown names get a message listing the valid ones. */
    public static FineTuneStrategy fromCliName(String name) {
        return CliNamed.parse(FineTuneStrategy.class, name, "strategy");
    }
}
