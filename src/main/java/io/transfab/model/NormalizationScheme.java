package io.transfab.model;

import io.transfab.data.CliNamed;

/**
 * How a model scales its numeric inputs (and targets) before the regressor sees them; stored in
 * model.json and re-applied at prediction time. See docs/transfer.md, "Normalisation schemes".
 */
public enum NormalizationScheme implements CliNamed {
    /** Mean and population standard deviation (the default, and what every format-1 model used). */
    STANDARD("standard"),
    /** Median and interquartile range / 1.349 (equal to the standard deviation for normal data). */
    ROBUST("robust"),
    /** Minimum and maximum, mapped to [-1, 1]. */
    MINMAX("minmax"),
    /**
     * Mean and standard deviation of the inputs computed separately for every value of a domain
     * column (lab, line, equipment); targets use the pooled statistics.
     */
    PER_DOMAIN("per-domain");

    private final String cliName;

    NormalizationScheme(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    /** Parses the CLI name; unknown names get a message listing the valid ones. */
    public static NormalizationScheme fromCliName(String name) {
        return CliNamed.parse(NormalizationScheme.class, name, "--normalization");
    }
}
