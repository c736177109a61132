package io.transfab.design;

import java.util.ArrayList;
import java.util.List;

/** Model-matrix rows f(x) of the linear and quadratic response-surface models, and log det(X'X). */
final class ModelMatrix {
    private ModelMatrix() {
    }

    /** f(x): intercept, main effects, then (quadratic) squares and two-factor interactions. */
    static double[] row(ParameterSpace space, ModelForm form, double[] x) {
        List<Parameter> ps = space.parameters();
        List<double[]> mains = new ArrayList<>(); // main-effect columns grouped per parameter
        List<Double> squares = new ArrayList<>();
        for (int j = 0; j < ps.size(); j++) {
            Parameter p = ps.get(j);
            if (p.isCategorical()) {
                double[] dummies = new double[p.levels().size() - 1];
                if (x[j] >= 1) {
                    dummies[(int) x[j] - 1] = 1;
                }
                mains.add(dummies);
            } else {
                double c = 2 * p.toUnit(x[j]) - 1;
                mains.add(new double[] {c});
                if (!p.isDiscrete() || p.valueCount() >= 3) {
                    squares.add(c * c);
                }
            }
        }
        List<Double> f = new ArrayList<>();
        f.add(1.0);
        for (double[] m : mains) {
            for (double v : m) {
                f.add(v);
            }
        }
        if (form == ModelForm.QUADRATIC) {
            f.addAll(squares);
            for (int a = 0; a < mains.size(); a++) {
                for (int b = a + 1; b < mains.size(); b++) {
                    for (double va : mains.get(a)) {
                        for (double vb : mains.get(b)) {
                            f.add(va * vb);
                        }
                    }
                }
            }
        }
        double[] out = new double[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get(i);
        }
        return out;
    }

    /** Number of model terms p. */
    static int terms(ParameterSpace space, ModelForm form) {
        double[] x = new double[space.dimension()];
        for (int j = 0; j < x.length; j++) {
            x[j] = space.parameters().get(j).min();
        }
        return row(space, form, x).length;
    }

    /** X'X + ridge*I of the rows F. */
    static double[][] information(double[][] f, double ridge) {
        int p = f[0].length;
        double[][] m = new double[p][p];
        for (double[] r : f) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    m[a][b] += r[a] * r[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            m[a][a] += ridge;
            for (int b = 0; b < a; b++) {
                m[b][a] = m[a][b];
            }
        }
        return m;
    }

    /** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
    static double[][] cholesky(double[][] m) {
        int p = m.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 1e-12 * Math.max(1, Math.abs(m[i][i])))) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** log det of the symmetric positive-definite matrix with Cholesky factor l: 2 sum log l_ii. */
    static double logDet(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** Inverse from the Cholesky factor (solves L L' X = I column by column). */
    static double[][] inverse(double[][] l) {
        int p = l.length;
        double[][] inv = new double[p][p];
        double[] y = new double[p];
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < p; i++) {
                double s = i == c ? 1 : 0;
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[k];
                }
                y[i] = s / l[i][i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < p; k++) {
                    s -= l[k][i] * inv[k][c];
                }
                inv[i][c] = s / l[i][i];
            }
        }
        return inv;
    }

    /** log det(X'X) of the points, or -infinity when X'X is singular. */
    static double logDet(ParameterSpace space, ModelForm form, double[][] points) {
        double[][] f = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            f[i] = row(space, form, points[i]);
        }
        double[][] l = cholesky(information(f, 0));
        return l == null ? Double.NEGATIVE_INFINITY : logDet(l);
    }
}
