package io.transfab.model;

import java.util.Arrays;

/**
 * Non-negative least squares: {@code argmin ||A w - b||_2} subject to {@code w >= 0}, by the
 * active-set algorithm of Lawson &amp; Hanson (Solving Least Squares Problems, 1974, ch. 23,
 * algorithm NNLS), the one {@code scipy.optimize.nnls} implements. The passive-set least-squares
 * subproblems are solved through the normal equations with a Cholesky factorisation (the
 * stacking problems it serves have a handful of columns).
 */
public final class Nnls {
    private static final double TOLERANCE = 1e-10;

    private Nnls() {
    }

    /**
     * The non-negative least-squares solution.
     *
     * @param a n x p design (rows: observations)
     * @param b n responses
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = a.length;
        if (n == 0 || b.length != n) {
            throw new IllegalArgumentException("need equal, non-zero row counts; got " + n + " and " + b.length);
        }
        int p = Matrices.columns(a, "a");
        double[][] gram = new double[p][p];
        double[] atb = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                atb[j] += a[i][j] * b[i];
                for (int k = 0; k < p; k++) {
                    gram[j][k] += a[i][j] * a[i][k];
                }
            }
        }
        double scale = 0;
        for (int j = 0; j < p; j++) {
            scale = Math.max(scale, gram[j][j]);
        }
        double tol = TOLERANCE * Math.max(1, scale);
        double[] w = new double[p];
        boolean[] passive = new boolean[p];
        for (int outer = 0; outer < 3 * p + 10; outer++) {
            double[] grad = gradient(gram, atb, w);
            int enter = -1;
            for (int j = 0; j < p; j++) {
                if (!passive[j] && grad[j] > tol && (enter < 0 || grad[j] > grad[enter])) {
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            passive[enter] = true;
            for (int inner = 0; inner <= p; inner++) {
                double[] z = passiveSolution(gram, atb, passive);
                boolean feasible = true;
                for (int j = 0; j < p; j++) {
                    feasible &= !passive[j] || z[j] > 0;
                }
                if (feasible) {
                    w = z;
                    break;
                }
                // Step from w toward z as far as feasibility allows; the blocking variables leave.
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < p; j++) {
                    if (passive[j] && z[j] <= 0) {
                        alpha = Math.min(alpha, w[j] / (w[j] - z[j]));
                    }
                }
                for (int j = 0; j < p; j++) {
                    w[j] += alpha * (z[j] - w[j]);
                    if (passive[j] && w[j] <= tol * 1e-3) {
                        passive[j] = false;
                        w[j] = 0;
                    }
                }
            }
        }
        return w;
    }

    /** A^T (b - A w) = A^T b - A^T A w: the negative gradient of half the squared residual. */
    private static double[] gradient(double[][] gram, double[] atb, double[] w) {
        double[] g = atb.clone();
        for (int j = 0; j < g.length; j++) {
            for (int k = 0; k < g.length; k++) {
                g[j] -= gram[j][k] * w[k];
            }
        }
        return g;
    }

    /** The unconstrained least squares on the passive columns (others 0), via (A_P^T A_P) z_P = A_P^T b. */
    private static double[] passiveSolution(double[][] gram, double[] atb, boolean[] passive) {
        int p = atb.length;
        int[] idx = java.util.stream.IntStream.range(0, p).filter(j -> passive[j]).toArray();
        int m = idx.length;
        double[][] g = new double[m][m];
        double[] r = new double[m];
        double ridge = 0;
        for (int u = 0; u < m; u++) {
            ridge = Math.max(ridge, gram[idx[u]][idx[u]]);
        }
        // A tiny ridge keeps collinear columns (two near-identical candidates) solvable.
        ridge *= 1e-12;
        for (int u = 0; u < m; u++) {
            r[u] = atb[idx[u]];
            for (int v = 0; v < m; v++) {
                g[u][v] = gram[idx[u]][idx[v]] + (u == v ? ridge : 0);
            }
        }
        double[] zp = choleskySolve(g, r);
        double[] z = new double[p];
        Arrays.fill(z, 0);
        for (int u = 0; u < m; u++) {
            z[idx[u]] = zp[u];
        }
        return z;
    }

    private static double[] choleskySolve(double[][] g, double[] r) {
        int m = r.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
