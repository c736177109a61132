package io.transfab.model.linear;

import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import io.transfab.model.RegressorTrainer;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Fits a {@link RidgeRegression}: for each output, minimises
 * {@code ||y - b - X w||^2 + alpha ||w||^2} (intercept b unpenalised) for every alpha of the grid
 * and keeps the alpha with the smallest mean squared leave-one-out error. The errors come in
 * closed form from one thin SVD of the centred inputs {@code Xc = U S V^T}: the hat matrix is
 * {@code H = 11^T/n + U diag(s^2/(s^2+alpha)) U^T} and the leave-one-out residual is
 * {@code (y_i - yhat_i) / (1 - H_ii)} (Hastie, Tibshirani &amp; Friedman, The Elements of
 * Statistical Learning, 2nd ed., 2009, Sects. 3.4.1 and 7.10.1; Golub, Heath &amp; Wahba,
 * Technometrics 21(2), 1979), as scikit-learn's RidgeCV does by default. Ties go to the smaller
 * alpha; the seed is unused (the fit is deterministic).
 */
public final class RidgeRegressionTrainer implements RegressorTrainer {
    private final RidgeOptions options;

    private RidgeRegressionTrainer(RidgeOptions options) {
        this.options = options;
    }

    public static RidgeRegressionTrainer of(RidgeOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new RidgeRegressionTrainer(options);
    }

    /** A trainer with {@link RidgeOptions#defaults()}. */
    public static RidgeRegressionTrainer withDefaults() {
        return of(RidgeOptions.defaults());
    }

    public RidgeOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return RidgeRegression.KIND;
    }

    @Override
    public RidgeRegression fit(double[][] x, double[][] y, long seed, Progress progress) {
        int p = Matrices.columns(x, "x");
        int outputCount = Matrices.columns(y, "y");
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x has " + n + " rows, y has " + y.length);
        }
        if (n < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 rows, got " + n);
        }
        double[] xMean = new double[p];
        for (double[] row : x) {
            for (int d = 0; d < p; d++) {
                xMean[d] += row[d] / n;
            }
        }
        DMatrixRMaj xc = new DMatrixRMaj(n, p);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < p; d++) {
                xc.unsafe_set(i, d, x[i][d] - xMean[d]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, p, true, true, true);
        if (!svd.decompose(xc)) {
            throw new IllegalStateException("the SVD of the centred inputs did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues().clone();
        int k = svd.numberOfSingularValues();
        double[] alphas = options.alphas();

        List<RidgeSolution> solutions = new ArrayList<>(outputCount);
        List<RidgeVariance> variances = new ArrayList<>(outputCount);
        for (int t = 0; t < outputCount; t++) {
            double yMean = 0;
            for (double[] row : y) {
                yMean += row[t] / n;
            }
            double[] yc = new double[n];
            for (int i = 0; i < n; i++) {
                yc[i] = y[i][t] - yMean;
            }
            double[] uty = new double[k]; // U^T yc
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    uty[j] += u.unsafe_get(i, j) * yc[i];
                }
            }
            int best = -1;
            double bestMse = Double.POSITIVE_INFINITY;
            for (int a = 0; a < alphas.length; a++) {
                double mse = leaveOneOutMse(u, s, k, uty, yc, alphas[a]);
                if (mse < bestMse) { // NaN never wins; ties keep the smaller alpha
                    bestMse = mse;
                    best = a;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("no alpha gave a finite leave-one-out error for output " + t);
            }
            double alpha = alphas[best];
            double[] w = new double[p]; // V diag(s/(s^2+alpha)) U^T yc
            for (int j = 0; j < k; j++) {
                double f = s[j] / (s[j] * s[j] + alpha) * uty[j];
                for (int d = 0; d < p; d++) {
                    w[d] += v.unsafe_get(d, j) * f;
                }
            }
            double intercept = yMean;
            for (int d = 0; d < p; d++) {
                intercept -= xMean[d] * w[d];
            }
            solutions.add(new RidgeSolution(alpha, intercept, w, bestMse));
            variances.add(variance(xc, s, k, yc, w, alpha, xMean));
            progress.update("ridge", t + 1, outputCount);
        }
        return RidgeRegression.of(solutions, variances);
    }

    /**
     * The {@link RidgeVariance} of one output: sigma^2 = RSS / (n - df), df = 1 + sum s^2/(s^2+alpha)
     * (RSS / n when fewer than half a residual degree of freedom is left, i.e. the fit almost
     * interpolates; the conformal calibration then rescales the intervals), and (Xc^T Xc + alpha I)^-1.
     */
    private static RidgeVariance variance(DMatrixRMaj xc, double[] s, int k, double[] yc, double[] w, double alpha,
            double[] xMean) {
        int n = xc.numRows;
        int p = xc.numCols;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int d = 0; d < p; d++) {
                fit += xc.unsafe_get(i, d) * w[d];
            }
            rss += (yc[i] - fit) * (yc[i] - fit);
        }
        double df = 1;
        for (int j = 0; j < k; j++) {
            df += s[j] * s[j] / (s[j] * s[j] + alpha);
        }
        double dof = n - df;
        double sigma2 = dof > 0.5 ? rss / dof : rss / n;
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(xc, xc, gram);
        for (int d = 0; d < p; d++) {
            gram.add(d, d, alpha);
        }
        DMatrixRMaj invGram = new DMatrixRMaj(p, p);
        if (!org.ejml.dense.row.CommonOps_DDRM.invertSPD(gram, invGram)) {
            throw new IllegalStateException("X^T X + alpha I is not positive definite (alpha " + alpha + ")");
        }
        double[][] inv = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                inv[a][b] = invGram.unsafe_get(a, b);
            }
        }
        return new RidgeVariance(sigma2, n, xMean, inv);
    }

    /** Mean of ((yc_i - yhat_i) / (1 - H_ii))^2 at one alpha. */
    private static double leaveOneOutMse(DMatrixRMaj u, double[] s, int k, double[] uty, double[] yc, double alpha) {
        int n = yc.length;
        double[] shrink = new double[k];
        for (int j = 0; j < k; j++) {
            shrink[j] = s[j] * s[j] / (s[j] * s[j] + alpha);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double h = 1.0 / n;
            double fitted = 0;
            for (int j = 0; j < k; j++) {
                double uij = u.unsafe_get(i, j);
                h += uij * uij * shrink[j];
                fitted += uij * shrink[j] * uty[j];
            }
            double e = (yc[i] - fitted) / (1 - h);
            sum += e * e;
        }
        return sum / n;
    }
}
