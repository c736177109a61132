package io.transfab.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One column of a schema: its name, unit (may be empty), type and, for a categorical column,
 * the sorted list of categories seen in training (their one-hot order). An image column's
 * {@code shape} is {@code [height, width]}, a series column's is {@code [length]} (the length
 * every series is resampled to); tabular columns have none, and their model.json stays as before.
 */
public record Column(String name, String unit, ColumnType type, List<String> categories,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> shape) {
    public Column {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
        Objects.requireNonNull(type, "type");
        categories = categories == null ? List.of() : List.copyOf(categories);
        shape = shape == null ? List.of() : List.copyOf(shape);
        if (type == ColumnType.CATEGORICAL && categories.isEmpty()) {
            throw new IllegalArgumentException("categorical column " + name + " needs its categories");
        }
        int dims = type == ColumnType.IMAGE ? 2 : type == ColumnType.SERIES ? 1 : 0;
        if (shape.size() != dims || shape.stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException("column " + name + " of type " + type + " needs " + dims
                    + " positive shape entries, got " + shape);
        }
    }

    /** A tabular column (numeric or categorical), as before image and series columns existed. */
    public Column(String name, String unit, ColumnType type, List<String> categories) {
        this(name, unit, type, categories, List.of());
    }

    public static Column numeric(String name, String unit) {
        return new Column(name, unit, ColumnType.NUMERIC, List.of());
    }

    public static Column categorical(String name, String unit, List<String> categories) {
        return new Column(name, unit, ColumnType.CATEGORICAL, categories);
    }

    /** An image column whose images are all {@code height x width} pixels. */
    public static Column image(String name, String unit, int height, int width) {
        return new Column(name, unit, ColumnType.IMAGE, List.of(), List.of(height, width));
    }

    /** A series column whose series are resampled to {@code length} points. */
    public static Column series(String name, String unit, int length) {
        return new Column(name, unit, ColumnType.SERIES, List.of(), List.of(length));
    }

    /**
     * Number of encoded tabular inputs: 1 for a number, one per category for a one-hot column, 0
     * for an image or series column (the hybrid network reads those through its own encoders).
     */
    public int width() {
        return switch (type) {
            case NUMERIC -> 1;
            case CATEGORICAL -> categories.size();
            case IMAGE, SERIES -> 0;
        };
    }

    /** "name [unit]" or "name". */
    public String label() {
        return unit.isEmpty() ? name : name + " [" + unit + "]";
    }
}
