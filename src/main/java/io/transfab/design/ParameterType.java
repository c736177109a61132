package io.transfab.design;

import java.util.Locale;

/** How a design parameter takes its values. */
public enum ParameterType {
    /** Any real value in [min, max], or the grid min + k*step when a step is given. */
    CONTINUOUS,
    /** Whole numbers in [min, max] (or min + k*step with an integer step). */
    INTEGER,
    /** One of a list of named levels. */
    CATEGORICAL;

    /** Parses the YAML spelling ({@code continuous}, {@code integer}, {@code categorical}). */
    public static ParameterType fromName(String name) {
        for (ParameterType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "' (use continuous, integer or categorical)");
    }
}
