package io.transfab.assess;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The methods {@code assess} compares, by the names {@code train} and {@code finetune} use. */
public enum Method {
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
    TRANSFER_GP("transfer-gp", true);

    private final String cliName;
    private final boolean transfer;

    Method(String cliName, boolean transfer) {
        this.cliName = cliName;
        this.transfer = transfer;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the method uses the source data (through the pre-trained network). */
    public boolean isTransfer() {
        return transfer;
    }

    public static Method fromCliName(String name) {
        for (Method m : values()) {
            if (m.cliName.equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; choose from "
                + Arrays.stream(values()).map(Method::cliName).collect(Collectors.joining(", ")));
    }
}
