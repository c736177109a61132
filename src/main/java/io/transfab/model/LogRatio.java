package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Isometric log-ratio (ilr) coordinates of composition inputs: groups of encoded input columns
 * whose values are parts of a whole (element fractions summing to 1, recipe mass percentages
 * summing to 100). Applied to the encoded inputs before the affine {@link Normalizer}, so that a
 * regressor sees log-ratio coordinates and the model stores and re-applies them (model.json's
 * {@code inputNormalizer.composition}).
 *
 * <p><b>Why ilr (pivot coordinates).</b> Raw fractions of a D-part composition are bounded and
 * linearly dependent (one is 1 minus the others), so a GP with one length scale per input (ARD)
 * spends a length scale on a redundant direction and measures distance in a space where 0.01 vs
 * 0.02 counts as little as 0.50 vs 0.51. The centred log-ratio (clr) fixes the scale but gives D
 * collinear coordinates (they sum to zero: a singular covariance, and ARD length scales that trade
 * off against each other); dropping a component depends on which one is dropped. ilr gives D - 1
 * orthonormal coordinates with Aitchison distance as Euclidean distance, which is what a
 * stationary kernel with ARD assumes. Pivot coordinates are used (Filzmoser, Hron and Templ):
 * <pre>
 *   z_i = sqrt((D - i) / (D - i + 1)) ln(x_i / gmean(x_{i+1}, ..., x_D)),  i = 1 .. D - 1
 * </pre>
 * so that z_1 contrasts the first part with the rest.
 *
 * <p><b>Width.</b> The encoded width is kept: coordinate z_i is written in the slot of part i and
 * the last part's slot is 0 for every row (a composition carries no information in its total, so
 * predictions do not depend on whether a row sums to 99.7 or 100). The normaliser leaves that slot
 * unscaled. The inverse returns parts closed to the training rows' mean total.
 *
 * <p><b>Zeros.</b> A log-ratio needs positive parts. Each row is closed to 1 and its zero parts are
 * replaced multiplicatively (Martín-Fernández, Barceló-Vidal and Pawlowsky-Glahn 2003): a zero becomes
 * {@code delta} and the non-zero parts are multiplied by {@code 1 - k delta} (k zeros), which keeps
 * the ratios among the non-zero parts. {@code delta} is 0.65 times the smallest positive closed part
 * seen in the training rows (the usual 65 % of a detection limit, with the smallest observed value as
 * the limit), stored with the group so that prediction uses the same value. Negative values (which
 * detection declines in training) count as zeros at prediction time; a row whose parts are all zero
 * maps to the centre (equal parts).
 */
public final class LogRatio {
    /** Share of the smallest positive part that replaces a zero (65 % of the detection limit). */
    static final double ZERO_SHARE = 0.65;

    /**
     * One composition: the encoded columns of its parts, their names, the training rows' mean total
     * and the zero replacement (a share of the closed composition).
     */
    public record Group(List<String> names, int[] columns, double total, double delta) {
        public Group {
            names = List.copyOf(names);
            columns = columns.clone();
            if (columns.length < 2 || names.size() != columns.length) {
                throw new IllegalArgumentException("a composition needs at least 2 parts with one name each");
            }
            if (!(total > 0) || !Double.isFinite(total) || !(delta > 0) || !(delta * columns.length < 1)) {
                throw new IllegalArgumentException("composition " + String.join("+", names) + ": total must be > 0 "
                        + "and the zero replacement in (0, 1/D); got " + total + ", " + delta);
            }
        }

        @Override
        public int[] columns() {
            return columns.clone();
        }

        /** The parts joined with '+', e.g. ni_frac+mn_frac+co_frac. */
        public String label() {
            return String.join("+", names);
        }

        /** The encoded column left at 0 (the last part's). */
        int padColumn() {
            return columns[columns.length - 1];
        }
    }

    private final List<Group> groups;

