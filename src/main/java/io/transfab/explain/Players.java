package io.transfab.explain;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The players of a Shapley game: one per manufacturing parameter. A categorical parameter is one
 * player whose one-hot columns always move together ({@link Schema#encodedGroups()}). For a hybrid
 * model ({@link #hybrid}) the images are one player and the series another; each holds one
 * encoded column whose value is the index of the pool row that supplies the media (see
 * {@link HybridExplainer}), so coalitions swap whole images and series like any other value.
 */
public final class Players {
    private final List<String> names;
    private final List<Boolean> categorical;
    private final List<Column> columns;
    private final int[][] groups;
    private final int width;

    private Players(List<String> names, List<Boolean> categorical, List<Column> columns, int[][] groups) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("need at least one player");
        }
        if (names.size() != groups.length || categorical.size() != groups.length || columns.size() != groups.length) {
            throw new IllegalArgumentException(names.size() + " names for " + groups.length + " groups");
        }
        boolean[] seen = new boolean[totalWidth(groups)];
        for (int[] g : groups) {
            if (g.length == 0) {
                throw new IllegalArgumentException("every player needs at least one encoded column");
            }
            for (int c : g) {
                if (c < 0 || c >= seen.length || seen[c]) {
                    throw new IllegalArgumentException("encoded columns must be 0..w-1, each in exactly one group");
                }
                seen[c] = true;
            }
        }
        this.names = List.copyOf(names);
        this.categorical = List.copyOf(categorical);
        this.columns = List.copyOf(columns);
        this.groups = new int[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            this.groups[i] = groups[i].clone();
        }
        this.width = seen.length;
    }

    /** One player per feature of the schema. */
    public static Players of(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        List<Boolean> cat = new ArrayList<>();
        for (Column f : schema.features()) {
            if (f.type().isMedia()) {
                throw new IllegalArgumentException("column '" + f.name() + "' holds " + f.type().name()
                        .toLowerCase(java.util.Locale.ROOT) + "s; use Players.hybrid");
            }
            cat.add(f.type() == ColumnType.CATEGORICAL);
        }
        return new Players(schema.featureNames(), cat, schema.features(), schema.encodedGroups());
    }

    /**
     * The players of a hybrid model: one per tabular feature (schema order, encoded columns
     * 0..w-1), then one for all image columns (encoded column w, named by the column, or the
     * columns joined by '+' when several images are channels of one) and one for all series columns
     * (the next column), as the network encodes them together.
     */
    public static Players hybrid(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        List<String> names = new ArrayList<>();
        List<Boolean> cat = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        int[][] encoded = schema.encodedGroups();
        for (int i = 0; i < encoded.length; i++) {
            Column f = schema.features().get(i);
            if (!f.type().isMedia()) {
                names.add(f.name());
                cat.add(f.type() == ColumnType.CATEGORICAL);
                cols.add(f);
                groups.add(encoded[i]);
            }
        }
        int next = schema.encodedWidth();
        for (ColumnType type : List.of(ColumnType.IMAGE, ColumnType.SERIES)) {
            List<Column> media = schema.featuresOf(type);
            if (!media.isEmpty()) {
                String name = String.join("+", media.stream().map(Column::name).toList());
                names.add(name);
                cat.add(false);
                cols.add(new Column(name, "", type, List.of(), media.get(0).shape()));
                groups.add(new int[] {next++});
            }
        }
        return new Players(names, cat, cols, groups.toArray(new int[0][]));
    }

    /** Players with explicit encoded column groups (a group of width > 1 is treated as categorical). */
    public static Players of(List<String> names, int[][] groups) {
        List<Boolean> cat = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < groups.length; j++) {
            cat.add(groups[j].length > 1);
            List<String> levels = new ArrayList<>();
            for (int k = 0; k < groups[j].length; k++) {
                levels.add(Integer.toString(k));
            }
            cols.add(groups[j].length > 1 ? Column.categorical(names.get(j), "", levels)
                    : Column.numeric(names.get(j), ""));
        }
        return new Players(names, cat, cols, groups);
    }

    private static int totalWidth(int[][] groups) {
        int w = 0;
        for (int[] g : groups) {
            w += g.length;
        }
        return w;
    }

    public int count() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    public String name(int player) {
        return names.get(player);
    }

    public boolean isCategorical(int player) {
        return categorical.get(player);
    }

    /** Whether the player is a hybrid model's images or series (no value to sweep or colour by). */
    public boolean isMedia(int player) {
        return columns.get(player).type().isMedia();
    }

    /** The column the player stands for (for the images or series of a hybrid: an IMAGE or SERIES column). */
    public Column column(int player) {
        return columns.get(player);
    }

    /** Total encoded width. */
    public int width() {
        return width;
    }

    /** The encoded columns of one player (a copy). */
    public int[] group(int player) {
        return groups[player].clone();
    }

    /** Encoded columns of all players in {@code mask} (bit j = player j), ascending by player. */
    int[] columnsOf(long mask) {
        int n = 0;
        for (int j = 0; j < groups.length; j++) {
            if ((mask >>> j & 1L) != 0) {
                n += groups[j].length;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int j = 0; j < groups.length; j++) {
            if ((mask >>> j & 1L) != 0) {
                for (int c : groups[j]) {
                    out[k++] = c;
                }
            }
        }
        return out;
    }

    /** Encoded columns of the players flagged in {@code in}. */
    int[] columnsOf(boolean[] in) {
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < groups.length; j++) {
            if (in[j]) {
                for (int c : groups[j]) {
                    cols.add(c);
                }
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }
}
