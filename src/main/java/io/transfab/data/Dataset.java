package io.transfab.data;

import java.util.Arrays;

/**
 * A table encoded against a schema: a numeric input matrix (one-hot for categories) and, when the
 * table has the targets, a target matrix. Immutable: accessors return copies.
 */
public final class Dataset {
    /** How a training command skips rows with blanks instead. */
    private static final String DROP_HINT = "; training commands skip such rows with --drop-incomplete";
    private final Schema schema;
    private final double[][] x;
    private final double[][] y;
    private final String source;
    private final String sha256;

    private Dataset(Schema schema, double[][] x, double[][] y, String source, String sha256) {
        this.schema = schema;
        this.x = x;
        this.y = y;
        this.source = source;
        this.sha256 = sha256;
    }

    /**
     * Encodes features and targets; every bad cell is a {@link DataException} naming row and column.
     * Image and series columns have no tabular encoding and are skipped here (see {@link MediaDataset}).
     */
    public static Dataset of(Table table, Schema schema) {
        return new Dataset(schema, encodeFeatures(table, schema), encodeTargets(table, schema), table.source(),
                table.sha256());
    }

    /** Encodes features only (for prediction on tables that lack the targets). */
    public static Dataset featuresOnly(Table table, Schema schema) {
        return new Dataset(schema, encodeFeatures(table, schema), null, table.source(), table.sha256());
    }

    /** Fewest rows any model trains on. */
    public static final int MIN_TRAINING_ROWS = 2;

    /**
     * Refuses a table with fewer than {@value #MIN_TRAINING_ROWS} rows for training: one row has
     * no spread to standardise by or learn from. Every model and command says it the same way.
     */
    public static void requireTrainingRows(Table table) {
        requireTrainingRows(table.source(), table.rowCount());
    }

    /** {@link #requireTrainingRows(Table)} for a dataset. */
    public Dataset requireTrainingRows() {
        requireTrainingRows(source, size());
        return this;
    }

    private static void requireTrainingRows(String source, int rows) {
        if (rows < MIN_TRAINING_ROWS) {
            throw DataException.of(source, "has " + rows + " data row" + (rows == 1 ? "" : "s") + "; training needs "
                    + "at least " + MIN_TRAINING_ROWS + " rows (one row has no spread to learn or standardise from)");
        }
    }

    /** Builds a dataset from matrices already encoded (simulators, tests). */
    public static Dataset of(Schema schema, double[][] x, double[][] y, String source) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        return new Dataset(schema, deepCopy(x), deepCopy(y), source, "in-memory");
    }

    private static double[][] encodeFeatures(Table table, Schema schema) {
        int n = table.rowCount();
        double[][] out = new double[n][schema.encodedWidth()];
        int offset = 0;
        for (Column f : schema.features()) {
            int c = requireFeature(table, schema, f);
            if (f.type().isMedia()) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                String cell = table.cell(r, c);
                if (f.type() == ColumnType.NUMERIC) {
                    double v = table.number(r, c);
                    if (!Double.isFinite(v)) {
                        throw DataException.at(table.source(), table.line(r), f.name(), Numbers.whyNotFinite(cell, table.decimalComma())
                                + " in a numeric feature column; enter a finite number or remove the row"
                                + (cell.isBlank() ? DROP_HINT : ""));
                    }
                    out[r][offset] = v;
                } else {
                    int k = f.categories().indexOf(cell.trim());
                    if (k < 0) {
                        throw DataException.at(table.source(), table.line(r), f.name(), "unknown category "
                                + DataException.quote(cell) + "; the model knows: "
                                + String.join(", ", f.categories()));
                    }
                    out[r][offset + k] = 1.0;
                }
            }
            offset += f.width();
        }
        return out;
    }

    /** The table column of feature {@code f}; a missing one is a {@link DataException}. */
    static int requireFeature(Table table, Schema schema, Column f) {
        int c = table.indexOf(f.name());
        if (c < 0) {
            throw DataException.at(table.source(), 0, f.name(), "required feature column is missing; the model "
                    + "was trained with: " + String.join(", ", schema.featureNames()));
        }
        return c;
    }

    private static double[][] encodeTargets(Table table, Schema schema) {
        int n = table.rowCount();
        double[][] out = new double[n][schema.targets().size()];
        for (int t = 0; t < schema.targets().size(); t++) {
            String name = schema.targets().get(t).name();
            int c = table.indexOf(name);
            if (c < 0) {
                throw DataException.at(table.source(), 0, name, "target column is missing; columns are: "
                        + String.join(", ", table.names()));
            }
            for (int r = 0; r < n; r++) {
                double v = table.number(r, c);
                if (!Double.isFinite(v)) {
                    throw DataException.at(table.source(), table.line(r), name, Numbers.whyNotFinite(table.cell(r, c), table.decimalComma())
                            + " in a target column; targets must be finite numbers (remove the row or fill it in)"
                            + (table.cell(r, c).isBlank() ? DROP_HINT : ""));
                }
                out[r][t] = v;
            }
        }
        return out;
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return x.length;
    }

    public boolean hasTargets() {
        return y != null;
    }

    /** A copy of the encoded inputs, n x schema.encodedWidth(). */
    public double[][] x() {
        return deepCopy(x);
    }

    /** A copy of the targets, n x schema.targets().size(). */
    public double[][] y() {
        if (y == null) {
            throw new IllegalStateException("dataset " + source + " has no targets");
        }
        return deepCopy(y);
    }

    public String source() {
        return source;
    }

    public String sha256() {
        return sha256;
    }

    /** The rows with these indices, in that order. */
    public Dataset subset(int[] rows) {
        double[][] sx = new double[rows.length][];
        double[][] sy = y == null ? null : new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sx[i] = x[rows[i]].clone();
            if (sy != null) {
                sy[i] = y[rows[i]].clone();
            }
        }
        return new Dataset(schema, sx, sy, source, sha256);
    }

    /** Copies of the encoded input rows with these indices. */
    double[][] rows(int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]].clone();
        }
        return out;
    }

    /** Copies of the target rows with these indices. */
    double[][] targetRows(int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]].clone();
        }
        return out;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = Arrays.copyOf(a[i], a[i].length);
        }
        return c;
    }
}
