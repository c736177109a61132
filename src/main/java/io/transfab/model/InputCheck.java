package io.transfab.model;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.data.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What predict checks about the rows it is given, against the model: units in the header, each
 * row's parameters against the training ranges ({@link TrainingRanges}), and that no prediction
 * came out infinite or NaN.
 */
public final class InputCheck {
    /** Per row: how many parameters lie outside the training range. */
    public static final String OUTSIDE = "outside_training_range";
    /** Per row: the largest distance beyond the range, in training standard deviations. */
    public static final String EXCESS = "max_range_excess_sd";

    private InputCheck() {
    }

    /** One row's check; {@code worst} is the feature furthest outside (null when none is). */
    public record Row(int outside, double maxExcessSd, String worst) {
    }

    /** Every row's check, or none when the model saved no ranges. */
    public record Result(Optional<TrainingRanges> ranges, List<Row> rows, List<Integer> lines) {
        public Result {
            rows = List.copyOf(rows);
            lines = List.copyOf(lines);
        }

        public List<String> columnNames() {
            return List.of(OUTSIDE, EXCESS);
        }

        /** The two columns' cells per row; empty cells when the ranges are unknown. */
        public List<List<String>> cells() {
            List<List<String>> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(ranges.isEmpty() ? List.of("", "")
                        : List.of(Integer.toString(r.outside()), r.maxExcessSd() == 0 ? "0"
                                : String.format(Locale.ROOT, "%.3g", r.maxExcessSd())));
            }
            return out;
        }

