package io.transfab.design;

import java.util.Locale;

/** How a plan is generated (see docs/design.md). */
public enum DesignMethod {
    /** Maximin Latin hypercube. */
    LHS,
    /** Digitally shifted Sobol points. */
    SOBOL,
    /** Full factorial on a few levels, or a maximin subset of it. */
    FACTORIAL,
    /** Corners, edge centres and centre points. */
    EXTREMES,
    /** D-optimal exchange for a linear or quadratic model. */
    DOPT;

    /** Parses the CLI spelling ({@code lhs}, {@code sobol}, ...). */
    public static DesignMethod fromCliName(String name) {
        for (DesignMethod m : values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown design method '" + name
                + "' (use lhs, sobol, factorial, extremes or dopt)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
