package io.transfab.design;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * What to plan.
 *
 * @param runs number of experiments N (&gt;= 1)
 * @param levels levels per numeric parameter for {@link DesignMethod#FACTORIAL} (&gt;= 2)
 * @param model model form for {@link DesignMethod#DOPT}
 * @param seed seed of every random choice; the same seed gives the same plan
 */
public record DesignOptions(DesignMethod method, int runs, int levels, ModelForm model, long seed) {
    public DesignOptions {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(model, "model");
        if (runs < 1) {
            throw DataException.option("--n must be >= 1; got " + runs);
        }
        if (levels < 2) {
            throw DataException.option("--levels must be >= 2; got " + levels);
        }
    }

    /** Defaults: 3 levels, quadratic model. */
    public static DesignOptions of(DesignMethod method, int runs, long seed) {
        return new DesignOptions(method, runs, 3, ModelForm.QUADRATIC, seed);
    }
}
