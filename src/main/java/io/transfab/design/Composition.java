package io.transfab.design;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of a space that are parts of a whole (Ni/Mn/Co/Al fractions summing to 1, slurry
 * mass percentages summing to 100): every point {@link ParameterSpace#fromUnit} gives has parts
 * summing to {@code total}, each within its parameter's range. Declared in the space file
 * ({@code compositions: [{parts: [a, b, c], total: 1}]}) or taken from a model trained with
 * composition inputs ({@link SpaceModel#of}).
 *
 * <p><b>How a point is put on the composition.</b> A point u of the unit cube is mapped to the
 * nearest point, in the unit-cube coordinates v_i = (x_i - min_i) / (max_i - min_i) that the
 * batch diversity measures distance in ({@link ParameterSpace#distance}), of the constrained
 * simplex {x : sum x_i = total, min_i <= x_i <= max_i}: v_i = clip(u_i - lambda w_i, 0, 1)
 * with w_i = max_i - min_i and lambda the root of sum w_i v_i = total - sum min_i, found by
 * bisection (the Euclidean projection onto a box cut by a hyperplane, the continuous quadratic
 * knapsack problem: Helgason, Kennington and Lall, Math. Program. 18 (1980) 338-351; Kiwiel,
 * Math. Program. 112 (2008) 473-491). The region is non-empty when the sum of the minima is at
 * most the total and the sum of the maxima at least the total (the consistency condition of
 * constrained mixture regions, Piepel, Technometrics 25 (1983) 97-101).
 *
 * <p>Why the projection and not the alternatives: sampling ilr coordinates within the range the
 * training rows span and mapping back gives recipes outside the parts' ranges (a box in ilr
 * coordinates is not a box in the parts) and cannot reach a part whose range starts at 0;
 * filling the parts one after another within the bounds the others leave (a stick-breaking
 * order) favours the first part. The projection treats every part alike, gives every point the
 * exact total and ranges, and is non-expansive (a Euclidean projection onto a convex set), so the
 * small steps that {@link InverseDesigner} takes in the unit cube stay small steps of the recipe.
 * The price: points of the cube far outside the simplex land on its faces, so a face (a part at
 * its bound) gets more candidates than a uniform design of the simplex would give it.
 *
 * @param parts  the parameter names, at least 2, distinct
 * @param total  the sum the parts are held at, > 0
 * @param origin where the group was declared ("the space file", "the model"), for the outputs
 */
public record Composition(List<String> parts, double total, String origin) {
    public Composition {
        parts = List.copyOf(parts);
        Objects.requireNonNull(origin, "origin");
        if (parts.size() < 2 || new HashSet<>(parts).size() != parts.size()) {
            throw new IllegalArgumentException("a composition needs at least 2 distinct parts; got " + parts);
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("composition " + String.join("+", parts) + ": total must be a "
                    + "number > 0; got " + total);
        }
    }

    /**
     * The group of a model, whose stored total is the training rows' mean sum: held at the power
     * of ten (1, 100, ...) within {@code tolerance} (relative) of that mean, else at the mean.
     */
    public static Composition ofModel(List<String> parts, double meanTotal, double tolerance) {
        double p = Math.pow(10, Math.rint(Math.log10(meanTotal)));
        return new Composition(parts, Math.abs(meanTotal - p) <= tolerance * p ? p : meanTotal, "the model");
    }

    /** The parts joined with '+'. */
    public String label() {
        return String.join("+", parts);
    }

    /**
     * Projects unit-cube coordinates {@code u} of the parts (ranges {@code min}, {@code max}) onto
     * the parts that sum to {@code total}, as described in the class comment; returns the parts.
     */
    static double[] project(double[] u, double[] min, double[] max, double total) {
        int d = u.length;
        double[] w = new double[d];
        double rest = total;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            w[i] = max[i] - min[i];
            rest -= min[i];
            lo = Math.min(lo, (u[i] - 1) / w[i]);
            hi = Math.max(hi, u[i] / w[i]);
        }
        // g(lambda) = sum w_i clip(u_i - lambda w_i, 0, 1) falls from sum w (at lo) to 0 (at hi)
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (!(mid > lo && mid < hi)) {
                break;
            }
            if (filled(u, w, mid) > rest) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double lambda = 0.5 * (lo + hi);
        double[] x = new double[d];
        double sum = 0;
        for (int i = 0; i < d; i++) {
            x[i] = min[i] + w[i] * clip(u[i] - lambda * w[i]);
            sum += x[i];
        }
        // the bisection leaves a rounding residual: give it to the part with the most room for it
        double residual = total - sum;
        int free = -1;
        double room = 0;
        for (int i = 0; i < d; i++) {
            double r = residual > 0 ? max[i] - x[i] : x[i] - min[i];
            if (r > room) {
                room = r;
                free = i;
            }
        }
        if (free >= 0) {
            x[free] = Math.max(min[free], Math.min(max[free], x[free] + residual));
        }
        return x;
    }

    private static double filled(double[] u, double[] w, double lambda) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += w[i] * clip(u[i] - lambda * w[i]);
        }
        return s;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
