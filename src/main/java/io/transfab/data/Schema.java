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
     * Infers a schema from a table. Features default to every column that is neither a target nor
     * ignored. A feature is categorical when most of its cells are not numbers.
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
        List<String> fnames;
        if (featureNames == null || featureNames.isEmpty()) {
            fnames = new ArrayList<>();
            for (String n : table.names()) {
                if (!targetNames.contains(n) && !ign.contains(n)) {
                    fnames.add(n);
                }
            }
            if (fnames.isEmpty()) {
                throw DataException.of(table.source(), "no feature columns left after removing targets and ignored "
                        + "columns; name them with --features");
            }
        } else {
            fnames = featureNames;
        }
        List<Column> features = new ArrayList<>();
        for (String f : fnames) {
            int c = requireColumn(table, f, "--features");
            if (targetNames.contains(f)) {
                throw DataException.at(table.source(), 0, f, "is both a feature and a target; remove it from one");
            }
            features.add(inferColumn(table, c));
        }
        return new Schema(features, targets);
    }

    private static int requireColumn(Table table, String name, String option) {
        int c = table.indexOf(name);
        if (c < 0) {
            throw DataException.at(table.source(), 0, name, "no such column (named in " + option + "); columns are: "
                    + String.join(", ", table.names()));
        }
        return c;
    }

    private static Column inferColumn(Table table, int c) {
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
                        "empty cell in a categorical column; fill in the category or remove the row");
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

    /** Names of the encoded inputs: a numeric feature keeps its name, a category becomes "name=value". */
    public List<String> encodedNames() {
        List<String> out = new ArrayList<>();
        for (Column f : features) {
            if (f.type() == ColumnType.NUMERIC) {
                out.add(f.name());
            } else {
                for (String cat : f.categories()) {
                    out.add(f.name() + "=" + cat);
                }
            }
        }
        return out;
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
