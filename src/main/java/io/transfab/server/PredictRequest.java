package io.transfab.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of a prediction request as a {@link Table}, read from either JSON orientation:
 * pandas "split" ({@code {"columns": [...], "data": [[...], ...], "level": 0.9}}) or a list of
 * records ({@code [{"a": 1, "b": 2}, ...]}); MLflow's scoring bodies wrap the same two
 * ({@code dataframe_split}, {@code dataframe_records}, {@code inputs}/{@code instances} as records).
 * A column name may carry its unit as in a CSV header ({@code "thickness [um]"}); numbers keep
 * their JSON text, so a row reads exactly as the same row of a CSV file would.
 *
 * @param table the rows, cells as text (a JSON null is an empty cell)
 * @param level the interval coverage the body asked for, if any
 */
record PredictRequest(Table table, OptionalDouble level) {
    /** What the tables built from requests are called in error messages. */
    static final String SOURCE = "request body";

    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\]]*)\\]\\s*$");

    /** The request in {@code body}; a shape it cannot read is a 400 saying what was expected. */
    static PredictRequest parse(JsonNode body) {
        if (body.isObject()) {
            for (String wrapper : List.of("dataframe_split", "dataframe_records", "inputs", "instances")) {
                if (body.has(wrapper)) {
                    PredictRequest inner = parse(body.get(wrapper));
                    return new PredictRequest(inner.table(), body.has("level") ? level(body) : inner.level());
                }
            }
            if (body.has("columns") || body.has("data")) {
                return new PredictRequest(split(body), level(body));
            }
        }
        if (body.isArray()) {
            return new PredictRequest(records(body), OptionalDouble.empty());
        }
        throw Problem.badRequest("expected the rows as {\"columns\": [...], \"data\": [[...], ...]} (pandas split "
                + "orientation, optional \"level\") or as a list of records [{\"column\": value, ...}, ...]");
    }

    private static OptionalDouble level(JsonNode body) {
        JsonNode l = body.get("level");
        if (l == null || l.isNull()) {
            return OptionalDouble.empty();
        }
        if (!l.isNumber()) {
            throw Problem.badRequest("\"level\" must be a number in (0, 1), e.g. 0.9; got " + l);
        }
        return OptionalDouble.of(l.doubleValue());
    }

    private static Table split(JsonNode body) {
        JsonNode columns = body.get("columns");
        JsonNode data = body.get("data");
        if (columns == null || !columns.isArray() || data == null || !data.isArray()) {
            throw Problem.badRequest("the split orientation needs \"columns\" (an array of names) and \"data\" (an "
                    + "array of rows, each an array of values)");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode c : columns) {
            if (!c.isTextual()) {
                throw Problem.badRequest("\"columns\" must hold column names as strings; got " + c);
            }
            names.add(c.asText());
        }
        List<List<String>> rows = new ArrayList<>();
        int r = 0;
        for (JsonNode row : data) {
            r++;
            if (!row.isArray() || row.size() != names.size()) {
                throw Problem.badRequest("row " + r + " of \"data\" has " + (row.isArray() ? row.size() + " values"
                        : "no array") + " but there are " + names.size() + " columns");
            }
            List<String> cells = new ArrayList<>();
            for (JsonNode v : row) {
                cells.add(cell(v, r));
            }
            rows.add(cells);
        }
        return table(names, rows);
    }

    private static Table records(JsonNode body) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode rec : body) {
            if (!rec.isObject()) {
                throw Problem.badRequest("a list of records must hold objects {\"column\": value, ...}; got " + rec);
            }
            rec.fieldNames().forEachRemaining(names::add);
        }
        List<String> order = new ArrayList<>(names);
        List<List<String>> rows = new ArrayList<>();
        int r = 0;
        for (JsonNode rec : body) {
            r++;
            List<String> cells = new ArrayList<>();
            for (String n : order) {
                JsonNode v = rec.get(n);
                cells.add(v == null ? "" : cell(v, r));
            }
            rows.add(cells);
        }
        return table(order, rows);
    }

    private static String cell(JsonNode v, int row) {
        if (v.isNull()) {
            return "";
        }
        if (v.isContainerNode()) {
            throw Problem.badRequest("row " + row + " holds " + v + "; values must be numbers or strings");
        }
        return v.asText();
    }

    private static Table table(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            throw Problem.badRequest("the request has no rows to predict");
        }
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (String h : headers) {
            Matcher m = UNIT.matcher(h);
            names.add(m.matches() ? m.group(1).trim() : h.trim());
            units.add(m.matches() ? m.group(2).trim() : "");
        }
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                duplicates.add(n);
            }
        }
        if (!duplicates.isEmpty()) {
            throw Problem.badRequest("duplicate column names: " + String.join(", ", duplicates.stream().limit(20)
                    .toList()) + (duplicates.size() > 20 ? " and " + (duplicates.size() - 20) + " more" : ""));
        }
        return Table.of(SOURCE, names, units, rows);
    }
}