    private LogRatio(List<Group> groups) {
        this.groups = List.copyOf(groups);
        boolean[] used = new boolean[groups.stream().flatMapToInt(g -> Arrays.stream(g.columns)).max().orElse(-1) + 1];
        for (Group g : groups) {
            for (int c : g.columns) {
                if (c < 0 || used[c]) {
                    throw new IllegalArgumentException("composition groups must use distinct, valid columns");
                }
                used[c] = true;
            }
        }
    }

    public static LogRatio of(List<Group> groups) {
        return new LogRatio(groups);
    }

    /**
     * Groups over {@code columns} (encoded indices, with their names) fitted on the training rows
     * {@code x}: each group's mean total and zero replacement (see the class comment).
     */
    public static LogRatio fit(double[][] x, List<int[]> columns, List<List<String>> names) {
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < columns.size(); g++) {
            int[] cols = columns.get(g);
            double totals = 0;
            double smallest = Double.POSITIVE_INFINITY;
            int rows = 0;
            for (double[] row : x) {
                double s = 0;
                for (int c : cols) {
                    s += Math.max(row[c], 0);
                }
                if (!(s > 0)) {
                    continue;
                }
                totals += s;
                rows++;
                for (int c : cols) {
                    if (row[c] > 0) {
                        smallest = Math.min(smallest, row[c] / s);
                    }
                }
            }
            if (rows == 0) {
                throw new IllegalArgumentException("composition " + String.join("+", names.get(g))
                        + " has no row with a positive total");
            }
            double delta = Math.min(ZERO_SHARE * smallest, 0.5 / cols.length);
            out.add(new Group(names.get(g), cols, totals / rows, delta));
        }
        return new LogRatio(out);
    }

    public List<Group> groups() {
        return groups;
    }

    /** Which columns the normaliser scales: {@code scaled} without the groups' zero slots. */
    boolean[] scaledMask(boolean[] scaled) {
        boolean[] m = scaled.clone();
        for (Group g : groups) {
            m[g.padColumn()] = false;
        }
        return m;
    }

    /** Rows with every group's parts replaced by its ilr coordinates (and 0 in its last slot). */
    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (Group g : groups) {
                double[] z = ilr(parts(x[i], g), g.delta);
                for (int k = 0; k < z.length; k++) {
                    out[i][g.columns[k]] = z[k];
                }
                out[i][g.padColumn()] = 0;
            }
        }
        return out;
    }

    /** Back to parts (closed to each group's training total) from coordinates as {@link #apply} writes them. */
    public double[][] invert(double[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i].clone();
            for (Group g : groups) {
                double[] coords = new double[g.columns.length - 1];
                for (int k = 0; k < coords.length; k++) {
                    coords[k] = z[i][g.columns[k]];
                }
                double[] parts = inverseIlr(coords);
                for (int k = 0; k < parts.length; k++) {
                    out[i][g.columns[k]] = g.total * parts[k];
                }
            }
        }
        return out;
    }

    private static double[] parts(double[] row, Group g) {
        double[] p = new double[g.columns.length];
        for (int k = 0; k < p.length; k++) {
            double v = row[g.columns[k]];
            p[k] = v > 0 ? v : 0; // negative and NaN count as zeros
        }
        return p;
    }

    /**
     * The composition closed to 1 with zeros replaced multiplicatively by {@code delta}; all-zero
     * parts give equal parts.
     */
    static double[] closeAndReplace(double[] parts, double delta) {
        int d = parts.length;
        double s = 0;
        int zeros = 0;
        for (double v : parts) {
            s += v;
            zeros += v > 0 ? 0 : 1;
        }
        double[] c = new double[d];
        if (!(s > 0) || !Double.isFinite(s)) {
            Arrays.fill(c, 1.0 / d);
            return c;
        }
        double keep = 1 - zeros * delta;
        for (int k = 0; k < d; k++) {
            c[k] = parts[k] > 0 ? parts[k] / s * keep : delta;
        }
        return c;
    }

    /** Pivot ilr coordinates (D - 1 of them) of positive or zero-replaced parts. */
    static double[] ilr(double[] parts, double delta) {
        double[] c = closeAndReplace(parts, delta);
        int d = c.length;
        double[] logs = new double[d];
        for (int k = 0; k < d; k++) {
            logs[k] = Math.log(c[k]);
        }
        double[] z = new double[d - 1];
        double tail = 0; // sum of logs[k+1..d-1]
        for (int k = d - 1; k >= 1; k--) {
            tail += logs[k];
            int i = k - 1; // z_i uses the parts after i
            int rest = d - 1 - i;
            z[i] = Math.sqrt(rest / (rest + 1.0)) * (logs[i] - tail / rest);
        }
        return z;
    }

    /**
     * Parts closed to 1 from pivot coordinates: clr = V z with V's column i equal to
     * sqrt(r / (r + 1)) at part i and -sqrt(r / (r + 1)) / r at each of the r = D - 1 - i later parts,
     * then exp and closure.
     */
    static double[] inverseIlr(double[] z) {
        int d = z.length + 1;
        double[] clr = new double[d];
        for (int i = 0; i < z.length; i++) {
            int rest = d - 1 - i;
            double a = Math.sqrt(rest / (rest + 1.0));
            clr[i] += a * z[i];
            for (int k = i + 1; k < d; k++) {
                clr[k] -= a * z[i] / rest;
            }
        }
        double max = Arrays.stream(clr).max().orElse(0);
        double s = 0;
        double[] p = new double[d];
        for (int k = 0; k < d; k++) {
            p[k] = Math.exp(clr[k] - max);
            s += p[k];
        }
        for (int k = 0; k < d; k++) {
            p[k] /= s;
        }
        return p;
    }

    /** {@code [{"parts": [names], "columns": [encoded indices], "total": t, "zeroReplacement": delta}, ...]}. */
    ArrayNode toJson() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Group g : groups) {
            ObjectNode o = a.addObject();
            o.put("transform", "ilr-pivot");
            o.set("parts", Json.MAPPER.valueToTree(g.names));
            o.set("columns", Json.MAPPER.valueToTree(g.columns));
            o.put("total", g.total);
            o.put("zeroReplacement", g.delta);
        }
        return a;
    }

    /** Reads {@link #toJson}; {@code width} is the encoded width the columns must fall in. */
    static LogRatio fromJson(JsonNode a, int width) {
        if (!a.isArray() || a.isEmpty()) {
            throw new IllegalArgumentException("composition is not a non-empty array: " + a);
        }
        List<Group> groups = new ArrayList<>();
        for (JsonNode o : a) {
            if (!"ilr-pivot".equals(o.path("transform").asText())) {
                throw new IllegalArgumentException("unknown composition transform " + o.path("transform"));
            }
            JsonNode cols = o.path("columns");
            JsonNode names = o.path("parts");
            if (!cols.isArray() || !names.isArray() || !o.path("total").isNumber()
                    || !o.path("zeroReplacement").isNumber()) {
                throw new IllegalArgumentException("composition group needs parts, columns, total and zeroReplacement");
            }
            int[] c = new int[cols.size()];
            List<String> n = new ArrayList<>();
            for (int k = 0; k < c.length; k++) {
                if (!cols.get(k).canConvertToInt() || cols.get(k).asInt() < 0 || cols.get(k).asInt() >= width) {
                    throw new IllegalArgumentException("composition column " + cols.get(k) + " is not an input");
                }
                c[k] = cols.get(k).asInt();
            }
            names.forEach(v -> n.add(v.asText()));
            groups.add(new Group(n, c, o.path("total").asDouble(), o.path("zeroReplacement").asDouble()));
        }
        return new LogRatio(groups);
    }
}
