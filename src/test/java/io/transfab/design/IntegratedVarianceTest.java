package io.transfab.design;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Ensemble;
import io.transfab.model.Prediction;
import io.transfab.model.gp.GaussianProcess;
import io.transfab.model.gp.GpHyperparameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegratedVarianceTest {
    private static final ParameterSpace LINE = ParameterSpace.of(List.of(Parameter.continuous("x", 0, 1)), List.of());

    /** The points 0, 1/(n-1), ..., 1 of the unit interval as candidates. */
    private static List<SpaceModel.Candidate> grid(int n) {
        List<SpaceModel.Candidate> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = i / (n - 1.0);
            pool.add(new SpaceModel.Candidate(new double[] {u}, new double[] {u}));
        }
        return pool;
    }

    private static double[][] inputs(List<SpaceModel.Candidate> pool) {
        return pool.stream().map(c -> c.x().clone()).toArray(double[][]::new);
    }

    @Test
    void prefersTheCentreWhereTheVarianceIsFlat() {
        // Given a GP whose only data point is far outside [0, 1], so its variance is equal over the interval
        GpHyperparameters h = new GpHyperparameters(1.0, new double[] {0.2}, 0.01);
        GaussianProcess gp = GaussianProcess.of(new double[][] {{100}}, new double[][] {{0}}, List.of(h));
        List<SpaceModel.Candidate> pool = grid(101);
        IntegratedVariance.PoolCovariance k = IntegratedVariance.of(gp, inputs(pool)).orElseThrow();
        double[] var = k.variance(0);
        assertClose(var[0], var[50], 1e-12, 1e-12, "equal variance at the corner and the centre");
        // When one point is chosen by integrated variance reduction
        double[] gain = new double[pool.size()];
        SpaceModel.Selection s = IntegratedVariance.select(LINE, pool, k, 1, gain, var);
        // Then it is interior, near the centre, not a corner (which max-std could pick on a tie)
        assertThat(pool.get(s.indices()[0]).x()[0]).isBetween(0.4, 0.6);
        assertThat(gain[s.indices()[0]]).isPositive();
    }

    @Test
    void batchesAreSpreadByTheFantasisedUpdate() {
        // Given the same flat GP, When a batch of 4 is chosen
        GpHyperparameters h = new GpHyperparameters(1.0, new double[] {0.15}, 0.01);
        GaussianProcess gp = GaussianProcess.of(new double[][] {{100}}, new double[][] {{0}}, List.of(h));
        List<SpaceModel.Candidate> pool = grid(201);
        IntegratedVariance.PoolCovariance k = IntegratedVariance.of(gp, inputs(pool)).orElseThrow();
        double[] gain = new double[pool.size()];
        SpaceModel.Selection s = IntegratedVariance.select(LINE, pool, k, 4, gain, k.variance(0));
        // Then the four points are distinct and at least a length scale apart (no N copies of one point)
        double[] x = new double[4];
        for (int i = 0; i < 4; i++) {
            x[i] = pool.get(s.indices()[i]).x()[0];
        }
        java.util.Arrays.sort(x);
        for (int i = 1; i < 4; i++) {
            assertThat(x[i] - x[i - 1]).as("gap %d in %s", i, java.util.Arrays.toString(x)).isGreaterThan(0.15);
        }
    }

    @Test
    void ensembleCovarianceAddsTheSpreadOfTheMembersToTheirAverageCovariance() {
        // Given an ensemble of two GPs with different length scales on the same data
        double[][] x = {{0.1}, {0.4}, {0.8}};
        double[][] y = {{0.3}, {-0.2}, {0.5}};
        GaussianProcess a = GaussianProcess.of(x, y, List.of(new GpHyperparameters(1.0, new double[] {0.2}, 0.01)));
        GaussianProcess b = GaussianProcess.of(x, y, List.of(new GpHyperparameters(0.5, new double[] {0.5}, 0.03)));
        Ensemble e = Ensemble.of(List.of(a, b));
        List<SpaceModel.Candidate> pool = grid(21);
        double[][] in = inputs(pool);
        // When reading its pool covariance
        IntegratedVariance.PoolCovariance k = IntegratedVariance.of(e, in).orElseThrow();
        Prediction p = e.predict(in);
        double[][] rows = k.rows(0, new int[] {3, 12});
        // Then latent variance + noise is the ensemble's predictive variance, the rows agree with the
        // variances on the diagonal, and the covariance is symmetric
        assertClose(k.noise(0), 0.02, 1e-12, 0, "average noise");
        for (int i = 0; i < pool.size(); i++) {
            double s = p.std()[i][0];
            assertClose(k.variance(0)[i] + k.noise(0), s * s, 1e-9, 1e-12, "variance " + i);
        }
        assertClose(rows[0][3], k.variance(0)[3], 1e-9, 1e-12, "diagonal");
        assertClose(rows[0][12], rows[1][3], 1e-9, 1e-12, "symmetry");
    }
}
