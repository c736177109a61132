package io.transfab.explain;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Partial dependence (Friedman, Ann. Stat. 29, 2001) and individual conditional expectation
 * curves (Goldstein et al., J. Comput. Graph. Stat. 24, 2015): every row's prediction as one
 * parameter is swept over a grid with the row's other parameters kept (ICE), and their mean (PD).
 * Two-way PD sweeps two parameters over a grid x grid. All grid points go to the model in one call.
 */
public final class PartialDependence {
    private PartialDependence() {
    }

    /**
     * The sweep of one parameter: evenly spaced values from the smallest to the largest in
     * {@code x} for a number, every category for a categorical parameter.
     *
     * @param axis     the x-axis positions (the values, or category indices 0..k-1)
     * @param labels   text of each grid point
     * @param settings encoded values of the player's columns at each grid point
     */
    public record Grid(int player, boolean categorical, List<String> labels, double[] axis, double[][] settings) {
        public Grid {
            labels = List.copyOf(labels);
            axis = axis.clone();
            settings = io.transfab.model.Matrices.copy(settings);
        }

        @Override
        public double[] axis() {
            return axis.clone();
        }

        @Override
        public double[][] settings() {
            return io.transfab.model.Matrices.copy(settings);
        }

        int size() {
            return axis.length;
        }

        /** A grid of at most {@code points} values for {@code player}, described by {@code column}. */
        public static Grid of(Players players, int player, Column column, double[][] x, int points) {
            if (points < 2) {
                throw new IllegalArgumentException("a grid needs >= 2 points, got " + points);
            }
            int[] cols = players.group(player);
            if (column.type() == ColumnType.CATEGORICAL) {
                int k = cols.length;
                double[][] s = new double[k][k];
                double[] axis = new double[k];
                for (int c = 0; c < k; c++) {
                    s[c][c] = 1;
                    axis[c] = c;
                }
                return new Grid(player, true, column.categories(), axis, s);
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] r : x) {
                lo = Math.min(lo, r[cols[0]]);
                hi = Math.max(hi, r[cols[0]]);
            }
            int g = hi > lo ? points : 1;
            double[] axis = new double[g];
            double[][] s = new double[g][1];
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < g; i++) {
                axis[i] = g == 1 ? lo : lo + (hi - lo) * i / (g - 1);
                s[i][0] = axis[i];
                labels.add(io.transfab.data.Numbers.format(axis[i]));
            }
            return new Grid(player, false, labels, axis, s);
        }
    }

    /** ICE curves and their mean for every target. */
    public static final class OneWay {
        private final Grid grid;
        private final double[][][] ice;

        OneWay(Grid grid, double[][][] ice) {
            this.grid = grid;
            this.ice = ice;
        }

        public Grid grid() {
            return grid;
        }

        /** ICE curves of target {@code t}: rows x grid points (a copy). */
        public double[][] ice(int t) {
            return io.transfab.model.Matrices.copy(ice[t]);
        }

        /** Partial dependence of target {@code t}: the mean ICE curve. */
        public double[] pd(int t) {
            double[] m = new double[grid.size()];
            for (double[] curve : ice[t]) {
                for (int g = 0; g < m.length; g++) {
                    m[g] += curve[g] / ice[t].length;
                }
            }
            return m;
        }
    }

    /** Two-way partial dependence for every target. */
    public static final class TwoWay {
        private final Grid first;
        private final Grid second;
        private final double[][][] pd;

        TwoWay(Grid first, Grid second, double[][][] pd) {
            this.first = first;
            this.second = second;
            this.pd = pd;
        }

        public Grid first() {
            return first;
        }

        public Grid second() {
            return second;
        }

        /** PD of target {@code t}: first-grid points x second-grid points (a copy). */
        public double[][] pd(int t) {
            return io.transfab.model.Matrices.copy(pd[t]);
        }
    }

    /** ICE and PD of {@code grid}'s player over the rows of {@code x}. */
    public static OneWay oneWay(EncodedPredictor f, Players players, double[][] x, Grid grid) {
        int n = x.length;
        int g = grid.size();
        int[] cols = players.group(grid.player());
        double[][] batch = new double[n * g][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < g; k++) {
                double[] row = x[i].clone();
                set(row, cols, grid.settings[k]);
                batch[i * g + k] = row;
            }
        }
        double[][] y = f.predict(batch);
        int tCount = y[0].length;
        double[][][] ice = new double[tCount][n][g];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < g; k++) {
                for (int t = 0; t < tCount; t++) {
                    ice[t][i][k] = y[i * g + k][t];
                }
            }
        }
        return new OneWay(grid, ice);
    }

    /** Two-way PD of the players of {@code a} and {@code b} (distinct) over the rows of {@code x}. */
    public static TwoWay twoWay(EncodedPredictor f, Players players, double[][] x, Grid a, Grid b) {
        if (a.player() == b.player()) {
            throw new IllegalArgumentException("two-way dependence needs two different parameters");
        }
        int n = x.length;
        int ga = a.size();
        int gb = b.size();
        int[] colsA = players.group(a.player());
        int[] colsB = players.group(b.player());
        double[][] batch = new double[n * ga * gb][];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < ga; u++) {
                for (int w = 0; w < gb; w++) {
                    double[] row = x[i].clone();
                    set(row, colsA, a.settings[u]);
                    set(row, colsB, b.settings[w]);
                    batch[at++] = row;
                }
            }
        }
        double[][] y = f.predict(batch);
        int tCount = y[0].length;
        double[][][] pd = new double[tCount][ga][gb];
        at = 0;
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < ga; u++) {
                for (int w = 0; w < gb; w++) {
                    for (int t = 0; t < tCount; t++) {
                        pd[t][u][w] += y[at][t] / n;
                    }
                    at++;
                }
            }
        }
        return new TwoWay(a, b, pd);
    }

    private static void set(double[] row, int[] cols, double[] values) {
        for (int c = 0; c < cols.length; c++) {
            row[cols[c]] = values[c];
        }
    }
}
