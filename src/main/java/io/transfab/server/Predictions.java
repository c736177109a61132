package io.transfab.server;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.model.InputCheck;
import io.transfab.model.PredictionIntervals;
import io.transfab.model.TrainedModel;
import io.transfab.model.UnseenDomainRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Predicts the rows of a request with a served model, as the CLI's {@code predict} does (units
 * aligned to the model's, training-range check, intervals at the level, no non-finite result), and
 * shapes the answer: one entry per row, in order, per target mean, std, lower and upper, and the
 * row's warnings.
 */
final class Predictions {
    /** Length of the data-hash prefix that versions a model outside a campaign. */
    static final int VERSION_LENGTH = 12;
    /** How many extra column names a schema error's detail names (all are in its "extra" list). */
    private static final int LISTED = 20;

    private Predictions() {
    }

    /** The rows' predictions, checked and computed as the CLI's predict computes them. */
    record Computed(Table table, InputCheck.Result check, PredictionIntervals intervals) {
    }

    /**
     * Checks {@code table} against the model's schema (a 422 naming every missing, extra and
     * non-numeric column), then predicts it. Columns the model does not read but knows (its targets)
     * are allowed, so a table of measured rows can be sent as it is; with {@code passThrough} (a CSV
     * table, as the CLI's predict reads) any other column is too, and is kept in a CSV answer.
     */
    static Computed compute(TrainedModel model, Table table, double level, boolean passThrough) {
        requireSchema(model, table, passThrough);
        InputCheck.Aligned aligned = InputCheck.alignUnits(table, model.schema());
        Table t = aligned.table();
        InputCheck.Result check = InputCheck.check(model, t);
        PredictionIntervals pi = model.predictIntervals(t, UnseenDomainRule.POOLED, level);
        InputCheck.requireFinite(pi.prediction(), check, model, t, model.schema().targetNames());
        return new Computed(t, check, pi);
    }

    /** The JSON answer: {@code {"model", "version", "level", "predictions": [...]}}. */
    static Map<String, Object> response(String name, TrainedModel model, Computed c) {
        List<String> targets = model.schema().targetNames();
        PredictionIntervals pi = c.intervals();
        boolean[] unseen = pi.unseen();
        List<String> general = new ArrayList<>();
        for (String note : pi.notes()) {
            if (!note.contains(" is not in the model")) { // per-domain notes go to the rows they concern
                general.add(note);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < c.table().rowCount(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int t = 0; t < targets.size(); t++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("mean", number(pi.prediction().mean()[i][t]));
                v.put("std", number(pi.prediction().std()[i][t]));
                v.put("lower", number(pi.lower()[i][t]));
                v.put("upper", number(pi.upper()[i][t]));
                row.put(targets.get(t), v);
            }
            List<String> warnings = new ArrayList<>();
            InputCheck.Row r = c.check().rows().get(i);
            if (r.outside() > 0) {
                warnings.add(String.format(Locale.ROOT, "out of training range: %d parameter%s outside the model's "
                        + "training range, furthest %s (%.3g training SDs beyond)", r.outside(),
                        r.outside() == 1 ? "" : "s", r.worst(), r.maxExcessSd()));
            }
            if (unseen[i] && model.domainColumn() != null) {
                int d = c.table().indexOf(model.domainColumn());
                warnings.add("unseen category: " + model.domainColumn() + " '" + c.table().cell(i, d) + "' is not in "
                        + "the model's training data; predicted with the mean of the trained adapters");
            }
            warnings.addAll(general);
            row.put("warnings", warnings);
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", name);
        body.put("version", version(model));
        body.put("level", pi.level());
        body.put("predictions", rows);
        return body;
    }

    /**
     * The CSV answer, the columns the CLI's predict writes: the input rows, the training-range check,
     * per target {@code _pred}, {@code _std}, {@code _lower}, {@code _upper}, and {@code domain_status}
     * for a model with a domain column.
     */
    static Table table(TrainedModel model, Computed c) {
        Table t = c.table().withColumns(c.check().columnNames(), c.check().cells());
        List<String> targets = model.schema().targetNames();
        PredictionIntervals pi = c.intervals();
        boolean[] unseen = pi.unseen();
        List<String> names = new ArrayList<>();
        for (String target : targets) {
            names.addAll(List.of(target + "_pred", target + "_std", target + "_lower", target + "_upper"));
        }
        if (model.domainColumn() != null) {
            names.add("domain_status");
        }
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < targets.size(); k++) {
                row.add(Numbers.format(pi.prediction().mean()[i][k]));
                row.add(Numbers.format(pi.prediction().std()[i][k]));
                row.add(bound(pi.lower()[i][k]));
                row.add(bound(pi.upper()[i][k]));
            }
            if (model.domainColumn() != null) {
                row.add(unseen[i] ? "unseen" : "known");
            }
            values.add(row);
        }
        return t.withColumns(names, values);
    }

    /** As the CLI writes an interval end: a number, "-inf"/"inf" where unbounded. */
    private static String bound(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Numbers.format(v);
    }

    /** The model's version: the prefix of its training data's SHA-256. */
    static String version(TrainedModel model) {
        String hash = model.provenance() == null ? null : model.provenance().dataSha256();
        return hash == null ? "unknown" : hash.substring(0, Math.min(VERSION_LENGTH, hash.length()));
    }

    /** A finite number, or null (JSON has no infinities: an unbounded interval end, a model without a std). */
    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * 422 unless the table has every feature (and the domain column), no column the model does not
     * know, and a number in every cell of a numeric feature.
     */
    static void requireSchema(TrainedModel model, Table table, boolean passThrough) {
        Set<String> known = new LinkedHashSet<>(model.schema().featureNames());
        if (model.domainColumn() != null) {
            known.add(model.domainColumn());
        }
        List<String> missing = new ArrayList<>();
        for (String k : known) {
            if (!table.has(k)) {
                missing.add(k);
            }
        }
        known.addAll(model.schema().targetNames());
        List<String> extra = new ArrayList<>();
        for (String n : table.names()) {
            if (!passThrough && !known.contains(n)) {
                extra.add(n);
            }
        }
        List<String> nonNumeric = new ArrayList<>();
        String example = null;
        for (Column f : model.schema().features()) {
            int c = table.indexOf(f.name());
            if (c < 0 || f.type() != ColumnType.NUMERIC) {
                continue;
            }
            for (int r = 0; r < table.rowCount(); r++) {
                if (!Double.isFinite(table.number(r, c))) {
                    nonNumeric.add(f.name());
                    if (example == null) {
                        example = "row " + (r + 1) + " of " + f.name() + ": "
                                + Numbers.whyNotFinite(table.cell(r, c), table.decimalComma());
                    }
                    break;
                }
            }
        }
        if (missing.isEmpty() && extra.isEmpty() && nonNumeric.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing columns " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add("extra columns " + listed(extra) + " (the model reads "
                    + String.join(", ", model.schema().featureNames()) + ")");
        }
        if (!nonNumeric.isEmpty()) {
            parts.add("non-numeric values in " + String.join(", ", nonNumeric) + " (" + example + ")");
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("missing", missing);
        columns.put("extra", extra);
        columns.put("nonNumeric", nonNumeric);
        throw Problem.schema("the rows do not fit the model's schema: " + String.join("; ", parts), columns);
    }

    /** The first {@value #LISTED} names, then how many more: a body of 100,000 columns keeps a readable detail. */
    private static String listed(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }
}
