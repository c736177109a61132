package io.transfab.design;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The factors of a design and the linear constraints on them, usually read from a YAML file:
 * <pre>
 * parameters:
 *   - {name: am_wt_pct, type: continuous, min: 88, max: 96}
 *   - {name: comma_gap_um, type: continuous, min: 80, max: 350, step: 5}
 *   - {name: passes, type: integer, min: 1, max: 3}
 *   - {name: binder, type: categorical, levels: [PVDF, CMC-SBR]}
 * constraints:
 *   - "am_wt_pct + 0.02*comma_gap_um &lt;= 100"
 * compositions:
 *   - {parts: [ni_frac, mn_frac, co_frac], total: 1}
 * </pre>
 * A point of the space is a {@code double[]} in parameter order: natural units for numeric parameters,
 * the level index for categorical ones. The parts of a {@link Composition} (continuous parameters) sum
 * to its total in every point {@link #fromUnit} gives, and {@link #isFeasible} requires it.
 */
public final class ParameterSpace {
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "type", "min", "max", "step", "levels");
    private static final Set<String> COMPOSITION_KEYS = Set.of("parts", "total");
    /** Relative slack of a composition's sum in {@link #isFeasible} (rounding of the projection). */
    static final double SUM_SLACK = 1e-9;

    private final List<Parameter> parameters;
    private final List<LinearConstraint> constraints;
    private final List<Composition> compositions;
    private final int[][] parts;
    private final double[][] a;
    private final Comparison[] rel;
    private final double[] b;

    private ParameterSpace(List<Parameter> parameters, List<LinearConstraint> constraints,
            List<Composition> compositions) {
        this.parameters = List.copyOf(parameters);
        this.constraints = List.copyOf(constraints);
        this.compositions = List.copyOf(compositions);
        if (this.parameters.isEmpty()) {
            throw new IllegalArgumentException("the space needs at least one parameter");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < this.parameters.size(); j++) {
            if (index.put(this.parameters.get(j).name(), j) != null) {
                throw new IllegalArgumentException("parameter '" + this.parameters.get(j).name() + "' appears twice");
            }
        }
        a = new double[this.constraints.size()][this.parameters.size()];
        rel = new Comparison[this.constraints.size()];
        b = new double[this.constraints.size()];
        for (int c = 0; c < a.length; c++) {
            LinearConstraint lc = this.constraints.get(c);
            for (Map.Entry<String, Double> e : lc.coefficients().entrySet()) {
                Integer j = index.get(e.getKey());
                if (j == null) {
                    throw new IllegalArgumentException("constraint '" + lc.text() + "': unknown parameter '"
                            + e.getKey() + "'");
                }
                if (this.parameters.get(j).isCategorical()) {
                    throw new IllegalArgumentException("constraint '" + lc.text() + "': parameter '" + e.getKey()
                            + "' is categorical and cannot appear in a linear constraint");
                }
                a[c][j] = e.getValue();
            }
            rel[c] = lc.comparison();
            b[c] = lc.bound();
        }
        parts = new int[this.compositions.size()][];
        boolean[] taken = new boolean[this.parameters.size()];
        for (int g = 0; g < parts.length; g++) {
            Composition comp = this.compositions.get(g);
            parts[g] = new int[comp.parts().size()];
            double mins = 0;
            double maxs = 0;
            for (int k = 0; k < parts[g].length; k++) {
                String name = comp.parts().get(k);
                Integer j = index.get(name);
                String where = "composition " + comp.label() + " (from " + comp.origin() + "): ";
                if (j == null) {
                    throw new IllegalArgumentException(where + "'" + name + "' is not a parameter of the space");
                }
                Parameter p = this.parameters.get(j);
                if (p.isDiscrete()) {
                    throw new IllegalArgumentException(where + "parameter '" + name + "' is " + (p.isCategorical()
                            ? "categorical" : "on a grid (type integer or a step)") + "; the parts of a composition "
                            + "must be continuous parameters without a step");
                }
                if (taken[j]) {
                    throw new IllegalArgumentException(where + "parameter '" + name + "' is in two compositions");
                }
                taken[j] = true;
                parts[g][k] = j;
                mins += p.min();
                maxs += p.max();
            }
            double slack = SUM_SLACK * comp.total();
            if (mins > comp.total() + slack || maxs < comp.total() - slack) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "composition %s (from %s): "
                        + "the parts' ranges cannot sum to %s (their minima sum to %s, their maxima to %s); widen "
                        + "them", comp.label(), comp.origin(), format(comp, comp.total()), format(comp, mins),
                        format(comp, maxs)));
            }
        }
    }

    /** A validated space; IllegalArgumentException on duplicate names or constraints on unknown/categorical parameters. */
    public static ParameterSpace of(List<Parameter> parameters, List<LinearConstraint> constraints) {
        return new ParameterSpace(parameters, constraints, List.of());
    }

    /**
     * A validated space with compositions; IllegalArgumentException also where a part is not a
     * continuous parameter of the space, is in two groups, or the parts' ranges cannot reach the total.
     */
    public static ParameterSpace of(List<Parameter> parameters, List<LinearConstraint> constraints,
            List<Composition> compositions) {
        return new ParameterSpace(parameters, constraints, compositions);
    }

    /** This space with {@code more} compositions besides its own (validated as {@link #of(List, List, List)}). */
    public ParameterSpace withCompositions(List<Composition> more) {
        List<Composition> all = new ArrayList<>(compositions);
        all.addAll(more);
        return new ParameterSpace(parameters, constraints, all);
    }

    private String format(Composition comp, double value) {
        // the value as the first part's column prints it
        for (Parameter p : parameters) {
            if (p.name().equals(comp.parts().get(0))) {
                return p.format(value);
            }
        }
        return Double.toString(value);
    }

    /** One line per composition for the outputs: "composition a+b+c held at sum 1 in every proposed row ...". */
    public List<String> compositionLines() {
        List<String> lines = new ArrayList<>();
        for (Composition c : compositions) {
            lines.add("composition " + c.label() + " held at sum " + format(c, c.total())
                    + " in every proposed row, each part within its range (from " + c.origin() + ")");
        }
        return lines;
    }

    /** Reads a YAML space file; every problem is a DataException naming the file and the parameter or constraint. */
    public static ParameterSpace read(Path file) {
        String text;
        try {
            if (Files.size(file) > 4L * SpaceYaml.MAX_CHARS) {
                throw DataException.of(file.toString(), "is " + Files.size(file) + " bytes; a space file may have at "
                        + "most " + SpaceYaml.MAX_CHARS + " characters");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw DataException.of(file.toString(), "no such file");
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names the file in error messages. */
    public static ParameterSpace parse(String yaml, String source) {
        JsonNode root = SpaceYaml.read(yaml, source);
        if (root == null || !root.isObject()) {
            throw DataException.of(source, "expected a mapping with 'parameters' (and optionally 'constraints')");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!key.equals("parameters") && !key.equals("constraints") && !key.equals("compositions")) {
                throw DataException.of(source, "unknown top-level key '" + key + "' (use parameters, constraints, "
                        + "compositions)");
            }
        }
        JsonNode ps = root.get("parameters");
        if (ps == null || !ps.isArray() || ps.isEmpty()) {
            throw DataException.of(source, "'parameters' must be a non-empty list");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            parameters.add(parameter(ps.get(i), i, source));
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        JsonNode cs = root.get("constraints");
        if (cs != null && !cs.isNull()) {
            if (!cs.isArray()) {
                throw DataException.of(source, "'constraints' must be a list of strings");
            }
            for (JsonNode c : cs) {
                if (!c.isTextual()) {
                    throw DataException.of(source, "constraint " + c + ": must be a string such as \"a + b <= 10\"");
                }
                try {
                    constraints.add(ConstraintParser.parse(c.asText()));
                } catch (IllegalArgumentException e) {
                    throw DataException.of(source, "constraint '" + c.asText().strip() + "': " + e.getMessage());
                }
            }
        }
        List<Composition> compositions = new ArrayList<>();
        JsonNode gs = root.get("compositions");
        if (gs != null && !gs.isNull()) {
            if (!gs.isArray()) {
                throw DataException.of(source, "'compositions' must be a list of {parts: [a, b, c], total: 1}");
            }
            for (int i = 0; i < gs.size(); i++) {
                compositions.add(composition(gs.get(i), i, source));
            }
        }
        try {
            return of(parameters, constraints, compositions);
        } catch (IllegalArgumentException e) {
            throw DataException.of(source, e.getMessage());
        }
    }

    private static Composition composition(JsonNode n, int i, String source) {
        String where = "composition #" + (i + 1);
        if (n == null || !n.isObject()) {
            throw DataException.of(source, where + ": expected a mapping {parts: [a, b, c], total: 1}");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!COMPOSITION_KEYS.contains(key)) {
                throw DataException.of(source, where + ": unknown key '" + key + "' (use " + COMPOSITION_KEYS + ")");
            }
        }
        JsonNode ps = n.get("parts");
        if (ps == null || !ps.isArray() || ps.size() < 2) {
            throw DataException.of(source, where + ": 'parts' must list at least 2 parameter names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : ps) {
            if (!p.isTextual() || p.asText().isBlank()) {
                throw DataException.of(source, where + ": part " + p + " is not a parameter name");
            }
            names.add(p.asText().strip());
        }
        JsonNode total = n.get("total");
        if (total == null || !total.isNumber()) {
            throw DataException.of(source, where + " (" + String.join("+", names) + "): 'total' must be a number "
                    + "(1 for fractions, 100 for percentages)");
        }
        try {
            return new Composition(names, total.asDouble(), "the space file");
        } catch (IllegalArgumentException e) {
            throw DataException.of(source, where + ": " + e.getMessage());
        }
    }

    private static Parameter parameter(JsonNode n, int i, String source) {
        if (n == null || !n.isObject()) {
            throw DataException.of(source, "parameter #" + (i + 1) + ": expected a mapping with name and type");
        }
        JsonNode nameNode = n.get("name");
        if (nameNode == null || !nameNode.isValueNode() || nameNode.asText().isBlank()) {
            throw DataException.of(source, "parameter #" + (i + 1) + ": missing 'name'");
        }
        String name = nameNode.asText().strip();
        String where = "parameter '" + name + "'";
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!PARAMETER_KEYS.contains(key)) {
                throw DataException.of(source, where + ": unknown key '" + key + "' (use " + PARAMETER_KEYS + ")");
            }
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw DataException.of(source, where + ": names may use letters, digits and _ and must not start with a digit");
        }
        JsonNode typeNode = n.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw DataException.of(source, where + ": missing 'type' (continuous, integer or categorical)");
        }
        try {
            ParameterType type = ParameterType.fromName(typeNode.asText().strip());
            if (type == ParameterType.CATEGORICAL) {
                JsonNode lv = n.get("levels");
                if (lv == null || !lv.isArray()) {
                    throw new IllegalArgumentException("categorical parameter needs 'levels: [A, B, ...]'");
                }
                if (n.has("min") || n.has("max") || n.has("step")) {
                    throw new IllegalArgumentException("categorical parameter takes 'levels', not min/max/step");
                }
                List<String> levels = new ArrayList<>();
                for (JsonNode l : lv) {
                    if (!l.isValueNode() || l.isNull() || l.asText().isBlank()) {
                        throw new IllegalArgumentException("level " + l + " is not a name");
                    }
                    levels.add(l.asText().strip());
                }
                return Parameter.categorical(name, levels);
            }
            return new Parameter(name, type, number(n, "min", true), number(n, "max", true),
                    number(n, "step", false), List.of());
        } catch (IllegalArgumentException e) {
            throw DataException.of(source, where + ": " + e.getMessage());
        }
    }

    private static double number(JsonNode n, String key, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing '" + key + "'");
            }
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number; got " + v);
        }
        return v.asDouble();
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<LinearConstraint> constraints() {
        return constraints;
    }

    /** The compositions whose parts every point of {@link #fromUnit} holds at their total. */
    public List<Composition> compositions() {
        return compositions;
    }

    /** Number of parameters. */
    public int dimension() {
        return parameters.size();
    }

    /**
     * Maps a point of the unit cube to a point of the space (see {@link Parameter#fromUnit}); the
     * parts of each composition are projected onto their total ({@link Composition}).
     */
    public double[] fromUnit(double[] u) {
        double[] x = new double[parameters.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = parameters.get(j).fromUnit(u[j]);
        }
        for (int g = 0; g < parts.length; g++) {
            int[] at = parts[g];
            double[] v = new double[at.length];
            double[] lo = new double[at.length];
            double[] hi = new double[at.length];
            for (int k = 0; k < at.length; k++) {
                Parameter p = parameters.get(at[k]);
                v[k] = Math.max(0, Math.min(1, u[at[k]]));
                lo[k] = p.min();
                hi[k] = p.max();
            }
            double[] closed = Composition.project(v, lo, hi, compositions.get(g).total());
            for (int k = 0; k < at.length; k++) {
                x[at[k]] = closed[k];
            }
        }
        return x;
    }

    /** Whether the point satisfies every constraint, and every composition's parts their total and ranges. */
    public boolean isFeasible(double[] x) {
        for (int g = 0; g < parts.length; g++) {
            double sum = 0;
            for (int j : parts[g]) {
                Parameter p = parameters.get(j);
                if (!(x[j] >= p.min() && x[j] <= p.max())) {
                    return false;
                }
                sum += x[j];
            }
            double total = compositions.get(g).total();
            if (!(Math.abs(sum - total) <= SUM_SLACK * total)) {
                return false;
            }
        }
        for (int c = 0; c < a.length; c++) {
            double lhs = 0;
            double scale = Math.abs(b[c]);
            for (int j = 0; j < x.length; j++) {
                if (a[c][j] != 0) {
                    double term = a[c][j] * x[j];
                    lhs += term;
                    scale = Math.max(scale, Math.abs(term));
                }
            }
            if (!rel[c].holds(lhs, b[c], scale)) {
                return false;
            }
        }
        return true;
    }

    /** Smallest {@link #distance} between two of the points; NaN for fewer than two. */
    public double minPairwiseDistance(double[][] points) {
        double best = Double.NaN;
        for (int i = 0; i < points.length; i++) {
            for (int k = i + 1; k < points.length; k++) {
                double d = distance(points[i], points[k]);
                if (!(d >= best)) {
                    best = d;
                }
            }
        }
        return best;
    }

    /**
     * Distance of two points in the unit cube: numeric parameters scaled to [0, 1] by their range, a
     * categorical parameter contributes 1 when the levels differ (its levels have no order).
     */
    public double distance(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            Parameter p = parameters.get(j);
            double d = p.isCategorical() ? (x[j] == y[j] ? 0 : 1) : p.toUnit(x[j]) - p.toUnit(y[j]);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
