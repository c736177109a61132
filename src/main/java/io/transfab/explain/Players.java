package io.transfab.explain;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The players of a Shapley game: one per manufacturing parameter. A categorical parameter is one
 * player whose one-hot columns always move together ({@link Schema#encodedGroups()}).
 */
public final class Players {
    private final List<String> names;
    private final List<Boolean> categorical;
    private final int[][] groups;
    private final int width;

    private Players(List<String> names, List<Boolean> categorical, int[][] groups) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("need at least one player");
        }
        if (names.size() != groups.length || categorical.size() != groups.length) {
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
            cat.add(f.type() == ColumnType.CATEGORICAL);
        }
        return new Players(schema.featureNames(), cat, schema.encodedGroups());
    }

    /** Players with explicit encoded column groups (a group of width > 1 is treated as categorical). */
    public static Players of(List<String> names, int[][] groups) {
        List<Boolean> cat = new ArrayList<>();
        for (int[] g : groups) {
            cat.add(g.length > 1);
        }
        return new Players(names, cat, groups);
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
