package io.transfab.explain;

import io.transfab.data.DataException;

/** How Shapley values are computed. */
public enum ShapMethod {
    /** Exact up to {@link #EXACT_MAX_PLAYERS} players, Kernel SHAP above. */
    AUTO,
    /** Every one of the 2^p coalitions is evaluated. */
    EXACT,
    /** Kernel SHAP: weighted least squares over sampled coalitions (Lundberg &amp; Lee 2017). */
    KERNEL;

    /** Largest number of players for which AUTO chooses exact enumeration (2^12 = 4096 coalitions). */
    public static final int EXACT_MAX_PLAYERS = 12;

    /** The method actually used for {@code players} players. */
    public ShapMethod resolve(int players) {
        if (this == AUTO) {
            return players <= EXACT_MAX_PLAYERS ? EXACT : KERNEL;
        }
        if (this == EXACT && players > 20) {
            throw DataException.option("--method exact: Shapley values for " + players + " players would need 2^"
                    + players + " coalitions; use --method kernel");
        }
        return this;
    }
}
