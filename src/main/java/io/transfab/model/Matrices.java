package io.transfab.model;

/** Shape and finiteness checks, copies and row/column extraction of the double[][] matrices regressors take. */
public final class Matrices {
    private Matrices() {
    }

    /** Checks that {@code m} is non-empty, rectangular and finite; returns its column count. */
    public static int columns(double[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        int cols = m[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has " + m[i].length + " columns, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + m[i][j]);
                }
            }
        }
        return cols;
    }

    /** Checks that {@code x} has {@code expected} columns (and is finite). */
    public static void requireColumns(double[][] x, int expected, String name) {
        int cols = columns(x, name);
        if (cols != expected) {
            throw new IllegalArgumentException(name + " has " + cols + " columns, the model expects " + expected);
        }
    }

    public static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    public static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }

    /** The rows of {@code m} with the given indices, copied, in that order. */
    public static double[][] rows(double[][] m, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = m[indices[i]].clone();
        }
        return out;
    }
}
