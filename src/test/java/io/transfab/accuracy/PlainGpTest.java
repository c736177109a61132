package io.transfab.accuracy;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class PlainGpTest {
    /** The rows of bench/plain_gp_golden.py. */
    static final double[][] X = {{0.10, 20.0, 3.0}, {0.25, 35.0, 1.0}, {0.40, 15.0, 4.0}, {0.55, 40.0, 2.0},
        {0.70, 25.0, 5.0}, {0.85, 10.0, 3.5}, {0.95, 30.0, 1.5}, {0.05, 45.0, 4.5}, {0.30, 50.0, 2.5},
        {0.60, 5.0, 0.5}, {0.80, 45.0, 4.0}, {0.45, 28.0, 3.0}, {0.15, 8.0, 2.0}, {0.65, 38.0, 5.5}};
    static final double[] Y = {13.5365606200, 13.5649162801, 16.6161172579, 15.5005950854, 18.5496280999,
        14.5930511522, 12.4124340370, 16.3283143974, 15.5399807289, 13.2615428926, 17.0063895417, 15.8871700735,
        12.3548966023, 20.3668791450};
    static final double[][] X_TEST = {{0.20, 22.0, 2.0}, {0.50, 33.0, 3.5}, {0.75, 12.0, 1.0}, {0.90, 48.0, 5.0},
        {0.35, 40.0, 0.8}};
    /**
     * scikit-learn 1.2.1 GaussianProcessRegressor(ConstantKernel() * Matern(ones(3), nu=2.5) + WhiteKernel(),
     * normalize_y=True, n_restarts_optimizer=2) on StandardScaler inputs: bench/plain_gp_golden.py
     * (kernel 9.31**2 * Matern([7.82, 73, 13.3]) + WhiteKernel(0.000221), log marginal likelihood -5.194).
     */
    static final double[] SKLEARN = {13.285082, 16.842545, 13.126663, 17.987272, 14.275618};

    @Test
    void predictsWhatScikitLearnPredicts() {
        // Given the golden script's rows
        // When the plain GP peer fits them and predicts the test rows
        double[] p = PlainGp.fitPredict(X, Y, X_TEST, 1);
        // Then it predicts scikit-learn's means to within 0.01 (target SD 2.3)
        Approx.assertClose(p, SKLEARN, 0, 0.01, "plain GP mean");
    }
}
