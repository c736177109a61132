package io.transfab.data;

/**
 * How a column is read: numbers, category labels that are one-hot encoded, or a reference to a
 * file on disk (an image, a time series) that only the hybrid network reads, batch by batch.
 */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL,
    /** A PNG or TIFF path, relative to the table's folder; grey levels in [0, 1]. */
    IMAGE,
    /** A time series: an inline {@code [v1;v2;...]} list or a CSV file path (relative to the table's folder). */
    SERIES;

    /** Whether the column references an image or a series rather than holding a tabular value. */
    public boolean isMedia() {
        return this == IMAGE || this == SERIES;
    }
}
