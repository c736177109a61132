package io.transfab.assess;

import io.transfab.data.CliNamed;

/** The methods {@code assess} compares, by the names {@code train} and {@code finetune} use. */
public enum Method implements CliNamed {
    MLP("mlp", false),
    RIDGE("ridge", false),
    GP("gp", false),
    XGBOOST("xgboost", false),
    FULL("full", true),
    FREEZE("freeze", true),
    HEAD("head", true),
    L2SP("l2sp", true),
    AUTO("auto", true),
    /** A GP whose prior mean is the re-calibrated pre-trained network. */
    TRANSFER_GP("transfer-gp", true),
    /** The hybrid network (images, series, tabular) pre-trained on the source and fine-tuned (freeze) on the draw. */
    HYBRID_TRANSFER("hybrid-transfer", true),
    /** The same hybrid network trained on the target draw alone. */
    HYBRID_SCRATCH("hybrid-scratch", false);

    private final String cliName;
    private final boolean transfer;

    Method(String cliName, boolean transfer) {
        this.cliName = cliName;
        this.transfer = transfer;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    /** Whether the method uses the source data (through the pre-trained network). */
    public boolean isTransfer() {
        return transfer;
    }

    /** Whether the method reads image and series columns (only these do; the others see the tabular columns). */
    public boolean isHybrid() {
        return this == HYBRID_TRANSFER || this == HYBRID_SCRATCH;
    }

    public static Method fromCliName(String name) {
        return CliNamed.parse(Method.class, name, "method");
    }
}
