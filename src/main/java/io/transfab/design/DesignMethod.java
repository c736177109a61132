package io.transfab.design;

import io.transfab.data.CliNamed;
import java.util.Locale;

/** How a plan is generated (see docs/design.md). */
public enum DesignMethod implements CliNamed {
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
        return CliNamed.parse(DesignMethod.class, name, "design method");
    }

    @Override
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
