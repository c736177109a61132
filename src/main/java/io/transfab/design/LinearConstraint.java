package io.transfab.design;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A linear constraint {@code sum_j a_j x_j REL b} on numeric parameters, as written in the space file.
 *
 * @param text the constraint as written (used in messages)
 * @param coefficients a_j per parameter name, in order of first appearance, zero terms dropped
 */
public record LinearConstraint(String text, Map<String, Double> coefficients, Comparison comparison, double bound) {
    public LinearConstraint {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(comparison, "comparison");
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("coefficient of " + e.getKey() + " is not a finite number");
            }
            if (e.getValue() != 0) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("constraint has no parameter with a non-zero coefficient");
        }
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("constraint bound is not a finite number");
        }
        coefficients = java.util.Collections.unmodifiableMap(copy);
    }

    /** Parses {@code text} (see {@link ConstraintParser}). */
    public static LinearConstraint parse(String text) {
        return ConstraintParser.parse(text);
    }

    /** Whether the values (by parameter name) satisfy the constraint. */
    public boolean satisfiedBy(Map<String, Double> values) {
        double lhs = 0;
        double scale = Math.abs(bound);
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            double term = e.getValue() * values.get(e.getKey());
            lhs += term;
            scale = Math.max(scale, Math.abs(term));
        }
        return comparison.holds(lhs, bound, scale);
    }
}
