package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformedTargetRegressorTest {
    @TempDir
    Path dir;

    /** A regressor that predicts u = 0.4 +- 0.2 everywhere (standardised log units). */
    private static final class Fixed implements Regressor {
        @Override
        public String kind() {
            return "fixed";
        }

        @Override
        public int inputCount() {
            return 1;
        }

        @Override
        public int outputCount() {
            return 1;
        }

        @Override
        public Prediction predict(double[][] x) {
            double[][] m = new double[x.length][];
            double[][] s = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                m[i] = new double[] {0.4};
                s[i] = new double[] {0.2};
            }
            return new Prediction(m, s);
        }

        @Override
        public void save(Path d) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void backTransformsToTheMedianWithADeltaMethodSpread() {
        // Given log y standardised by (1, 0.5) and y by (3, 2), and u = 0.4 +- 0.2 (hand-derived):
        // log y = 1 + 0.5 * 0.4 = 1.2, sd 0.1; median e^1.2 = 3.320117; mean (3.320117 - 3) / 2,
        // std 3.320117 * 0.1 / 2
        TransformedTargetRegressor r = TransformedTargetRegressor.of(new Fixed(), TargetTransform.log(), Normalizer.of(new double[] {1}, new double[] {0.5}),
                Normalizer.of(new double[] {3}, new double[] {2}));
        Prediction p = r.predict(new double[][] {{0}});
        Approx.assertClose(p.mean()[0][0], (Math.exp(1.2) - 3) / 2, 1e-12, 1e-12, "mean");
        Approx.assertClose(p.std()[0][0], Math.exp(1.2) * 0.1 / 2, 1e-12, 1e-12, "std");
    }

    @Test
    void savesAndLoads() throws IOException {
        // Given a GP on the log of a positive, skewed target
        SplittableRandom rng = new SplittableRandom(2);
        double[][] x = new double[10][1];
        double[][] y = new double[10][1];
        for (int i = 0; i < 10; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            y[i][0] = Math.exp(2 * x[i][0]);
        }
        double[][] logY = TargetTransform.log().forward(y);
        Normalizer logScale = Normalizer.standardize(logY);
        Normalizer raw = Normalizer.standardize(y);
        TransformedTargetRegressor r = TransformedTargetRegressor.of(GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(1))
                .fit(x, logScale.apply(logY), 1, Progress.NONE), TargetTransform.log(), logScale, raw);
        // When saved and loaded by kind
        r.save(dir);
        Regressor back = Regressors.load(TransformedTargetRegressor.LOG_KIND, dir);
        // Then it predicts the same, and (exp of a smooth log) recovers y at a training row
        double[][] probe = {{0.3}, {x[0][0]}};
        Approx.assertClose(back.predict(probe).mean(), r.predict(probe).mean(), 0, 1e-12, "mean");
        Approx.assertClose(raw.invert(r.predict(new double[][] {x[0]}).mean())[0][0], y[0][0], 0.02, 0, "y[0]");
    }

    @Test
    void normalScoresRegressorSavesLoadsAndStaysInTheTrainingRange() throws IOException {
        // Given a GP on the normal scores of a floored target (the lowest rows tied at 0.2, a threshold response)
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = new double[12][1];
        double[][] y = new double[12][1];
        for (int i = 0; i < 12; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            y[i][0] = Math.max(0.2, 1 + x[i][0]);
        }
        TargetTransform g = TargetTransform.normalScores(y);
        double[][] latent = g.forward(y);
        Normalizer latentScale = Normalizer.standardize(latent);
        Normalizer raw = Normalizer.standardize(y);
        TransformedTargetRegressor r = TransformedTargetRegressor.of(GaussianProcessTrainer.of(
                GpOptions.defaults().withRestarts(1)).fit(x, latentScale.apply(latent), 1, Progress.NONE), g,
                latentScale, raw);
        // When saved and loaded by kind
        r.save(dir);
        Regressor back = Regressors.load(TransformedTargetRegressor.RANK_KIND, dir);
        // Then it predicts the same, under its own kind
        double[][] probe = {{-5}, {-0.3}, {0.4}, {5}};
        assertThat(back.kind()).isEqualTo("rank-target");
        Approx.assertClose(back.predict(probe).mean(), r.predict(probe).mean(), 0, 1e-12, "mean");
        Approx.assertClose(back.predict(probe).std(), r.predict(probe).std(), 0, 1e-12, "std");
        // And every prediction, far outside the rows too, lies in [0.2, max y] in target units, spread > 0
        double max = java.util.Arrays.stream(y).mapToDouble(row -> row[0]).max().orElseThrow();
        double[][] units = raw.invert(r.predict(probe).mean());
        for (int i = 0; i < probe.length; i++) {
            assertThat(units[i][0]).isBetween(0.2 - 1e-12, max + 1e-12);
            assertThat(r.predict(probe).std()[i][0]).isPositive();
        }
    }
}