        /** Index of the first row outside the range, or -1. */
        public int firstOutside() {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).outside() > 0) {
                    return i;
                }
            }
            return -1;
        }

        /** One line for stderr. */
        public String summary() {
            if (ranges.isEmpty()) {
                return "note: the model saved no training ranges (trained by an older transfab); " + OUTSIDE + " and "
                        + EXCESS + " are empty";
            }
            int outside = 0;
            int worst = -1;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                outside += r.outside() > 0 ? 1 : 0;
                if (r.outside() > 0 && (worst < 0 || r.maxExcessSd() > rows.get(worst).maxExcessSd())) {
                    worst = i;
                }
            }
            if (outside == 0) {
                return "Range check: all " + rows.size() + " rows lie inside the training range of every parameter";
            }
            Row w = rows.get(worst);
            return String.format(Locale.ROOT, "Range check: %d of %d rows have parameters outside the training range "
                    + "(furthest: %s, %.3g training SDs beyond, in row %d); their predictions extrapolate "
                    + "(see %s, %s; --strict refuses them)", outside, rows.size(), w.worst(), w.maxExcessSd(),
                    lines.get(worst), OUTSIDE, EXCESS);
        }
    }

    /** A table with its units made the model's, and one line per converted column. */
    public record Aligned(Table table, List<String> conversions) {
        public Aligned {
            conversions = List.copyOf(conversions);
        }
    }

    /**
     * Makes the header units of the model's columns (features, and targets when present) the
     * model's: a column in another unit of the same quantity with a known scale factor
     * ({@link Units}) is converted, any other difference is a {@link DataException} naming both
     * units. A column without a unit in the header is taken to be in the model's unit.
     */
    public static Aligned alignUnits(Table table, Schema schema) {
        Table t = table;
        List<String> conversions = new ArrayList<>();
        List<Column> columns = new ArrayList<>(schema.features());
        columns.addAll(schema.targets());
        for (Column col : columns) {
            int c = t.indexOf(col.name());
            if (c < 0 || col.type() != ColumnType.NUMERIC) {
                continue;
            }
            String unit = t.units().get(c);
            if (unit.isEmpty() || Units.same(unit, col.unit())) {
                continue;
            }
            if (col.unit().isEmpty()) {
                throw DataException.at(t.source(), 0, col.name(), "is in [" + unit + "] but the model was trained "
                        + "without a unit for it; remove the unit from the header if the values are on the model's scale");
            }
            double factor = Units.factor(unit, col.unit()).orElseThrow(() -> DataException.at(table.source(), 0,
                    col.name(), "is in [" + unit + "] but the model expects [" + col.unit() + "]; convert the column "
                    + "or fix the header"));
            List<String> cells = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                double v = t.number(r, c);
                String formatted = Numbers.format(v * factor);
                cells.add(Double.isNaN(v) ? t.cell(r, c)
                        : t.decimalComma() ? formatted.replace('.', ',') : formatted);
            }
            t = t.withColumnReplaced(c, col.unit(), cells);
            conversions.add(String.format(Locale.ROOT, "converted %s from [%s] to the model's [%s] (x %s)",
                    col.name(), unit, col.unit(), Numbers.format(factor)));
        }
        return new Aligned(t, conversions);
    }

    /**
     * Checks every row's numeric parameters against the model's training ranges (if it saved them).
     * A value so far from the training data that squaring its standardised distance overflows
     * (|z| above about 1e154; no model can compute with it) is a {@link DataException} at once.
     */
    public static Result check(TrainedModel model, Table table) {
        requireComputable(model, table);
        Optional<TrainingRanges> ranges = TrainingRanges.of(model.details());
        List<Row> rows = new ArrayList<>();
        if (ranges.isEmpty()) {
            for (int r = 0; r < table.rowCount(); r++) {
                rows.add(new Row(0, 0, null));
            }
            return new Result(ranges, rows, lines(table));
        }
        TrainingRanges tr = ranges.get();
        int[] columns = new int[tr.names().size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = table.indexOf(tr.names().get(j));
        }
        for (int r = 0; r < table.rowCount(); r++) {
            int outside = 0;
            double worst = 0;
            String worstName = null;
            for (int j = 0; j < columns.length; j++) {
                double e = columns[j] < 0 ? 0 : tr.excessSd(j, table.number(r, columns[j]));
                if (e > 0) {
                    outside++;
                    if (e > worst) {
                        worst = e;
                        worstName = tr.names().get(j);
                    }
                }
            }
            rows.add(new Row(outside, worst, worstName));
        }
        return new Result(ranges, rows, lines(table));
    }

    private static List<Integer> lines(Table table) {
        List<Integer> lines = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            lines.add(table.line(r));
        }
        return lines;
    }

    /** With --strict: the first row outside the training range stops prediction, naming row and column. */
    public static void requireInside(Result result, Table table) {
        int i = result.firstOutside();
        if (i < 0) {
            return;
        }
        TrainingRanges tr = result.ranges().orElseThrow();
        Row row = result.rows().get(i);
        int j = tr.names().indexOf(row.worst());
        int c = table.indexOf(row.worst());
        String unit = table.units().get(c).isEmpty() ? "" : " " + table.units().get(c);
        throw DataException.at(table.source(), table.line(i), row.worst(), String.format(Locale.ROOT, "%s%s lies "
                + "outside the model's training range [%s, %s]%s (%.3g training SDs beyond); --strict refuses rows "
                + "outside it (without --strict they are predicted and flagged in %s)", table.cell(i, c), unit,
                Numbers.format(tr.min()[j]), Numbers.format(tr.max()[j]), unit, row.maxExcessSd(), OUTSIDE));
    }

    /**
     * An infinite or NaN prediction, or an infinite spread, never reaches the output: it stops with
     * the row and the parameter furthest from the training data. (A model without uncertainty, such
     * as a single ridge, reports a NaN spread; that is kept.)
     */
    public static void requireFinite(Prediction p, Result result, TrainedModel model, Table table,
            List<String> targets) {
        double[][] mean = p.mean();
        double[][] std = p.std();
        for (int i = 0; i < mean.length; i++) {
            for (int t = 0; t < targets.size(); t++) {
                if (Double.isFinite(mean[i][t]) && !Double.isInfinite(std[i][t])) { // NaN sd: no uncertainty
                    continue;
                }
                String column = result.rows().get(i).worst() != null ? result.rows().get(i).worst()
                        : furthestFromCentre(model, table, i);
                throw DataException.at(table.source(), table.line(i), column, "the prediction of " + targets.get(t)
                        + " is not a finite number (the arithmetic overflowed); the value "
                        + (column == null ? "" : "'" + table.cell(i, table.indexOf(column)) + "' ")
                        + "is far outside what the model was trained on; check it");
            }
        }
    }

    private static void requireComputable(TrainedModel model, Table table) {
        double[] centre = model.inputNormalizer().center();
        double[] scale = model.inputNormalizer().scale();
        int offset = 0;
        for (Column f : model.schema().features()) {
            int c = table.indexOf(f.name());
            if (f.type() == ColumnType.NUMERIC && c >= 0) {
                for (int r = 0; r < table.rowCount(); r++) {
                    double z = (table.number(r, c) - centre[offset]) / scale[offset];
                    if (Double.isInfinite(z * z)) {
                        throw DataException.at(table.source(), table.line(r), f.name(), "'" + table.cell(r, c)
                                + "' is too far outside the training data to compute with (it overflows); check it");
                    }
                }
            }
            offset += f.width();
        }
    }

    /** The numeric feature of row {@code i} with the largest |x - centre| / scale of the input normaliser. */
    private static String furthestFromCentre(TrainedModel model, Table table, int i) {
        double[] centre = model.inputNormalizer().center();
        double[] scale = model.inputNormalizer().scale();
        String best = null;
        double bestZ = -1;
        int offset = 0;
        for (Column f : model.schema().features()) {
            int c = table.indexOf(f.name());
            if (f.type() == ColumnType.NUMERIC && c >= 0) {
                double z = Math.abs((table.number(i, c) - centre[offset]) / scale[offset]);
                if (!(z <= bestZ)) {
                    bestZ = z;
                    best = f.name();
                }
            }
            offset += f.width();
        }
        return best;
    }
}
