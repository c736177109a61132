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
    DOPT,
    /** Bends of a model's responses: inflections, knees and interaction points ({@link ModelBasedDesigner}). */
    INFLECTION,
    /** Extremes, bends and space-filling points mixed ({@link ModelBasedDesigner.Mix}). */
    INFORMATIVE;

    /** Parses the CLI spelling ({@code lhs}, {@code sobol}, ...). */
    public static DesignMethod fromCliName(String name) {
        return CliNamed.parse(DesignMethod.class, name, "design method");
    }

    /** Whether the method reads a model ({@code --base}). */
    public boolean needsModel() {
        return this == INFLECTION || this == INFORMATIVE;
    }

    @Override
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
