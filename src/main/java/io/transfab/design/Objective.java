package io.transfab.design;

import io.transfab.data.DataException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An inverse-design objective: several {@link ObjectiveTerm}s, each on a different target, equally weighted. */
public record Objective(List<ObjectiveTerm> terms) {
    public Objective {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw DataException.option("the goal needs at least one term (target:Y=VALUE, max:Y or min:Y)");
        }
        Set<String> seen = new HashSet<>();
        for (ObjectiveTerm t : terms) {
            if (!seen.add(t.target())) {
                throw DataException.option("target '" + t.target() + "' appears in more than one goal term");
            }
        }
    }

    /** Parses comma-separated terms, e.g. {@code target:density_g_cm3=1.5,max:areal_capacity_mah_cm2}. */
    public static Objective parse(String text) {
        List<ObjectiveTerm> terms = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            terms.add(ObjectiveTerm.parse(part));
        }
        return new Objective(terms);
    }
}
