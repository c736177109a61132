package io.transfab.design;

import java.util.Locale;

/** The regression model a D-optimal plan is built for. */
public enum ModelForm {
    /** Intercept, main effects (numeric coded to [-1, 1], categoricals as treatment dummies). */
    LINEAR,
    /** Linear terms plus squares of numeric parameters with at least 3 values and all two-factor interactions. */
    QUADRATIC;

    public static ModelForm fromCliName(String name) {
        for (ModelForm m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (use linear or quadratic)");
    }
}
