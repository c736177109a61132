package io.transfab.design;

import io.transfab.data.CliNamed;
import java.util.Locale;

/** The regression model a D-optimal plan is built for. */
public enum ModelForm implements CliNamed {
    /** Intercept, main effects (numeric coded to [-1, 1], categoricals as treatment dummies). */
    LINEAR,
    /** Linear terms plus squares of numeric parameters with at least 3 values and all two-factor interactions. */
    QUADRATIC;

    /** The lower-case constant name ({@code linear, quadratic}). */
    @Override
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelForm fromCliName(String name) {
        return CliNamed.parse(ModelForm.class, name, "model");
    }
}
