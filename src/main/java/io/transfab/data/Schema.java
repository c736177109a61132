package io.transfab.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which columns are manufacturing parameters (features) and which are measured properties
 * (targets), with units and category lists. A trained model stores its schema and checks new
 * tables against it.
 */
public record Schema(List<Column> features, List<Column> targets) {
    /** Share of numeric cells above which a column is numeric and other cells are typos. */
    private static final double NUMERIC_SHARE = 0.5;

    public Schema {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one target");
        }
    }

    /**
     * Infers a schema from a table. Features must be named: a table's other columns are often
     * properties measured after the fact (porosity next to density), and a model that reads them
     * scores well for the wrong reason. Without features this refuses with one line listing the
     * candidate columns (neither target nor ignored). A feature is categorical when most of its
     * cells are not numbers.
     */
    public static Schema infer(Table table, List<String> featureNames, List<String> targetNames,
            List<String> ignore) {
        if (targetNames == null || targetNames.isEmpty()) {
            throw DataException.of(table.source(), "no target given; name the measured properties with --targets "
                    + "(columns: " + String.join(", ", table.names()) + ")");
        }
        Set<String> ign = new LinkedHashSet<>(ignore == null ? List.of() : ignore);
        for (String i : ign) {
            requireColumn(table, i, "--ignore");
        }
        List<Column> targets = new ArrayList<>();
        for (String t : targetNames) {
            int c = requireColumn(table, t, "--targets");
            targets.add(Column.numeric(t, table.units().get(c)));
        }
        requireFeatures(table, featureNames, targetNames, ign);
        List<Column> features = new ArrayList<>();
        for (String f : featureNames) {
            features.add(inferColumn(table, requireColumn(table, f, "--features")));
        }
        requireOneImageSize(table, features);
        return new Schema(features, targets);
    }

    /**
     * Refuses a choice of columns that cannot be meant: no features (with one line listing the
     * candidates: the columns that are neither targets nor in {@code ignore}), a feature or target
     * named twice, or a column both feature and target.
     */
    public static void requireFeatures(Table table, List<String> featureNames, List<String> targetNames,
            java.util.Collection<String> ignore) {
        requireOnce(table, targetNames, "--targets");
        if (featureNames == null || featureNames.isEmpty()) {
            List<String> candidates = new ArrayList<>();
            for (String n : table.names()) {
                if (!targetNames.contains(n) && !ignore.contains(n)) {
                    candidates.add(n);
                }
            }
            throw DataException.of(table.source(), "no features given; name the manufacturing parameters with "
                    + "--features or in " + rolesFileName(table) + " (candidates: " + String.join(", ", candidates)
                    + ")");
        }
        requireOnce(table, featureNames, "--features");
        for (String f : featureNames) {
            if (targetNames.contains(f)) {
                throw DataException.at(table.source(), 0, f, "is both a feature and a target; remove it from one");
            }
        }
    }

    /** A column named twice in one option is a typo or a copy-paste slip, never intended. */
    private static void requireOnce(Table table, List<String> names, String option) {
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw DataException.at(table.source(), 0, n, "is listed twice in " + option + "; name it once");
            }
        }
    }

    /** The roles file a refusal points to (the table's name with {@value ColumnRoles#SUFFIX}). */
    private static String rolesFileName(Table table) {
        try {
            return ColumnRoles.fileFor(java.nio.file.Path.of(table.source())).getFileName().toString();
        } catch (RuntimeException e) {
            return "a <table>" + ColumnRoles.SUFFIX + " file";
        }
    }

    private static int requireColumn(Table table, String name, String option) {
        int c = table.indexOf(name);
        if (c < 0) {
            throw DataException.at(table.source(), 0, name, "no such column (named in " + option + "); columns are: "
                    + String.join(", ", table.names()));
        }
        return c;
    }

    /** Image columns are stacked as channels of one image, so they must share one size. */
    private static void requireOneImageSize(Table table, List<Column> features) {
        Column first = null;
        for (Column f : features) {
            if (f.type() != ColumnType.IMAGE) {
                continue;
            }
            if (first == null) {
                first = f;
            } else if (!first.shape().equals(f.shape())) {
                throw DataException.at(table.source(), 0, f.name(), "images are " + f.shape().get(1) + "x"
                        + f.shape().get(0) + " pixels but column '" + first.name() + "' has " + first.shape().get(1)
                        + "x" + first.shape().get(0) + "; image columns are channels of one image and must share "
                        + "one size");
            }
        }
    }

    /**
     * An image column when most cells name PNG/TIFF files (its size is the first row's image's);
     * a series column when most cells are {@code [...]} lists or CSV paths (its length is the
     * longest series in the table; every series is read, so a bad one stops here).
     */
    private static Column inferMedia(Table table, int c) {
        int images = 0;
        int series = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            images += MediaFiles.looksLikeImage(table.cell(r, c)) ? 1 : 0;
            series += MediaFiles.looksLikeSeries(table.cell(r, c)) ? 1 : 0;
        }
        String name = table.names().get(c);
        String unit = table.units().get(c);
        if (images > NUMERIC_SHARE * table.rowCount()) {
            int[] size = MediaFiles.imageSize(table, table.cell(0, c),
                    new MediaFiles.Cell(table.source(), table.line(0), name));
            return Column.image(name, unit, size[0], size[1]);
        }
        if (series > NUMERIC_SHARE * table.rowCount()) {
            int length = 0;
            for (int r = 0; r < table.rowCount(); r++) {
                length = Math.max(length, MediaFiles.readSeries(table, table.cell(r, c),
                        new MediaFiles.Cell(table.source(), table.line(r), name), table.decimalComma()).length);
            }
            return Column.series(name, unit, length);
        }
        return null;
    }

    private static Column inferColumn(Table table, int c) {
        Column media = inferMedia(table, c);
        if (media != null) {
            return media;
        }
        int numeric = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            if (Numbers.isNumeric(table.cell(r, c), table.decimalComma())) {
                numeric++;
            }
        }
        String name = table.names().get(c);
        String unit = table.units().get(c);
        if (numeric > NUMERIC_SHARE * table.rowCount()) {
            return Column.numeric(name, unit);
        }
        Set<String> cats = new TreeSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            String v = table.cell(r, c).trim();
            if (v.isEmpty()) {
                throw DataException.at(table.source(), table.line(r), name,
                        "empty cell in a categorical column; fill in the category, remove the row, or pass "
                        + "--drop-incomplete to skip incomplete rows");
            }
            if (Numbers.hasNonAsciiDigits(v)) {
                throw DataException.at(table.source(), table.line(r), name, Numbers.whyNotFinite(v,
                        table.decimalComma()) + " (read neither as a number nor as a category)");
            }
            cats.add(v);
        }
        return Column.categorical(name, unit, new ArrayList<>(cats));
    }

    /** Total encoded input width (one-hot columns expanded). */
    public int encodedWidth() {
        int w = 0;
        for (Column f : features) {
            w += f.width();
        }
        return w;
    }

    /**
     * Names of the encoded inputs: a numeric feature keeps its name, a category becomes
     * "name=value"; image and series columns have no encoded inputs.
     */
    public List<String> encodedNames() {
        List<String> out = new ArrayList<>();
        for (Column f : features) {
            if (f.type() == ColumnType.NUMERIC) {
                out.add(f.name());
            } else if (f.type() == ColumnType.CATEGORICAL) {
                for (String cat : f.categories()) {
                    out.add(f.name() + "=" + cat);
                }
            }
        }
        return out;
    }

    /** Whether any feature is an image or series column (then only the hybrid network can use it). */
    public boolean hasMedia() {
        return features.stream().anyMatch(f -> f.type().isMedia());
    }

    /**
     * Stops a tabular model (MLP, GP, ridge, boosting) from silently ignoring image or series
     * columns: only the hybrid network ({@code pretrain}/{@code finetune}) reads them.
     */
    public void requireTabular(String source) {
        for (Column f : features) {
            if (f.type().isMedia()) {
                throw DataException.at(source, 0, f.name(), "holds " + (f.type() == ColumnType.IMAGE ? "images"
                        : "time series") + ", which only the hybrid network of pretrain/finetune reads; use those "
                        + "commands or leave " + f.name() + " out of --features");
            }
        }
    }

    /** The features of one type, in schema order. */
    public List<Column> featuresOf(ColumnType type) {
        return features.stream().filter(f -> f.type() == type).toList();
    }

    public List<String> featureNames() {
        return features.stream().map(Column::name).toList();
    }

    public List<String> targetNames() {
        return targets.stream().map(Column::name).toList();
    }

    /** Indices of the encoded inputs that belong to each feature (for one-player-per-parameter uses). */
    public int[][] encodedGroups() {
        int[][] groups = new int[features.size()][];
        int k = 0;
        for (int i = 0; i < features.size(); i++) {
            int w = features.get(i).width();
            groups[i] = new int[w];
            for (int j = 0; j < w; j++) {
                groups[i][j] = k++;
            }
        }
        return groups;
    }
}
