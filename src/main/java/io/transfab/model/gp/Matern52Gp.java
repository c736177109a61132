package io.transfab.model.gp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The posterior of one zero-mean Gaussian process output with kernel
 * {@code k(x,x') = s2 * Matern52(r) + noise * delta(x,x')}, where
 * {@code Matern52(r) = (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r)} and
 * {@code r = sqrt(sum_d ((x_d - x'_d) / l_d)^2)} (Rasmussen &amp; Williams, Gaussian Processes for
 * Machine Learning, 2006, eq. 4.17), computed through the Cholesky factor {@code K = L L^T}
 * (R&amp;W Alg. 2.1).
 */
final class Matern52Gp {
    private static final double SQRT5 = Math.sqrt(5.0);
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final GpHyperparameters hyper;
    private final double[][] scaledX; // x_d / l_d, training rows
    private final double[] lower;     // L, row-major n x n
    private final double[] alpha;     // K^-1 y
    private final double logMarginalLikelihood;

    private Matern52Gp(GpHyperparameters hyper, double[][] scaledX, double[] lower, double[] alpha, double lml) {
        this.hyper = hyper;
        this.scaledX = scaledX;
        this.lower = lower;
        this.alpha = alpha;
        this.logMarginalLikelihood = lml;
    }

    /** Conditions on (x, y); throws IllegalArgumentException where K is not numerically positive definite. */
    static Matern52Gp of(double[][] x, double[] y, GpHyperparameters hyper) {
        double[][] xs = scale(x, hyper.lengthScalesView());
        DMatrixRMaj l = cholesky(xs, hyper);
        if (l == null) {
            throw new IllegalArgumentException("the covariance matrix is not positive definite for " + hyper);
        }
        double[] a = solve(l, y);
        return new Matern52Gp(hyper, xs, l.data, a, logLikelihood(l, y, a));
    }

    GpHyperparameters hyperparameters() {
        return hyper;
    }

    double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    /**
     * Predictive mean {@code k*^T alpha} and the standard deviation of a new measurement,
     * {@code sqrt(s2 + noise - v^T v)} with {@code v = L^-1 k*} (R&amp;W Alg. 2.1 plus the noise).
     */
    void predict(double[] xStar, double[] meanAndStd) {
        double[] l = hyper.lengthScalesView();
        int n = scaledX.length;
        double[] k = new double[n];
        double[] s = new double[l.length];
        for (int d = 0; d < l.length; d++) {
            s[d] = xStar[d] / l[d];
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = hyper.signalVariance() * matern52(distance(s, scaledX[i]));
            mean += k[i] * alpha[i];
        }
        TriangularSolver_DDRM.solveL(lower, k, n);
        double vv = 0;
        for (double v : k) {
            vv += v * v;
        }
        double variance = hyper.signalVariance() + hyper.noiseVariance() - vv;
        meanAndStd[0] = mean;
        meanAndStd[1] = Math.sqrt(Math.max(variance, 0.0)); // roundoff can push it below zero
    }

    /**
     * The posterior covariance of the latent function, {@code k(a,b) - k(a,X) K^-1 k(X,b)} with
     * {@code k} the signal kernel (no noise term), as {@code V_a^T V_b} with {@code V = L^-1 k(X, .)}
     * (R&amp;W eq. 2.24). Its diagonal plus the noise variance is the square of {@link #predict}'s std.
     */
    double[][] covariance(double[][] a, double[][] b) {
        double[][] sa = scale(a, hyper.lengthScalesView());
        double[][] sb = a == b ? sa : scale(b, hyper.lengthScalesView());
        double[][] va = whitened(sa);
        double[][] vb = a == b ? va : whitened(sb);
        double s2 = hyper.signalVariance();
        double[][] c = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double vv = 0;
                for (int m = 0; m < va[i].length; m++) {
                    vv += va[i][m] * vb[j][m];
                }
                c[i][j] = s2 * matern52(distance(sa[i], sb[j])) - vv;
            }
        }
        return c;
    }

    /** Row i is {@code L^-1 k(X, x_i)} for scaled points x_i. */
    private double[][] whitened(double[][] scaled) {
        int n = scaledX.length;
        double[][] v = new double[scaled.length][n];
        for (int i = 0; i < scaled.length; i++) {
            for (int m = 0; m < n; m++) {
                v[i][m] = hyper.signalVariance() * matern52(distance(scaled[i], scaledX[m]));
            }
            TriangularSolver_DDRM.solveL(lower, v[i], n);
        }
        return v;
    }

    /**
     * The log marginal likelihood {@code -1/2 y^T K^-1 y - 1/2 log|K| - n/2 log 2pi} (R&amp;W eq. 2.30)
     * and, into {@code grad}, its gradient with respect to {@code (log s2, log l_1..log l_D, log noise)}:
     * {@code 1/2 tr((alpha alpha^T - K^-1) dK/dtheta_j)} (R&amp;W eq. 5.9). Returns NaN where K is
     * not numerically positive definite.
     */
    static double logLikelihood(double[][] x, double[] y, GpHyperparameters hyper, double[] grad) {
        int n = x.length;
        int dims = hyper.inputCount();
        double[][] xs = scale(x, hyper.lengthScalesView());
        // Each pair's distance and exp(-sqrt5 r), computed once for K and used again by the gradient.
        double[][] pairs = pairs(xs);
        double[] r = pairs[0];
        double[] e = pairs[1];
        DMatrixRMaj l = cholesky(covariance(n, hyper, r, e));
        if (l == null) {
            return Double.NaN;
        }
        double[] a = solve(l, y);
        double lml = logLikelihood(l, y, a);

        double[] lInv = l.data.clone();
        TriangularSolver_DDRM.invertLower(lInv, n);
        double[] kInv = lowerGram(lInv, n);

        double s2 = hyper.signalVariance();
        double gS2 = 0;
        double gNoise = 0;
        double[] gL = new double[dims];
        for (int i = 0; i < n; i++) {
            double wii = a[i] * a[i] - kInv[i * n + i];
            gS2 += wii * s2;                  // Matern52(0) = 1
            gNoise += wii * hyper.noiseVariance();
            for (int j = 0; j < i; j++) {
                double w = 2 * (a[i] * a[j] - kInv[i * n + j]); // both (i,j) and (j,i)
                double rij = r[i * n + j];
                double eij = e[i * n + j];
                gS2 += w * s2 * (1 + SQRT5 * rij + 5.0 / 3.0 * rij * rij) * eij;
                // dK/dlog l_d = s2 * 5/3 (1 + sqrt5 r) exp(-sqrt5 r) u_d^2 with u_d = (x_d - x'_d) / l_d
                double common = w * s2 * 5.0 / 3.0 * (1 + SQRT5 * rij) * eij;
                for (int d = 0; d < dims; d++) {
                    double u = xs[i][d] - xs[j][d];
                    gL[d] += common * u * u;
                }
            }
        }
        grad[0] = 0.5 * gS2;
        for (int d = 0; d < dims; d++) {
            grad[d + 1] = 0.5 * gL[d];
        }
        grad[dims + 1] = 0.5 * gNoise;
        return lml;
    }

    /**
     * The lower triangle (row-major n x n, upper left at zero) of {@code M^T M} for a lower-triangular
     * {@code M}: {@code (M^T M)_ij = sum_{k >= i} M_ki M_kj} for j &lt;= i, summed over k ascending as
     * EJML's {@code multTransA} sums the full product (whose terms below k = i are exact zeros), so
     * every entry is bit-identical to it at a sixth of the arithmetic. With {@code M = L^-1} it is
     * {@code K^-1}.
     */
    static double[] lowerGram(double[] m, int n) {
        double[] g = new double[n * n];
        for (int k = 0; k < n; k++) {
            int row = k * n;
            for (int i = 0; i <= k; i++) {
                double mki = m[row + i];
                int at = i * n;
                if (k == i) {
                    for (int j = 0; j <= i; j++) {
                        g[at + j] = mki * m[row + j];
                    }
                } else {
                    for (int j = 0; j <= i; j++) {
                        g[at + j] += mki * m[row + j];
                    }
                }
            }
        }
        return g;
    }

    static double matern52(double r) {
        double a = SQRT5 * r;
        return (1 + a + a * a / 3.0) * Math.exp(-a);
    }

    private static double logLikelihood(DMatrixRMaj l, double[] y, double[] a) {
        int n = y.length;
        double fit = 0;
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            fit += y[i] * a[i];
            logDet += Math.log(l.unsafe_get(i, i));
        }
        return -0.5 * fit - logDet - n * HALF_LOG_2PI;
    }

    /** The lower Cholesky factor of K, or null where the decomposition fails. */
    private static DMatrixRMaj cholesky(double[][] xs, GpHyperparameters hyper) {
        double[][] pairs = pairs(xs);
        return cholesky(covariance(xs.length, hyper, pairs[0], pairs[1]));
    }

    /** Per pair j &lt; i of scaled rows, at {@code i * n + j}: the distance r and exp(-sqrt5 r). */
    private static double[][] pairs(double[][] xs) {
        int n = xs.length;
        double[] r = new double[n * n];
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double rij = distance(xs[i], xs[j]);
                r[i * n + j] = rij;
                e[i * n + j] = Math.exp(-SQRT5 * rij);
            }
        }
        return new double[][] {r, e};
    }

    /**
     * K from each pair's (j &lt; i) distance {@code r} and {@code exp(-sqrt5 r)}, row-major at
     * {@code i * n + j}: {@code s2 (1 + a + a^2 / 3) exp(-a)} with {@code a = sqrt5 r}, as {@link #matern52}.
     */
    private static DMatrixRMaj covariance(int n, GpHyperparameters hyper, double[] r, double[] e) {
        double s2 = hyper.signalVariance();
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            k.unsafe_set(i, i, s2 + hyper.noiseVariance());
            for (int j = 0; j < i; j++) {
                double a = SQRT5 * r[i * n + j];
                double v = s2 * ((1 + a + a * a / 3.0) * e[i * n + j]);
                k.unsafe_set(i, j, v);
                k.unsafe_set(j, i, v);
            }
        }
        return k;
    }

    /** The lower Cholesky factor of {@code k}, or null where the decomposition fails. */
    private static DMatrixRMaj cholesky(DMatrixRMaj k) {
        int n = k.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(k)) {
            return null;
        }
        DMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < n; i++) {
            double d = l.unsafe_get(i, i);
            if (!(d > 0) || Double.isInfinite(d)) {
                return null;
            }
        }
        return l;
    }

    /** K^-1 y through two triangular solves. */
    private static double[] solve(DMatrixRMaj l, double[] y) {
        double[] b = y.clone();
        TriangularSolver_DDRM.solveL(l.data, b, y.length);
        TriangularSolver_DDRM.solveTranL(l.data, b, y.length);
        return b;
    }

    private static double[][] scale(double[][] x, double[] lengthScales) {
        if (x[0].length != lengthScales.length) {
            throw new IllegalArgumentException("x has " + x[0].length + " columns but there are "
                    + lengthScales.length + " length scales");
        }
        double[][] s = new double[x.length][lengthScales.length];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < lengthScales.length; d++) {
                s[i][d] = x[i][d] / lengthScales[d];
            }
        }
        return s;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double u = a[d] - b[d];
            s += u * u;
        }
        return Math.sqrt(s);
    }
}
