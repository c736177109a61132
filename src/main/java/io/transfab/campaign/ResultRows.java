package io.transfab.campaign;

import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.design.LinearConstraint;
import io.transfab.design.Parameter;
import io.transfab.design.ParameterSpace;
import io.transfab.design.ParameterType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks new result rows against the campaign (every parameter inside the space and its constraints, every
 * target a finite number, suggestion ids known, no row recorded twice) and writes them in the canonical form
 * of results.csv: {@code experiment, suggestion, <parameters in space order>, <targets>}. All or nothing:
 * the first bad row is a {@link DataException} naming file, row and column, and nothing is recorded.
 */
final class ResultRows {
    static final String EXPERIMENT = "experiment";
    static final String SUGGESTION = "suggestion";

    private ResultRows() {
    }

    /** The header of results.csv. */
    static List<String> header(ParameterSpace space, List<String> targets) {
        List<String> h = new ArrayList<>(List.of(EXPERIMENT, SUGGESTION));
        for (Parameter p : space.parameters()) {
            h.add(p.name());
        }
        h.addAll(targets);
        return h;
    }

    /** Rows accepted from one input table and the input columns that were not used. */
    record Accepted(List<List<String>> rows, List<String> ignoredColumns) {
    }

    /**
     * Validates {@code input} and numbers its rows from {@code existing.size() + 1}.
     *
     * @param existing rows of results.csv so far (canonical form)
     * @param knownIds suggestion ids of every round
     */
    static Accepted validate(Table input, ParameterSpace space, List<String> targets, List<List<String>> existing,
            Set<String> knownIds) {
        String file = input.source();
        List<String> header = header(space, targets);
        for (String col : header.subList(2, header.size())) {
            if (!input.has(col)) {
                throw DataException.at(file, 0, col, "column is missing; results need every parameter of the space "
                        + "and every target (" + String.join(", ", header.subList(2, header.size())) + ")");
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String n : input.names()) {
            if (!header.contains(n) && !n.equals("run")) {
                ignored.add(n);
            }
        }
        int sugCol = input.indexOf(SUGGESTION);
        // key = parameters and measured values; the experiment and suggestion ids do not make a row new
        Map<List<String>, String> seen = new HashMap<>();
        for (List<String> row : existing) {
            seen.putIfAbsent(row.subList(2, row.size()), "experiment " + row.get(0) + " already recorded");
        }
        List<List<String>> out = new ArrayList<>();
        for (int r = 0; r < input.rowCount(); r++) {
            int line = input.line(r);
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(existing.size() + out.size() + 1));
            String id = sugCol < 0 ? "" : input.cell(r, sugCol).strip();
            if (!id.isEmpty() && !knownIds.contains(id)) {
                throw DataException.at(file, line, SUGGESTION, "unknown suggestion id '" + id + "'; use an id from "
                        + "rounds/round-K/suggestions.csv or leave the cell empty");
            }
            row.add(id);
            Map<String, Double> values = new LinkedHashMap<>();
            for (Parameter p : space.parameters()) {
                double v = parameterValue(input, r, p);
                values.put(p.name(), v);
                row.add(p.format(v));
            }
            checkConstraints(space, values, file, line);
            for (String t : targets) {
                double v = input.number(r, input.indexOf(t));
                if (!Double.isFinite(v)) {
                    String cell = input.cell(r, input.indexOf(t));
                    throw DataException.at(file, line, t, (cell.isBlank() ? "empty cell" : "'" + cell
                            + "' is not a finite number") + "; targets must be measured numbers (remove the row "
                            + "until it is measured)");
                }
                row.add(Numbers.format(v));
            }
            String before = seen.putIfAbsent(row.subList(2, row.size()), "row " + line + " of this file");
            if (before != null) {
                throw DataException.at(file, line, null, "duplicates " + before + " (same parameters and measured "
                        + "values); nothing was recorded. Remove the duplicate rows");
            }
            out.add(row);
        }
        return new Accepted(out, ignored);
    }

    /** The value of parameter {@code p} in row {@code r}: a level index or a number inside the range. */
    private static double parameterValue(Table input, int r, Parameter p) {
        int c = input.indexOf(p.name());
        String cell = input.cell(r, c).strip();
        String file = input.source();
        int line = input.line(r);
        if (p.isCategorical()) {
            int k = p.levels().indexOf(cell);
            if (k < 0) {
                throw DataException.at(file, line, p.name(), "'" + cell + "' is not a level of the space (levels: "
                        + String.join(", ", p.levels()) + ")");
            }
            return k;
        }
        double v = input.number(r, c);
        if (!Double.isFinite(v)) {
            throw DataException.at(file, line, p.name(), (cell.isEmpty() ? "empty cell" : "'" + cell
                    + "' is not a finite number") + "; enter the parameter value that was used");
        }
        double tol = 1e-9 * (p.max() - p.min());
        if (v < p.min() - tol || v > p.max() + tol) {
            throw DataException.at(file, line, p.name(), String.format(Locale.ROOT, "%s is outside the space's range "
                    + "[%s, %s]; widen the range in space.yaml only if the campaign really covers it", cell,
                    p.format(p.min()), p.format(p.max())));
        }
        if (p.type() == ParameterType.INTEGER && v != Math.rint(v)) {
            throw DataException.at(file, line, p.name(), cell + " is not a whole number (integer parameter)");
        }
        return v;
    }

    private static void checkConstraints(ParameterSpace space, Map<String, Double> values, String file, int line) {
        for (LinearConstraint lc : space.constraints()) {
            if (!lc.satisfiedBy(values)) {
                throw DataException.at(file, line, String.join(", ", lc.coefficients().keySet()),
                        "violates the space constraint '" + lc.text().strip() + "'");
            }
        }
    }
}
