package io.transfab.model;

import io.transfab.data.CliNamed;

/**
 * Which input statistics a per-domain model uses for rows of a domain it was not trained on.
 * Either way the rows are reported as unseen (see {@link InputScaling.Applied}).
 */
public enum UnseenDomainRule implements CliNamed {
    /** The pooled statistics of all training rows (the default: needs nothing from the new domain). */
    POOLED("pooled"),
    /**
     * The new domain's own input statistics, estimated from its rows in the table being predicted
     * (no targets needed; the idea of AdaBN, Li et al. 2016). Only with at least
     * {@link InputScaling#MIN_OWN_ROWS} rows, else pooled. Assumes the new domain ran a design
     * like the training domains': a domain that only explored a corner of the space is distorted.
     */
    OWN_ROWS("own-rows");

    private final String cliName;

    UnseenDomainRule(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    public static UnseenDomainRule fromCliName(String name) {
        return CliNamed.parse(UnseenDomainRule.class, name, "--unseen-domain");
    }
}
