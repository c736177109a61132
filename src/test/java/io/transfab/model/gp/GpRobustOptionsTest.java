package io.transfab.model.gp;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Progress;
import io.transfab.testing.Approx;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The isotropic kernel and the noise floor of {@link GpOptions}. */
class GpRobustOptionsTest {
    private static double[][] x;
    private static double[] y;

    static {
        SplittableRandom r = new SplittableRandom(5);
        x = new double[15][3];
        y = new double[15];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 3; d++) {
                x[i][d] = r.nextDouble(-1.5, 1.5);
            }
            y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1] + 0.05 * r.nextGaussian();
        }
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    @Test
    void isotropicFitSharesOneLengthScaleAtAStationaryPointOfTheLikelihood() {
        // When fitting with one shared length scale
        GpHyperparameters h = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(2).withIsotropic(true))
                .fit(x, column(y), 1L, Progress.NONE).hyperparameters(0);
        double[] l = h.lengthScales();
        // Then every input has the same scale
        assertThat(l[1]).isEqualTo(l[0]);
        assertThat(l[2]).isEqualTo(l[0]);
        // And the likelihood is flat along the shared log length scale (central difference, hand rule)
        double eps = 1e-4;
        double[] plus = new double[3];
        double[] minus = new double[3];
        java.util.Arrays.fill(plus, l[0] * Math.exp(eps));
        java.util.Arrays.fill(minus, l[0] * Math.exp(-eps));
        double[] g = new double[5];
        double up = Matern52Gp.logLikelihood(x, y, new GpHyperparameters(h.signalVariance(), plus, h.noiseVariance()), g);
        double down = Matern52Gp.logLikelihood(x, y, new GpHyperparameters(h.signalVariance(), minus,
                h.noiseVariance()), g);
        Approx.assertClose((up - down) / (2 * eps), 0, 0, 1e-3, "d LML / d log l");
    }

    @Test
    void noiseFloorBoundsTheFittedNoise() {
        // Given almost noise-free rows, whose unbounded fit calls less than 1 % of the variance noise
        GpOptions plain = GpOptions.defaults().withRestarts(2);
        double free = GaussianProcessTrainer.of(plain).fit(x, column(y), 1L, Progress.NONE).hyperparameters(0)
                .noiseVariance();
        // When the noise variance is floored at 0.05
        double floored = GaussianProcessTrainer.of(plain.withNoiseFloor(0.05)).fit(x, column(y), 1L, Progress.NONE)
                .hyperparameters(0).noiseVariance();
        // Then the fit sits at the floor
        assertThat(free).isLessThan(0.01);
        Approx.assertClose(floored, 0.05, 1e-6, 0, "noise at the floor");
    }
}
