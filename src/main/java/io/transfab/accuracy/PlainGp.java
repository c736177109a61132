package io.transfab.accuracy;

import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;

/**
 * Reference peer of issue 13: a plain Gaussian process as scikit-learn fits it,
 * {@code GaussianProcessRegressor(ConstantKernel() * Matern(length_scale=ones(D), nu=2.5) + WhiteKernel(),
 * normalize_y=True, n_restarts_optimizer=2)}, on inputs standardised on the training rows
 * (scikit-learn's {@code StandardScaler}). Kernel {@code s2 * Matern52_ARD(r) + noise * delta}, the same
 * as {@link GaussianProcessTrainer}'s; the hyperparameters maximise the log marginal likelihood
 * (Rasmussen &amp; Williams 2006, eq. 2.30) inside scikit-learn's default bounds 1e-5..1e5 for the
 * constant, every length scale and the noise level, from the default start and 2 random restarts.
 * Nothing is tuned for transfab: no noise floor, no transforms, no calibration.
 * Checked against scikit-learn 1.2.1 in {@code PlainGpTest} (script {@code bench/plain_gp_golden.py}).
 */
public final class PlainGp {
    /** scikit-learn's default bounds for ConstantKernel, Matern and WhiteKernel, and its 2 restarts. */
    static final GpOptions OPTIONS = new GpOptions(2, 1000, 1e-5, 1e5, 1e-5, 1e5, 1e-5, 1e5);

    private PlainGp() {
    }

    /**
     * Fits on ({@code xTrain}, {@code yTrain}) and predicts the mean at {@code xTest}, in the units of
     * {@code yTrain}.
     */
    public static double[] fitPredict(double[][] xTrain, double[] yTrain, double[][] xTest, long seed) {
        Normalizer in = Normalizer.standardize(xTrain);
        double[][] y = column(yTrain);
        Normalizer out = Normalizer.standardize(y); // normalize_y: mean 0, population SD 1
        Regressor gp = GaussianProcessTrainer.of(OPTIONS).fit(in.apply(xTrain), out.apply(y), seed, Progress.NONE);
        double[][] mean = out.invert(gp.predict(in.apply(xTest)).mean());
        double[] p = new double[mean.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = mean[i][0];
        }
        return p;
    }

    static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }
}
