package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.model.gp.GaussianProcess;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackedRegressorTest {
    @TempDir
    Path dir;

    @Test
    void combinesMeansLinearlyAndSpreadsAsAScaledMixture() {
        // Given weights 0.6 and 0.2, means 1 and 3, sigmas 0.5 and 1 (hand-derived):
        // mean 0.6 + 0.6 = 1.2; mixture weights 0.75 / 0.25 around 1.5: var 0.75 (0.25 + 0.25) + 0.25 (1 + 2.25)
        // = 1.1875, std 0.8 sqrt(1.1875)
        double[] c = StackedRegressor.combine(new double[] {0.6, 0.2}, new double[] {1, 3}, new double[] {0.5, 1});
        // Then
        Approx.assertClose(c[0], 1.2, 1e-12, 1e-12, "mean");
        Approx.assertClose(c[1], 0.8 * Math.sqrt(1.1875), 1e-12, 1e-12, "std");
    }

    @Test
    void aWeightedMemberWithoutSigmaGivesNoSigmaAndAZeroWeightIsIgnored() {
        // Given a member without sigma: with weight it removes the sigma, without weight it does not matter
        double[] used = StackedRegressor.combine(new double[] {1, 1}, new double[] {1, 2},
                new double[] {0.5, Double.NaN});
        double[] unused = StackedRegressor.combine(new double[] {1, 0}, new double[] {1, 2},
                new double[] {0.5, Double.NaN});
        // Then
        assertThat(used[1]).isNaN();
        Approx.assertClose(used[0], 3, 1e-12, 1e-12, "mean");
        Approx.assertClose(unused[1], 0.5, 1e-12, 1e-12, "std of the only weighted member");
    }

    @Test
    void savesAndLoadsToTheSamePredictions() throws IOException {
        // Given a stack of two GPs with per-target weights
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[12][2];
        double[][] y = new double[12][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextDouble(-1, 1);
            x[i][1] = r.nextDouble(-1, 1);
            y[i][0] = Math.sin(2 * x[i][0]) + x[i][1];
        }
        GaussianProcess a = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(1)).fit(x, y, 1, Progress.NONE);
        GaussianProcess b = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(1).withIsotropic(true))
                .fit(x, y, 2, Progress.NONE);
        StackedRegressor s = StackedRegressor.of(List.of(a, b), new double[][] {{0.7}, {0.4}});
        // When saved and loaded by kind
        s.save(dir);
        Regressor back = Regressors.load(StackedRegressor.KIND, dir);
        // Then it predicts the same, and the mean is the weighted sum of the members' means
        double[][] probe = {{0.1, -0.3}, {0.8, 0.5}};
        Approx.assertClose(back.predict(probe).mean(), s.predict(probe).mean(), 0, 1e-12, "mean");
        Approx.assertClose(back.predict(probe).std(), s.predict(probe).std(), 0, 1e-12, "std");
        double expected = 0.7 * a.predict(probe).mean()[0][0] + 0.4 * b.predict(probe).mean()[0][0];
        Approx.assertClose(s.predict(probe).mean()[0][0], expected, 1e-12, 1e-12, "weighted sum");
        assertThat(Files.exists(dir.resolve("stack.json"))).isTrue();
    }

    @Test
    void negativeWeightsAreRejected() {
        GaussianProcess gp = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(0))
                .fit(new double[][] {{0}, {1}, {2}}, new double[][] {{0}, {1}, {0}}, 1, Progress.NONE);
        assertThrows(IllegalArgumentException.class, () -> StackedRegressor.of(List.of(gp), new double[][] {{-0.1}}));
    }
}
