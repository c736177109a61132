package io.transfab.transfer;

import io.transfab.data.CliNamed;

/**
 * Which statistics standardise the target table's inputs before they enter the pre-trained
 * network. Targets (outputs) are always standardised with the target rows' own statistics, so
 * that the output layer only has to re-calibrate level and spread.
 */
public enum InputNormalization implements CliNamed {
    /**
     * The source table's mean and standard deviation: an input keeps its physical meaning (60 %
     * solid content is the same point for source and target), and target rows outside the source
     * range land outside the region the network was trained on.
     */
    SOURCE("source"),
    /**
     * The target rows' own mean and standard deviation: the target's parameter ranges are mapped
     * onto the region the network knows, which aligns shifted ranges (e.g. 40-55 % vs 60-75 %
     * solid content) at the cost of the absolute meaning of a value.
     */
    TARGET("target");

    private final String cliName;

    InputNormalization(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    public static InputNormalization fromCliName(String name) {
        return CliNamed.parse(InputNormalization.class, name, "normalisation");
    }
}
