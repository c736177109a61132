package io.transfab.data;

/** How a column is read: numbers, or category labels that are one-hot encoded. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL
}
