package io.transfab.data;

import java.util.List;
import java.util.Objects;

/**
 * One column of a schema: its name, unit (may be empty), type and, for a categorical column,
 * the sorted list of categories seen in training (their one-hot order).
 */
public record Column(String name, String unit, ColumnType type, List<String> categories) {
    public Column {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
        Objects.requireNonNull(type, "type");
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (type == ColumnType.CATEGORICAL && categories.isEmpty()) {
            throw new IllegalArgumentException("categorical column " + name + " needs its categories");
        }
    }

    public static Column numeric(String name, String unit) {
        return new Column(name, unit, ColumnType.NUMERIC, List.of());
    }

    public static Column categorical(String name, String unit, List<String> categories) {
        return new Column(name, unit, ColumnType.CATEGORICAL, categories);
    }

    /** Number of encoded inputs: 1 for a number, one per category for a one-hot column. */
    public int width() {
        return type == ColumnType.NUMERIC ? 1 : categories.size();
    }

    /** "name [unit]" or "name". */
    public String label() {
        return unit.isEmpty() ? name : name + " [" + unit + "]";
    }
}
