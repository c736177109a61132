package io.transfab.model.gp;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaussianProcessTest {
    private static JsonNode golden;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = GaussianProcessTest.class.getResourceAsStream("/golden/gp_matern52_sklearn.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // the file starts with '#' provenance lines, then JSON
            String json = text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
            golden = new ObjectMapper().readTree(json);
        }
    }

    @Test
    void logLikelihoodGradientMatchesCentralDifferences() {
        // Given random data and hyperparameters away from the bounds
        SplittableRandom r = new SplittableRandom(7);
        double[][] x = randomMatrix(r, 15, 3);
        double[] y = new double[15];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(x[i][0]) + x[i][1] * x[i][2] + 0.1 * r.nextGaussian();
        }
        double[] theta = new GpHyperparameters(0.8, new double[] {0.7, 1.9, 1.2}, 0.05).toLog();
        // When computing the analytic gradient and central differences in log space
        double[] grad = new double[theta.length];
        Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(theta), grad);
        double h = 1e-5;
        double[] scratch = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += h;
            minus[j] -= h;
            double numeric = (Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(plus), scratch)
                    - Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(minus), scratch)) / (2 * h);
            // Then they agree
            assertClose(grad[j], numeric, 1e-6, 1e-7, "dLML/dtheta" + j);
        }
    }

    @Test
    void matchesScikitLearnAtFixedHyperparameters() {
        // Given sklearn's fixed-kernel GP on the golden data
        JsonNode fixed = golden.get("fixed");
        GpHyperparameters h = new GpHyperparameters(fixed.get("signal_variance").asDouble(),
                vector(fixed.get("length_scales")), fixed.get("noise_variance").asDouble());
        // When conditioning our GP at the same hyperparameters
        GaussianProcess gp = GaussianProcess.of(matrix(golden.get("X")), column(vector(golden.get("y"))), List.of(h));
        Prediction p = gp.predict(matrix(golden.get("X_test")));
        // Then the log marginal likelihood and the predictive mean and std agree
        assertClose(gp.logMarginalLikelihood(0), fixed.get("log_marginal_likelihood").asDouble(), 1e-6, 0, "LML");
        assertClose(p.meanOf(0), vector(fixed.get("mean")), 1e-6, 1e-12, "mean");
        assertClose(p.stdOf(0), vector(fixed.get("std")), 1e-6, 1e-12, "std");
    }

    @Test
    void optimisedLikelihoodIsAtLeastScikitLearns() {
        // Given sklearn's optimum (10 restarts, same bounds) on the golden data
        double sklearn = golden.get("optimised").get("log_marginal_likelihood").asDouble();
        // When fitting with the default options
        GaussianProcess gp = GaussianProcessTrainer.withDefaults()
                .fit(matrix(golden.get("X")), column(vector(golden.get("y"))), 42L, Progress.NONE);
        // Then our optimum is no worse (beyond 1e-3)
        double ours = gp.logMarginalLikelihood(0);
        System.out.printf("GP optimised LML: ours %.10f, scikit-learn %.10f; ours %s%n", ours, sklearn, gp.hyperparameters(0));
        assertTrue(ours >= sklearn - 1e-3, "our LML " + ours + " < sklearn's " + sklearn);
    }

    @Test
    void interpolatesASmoothFunction() {
        // Given 40 noisy-free samples of a smooth 2-D function
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = randomMatrix(r, 40, 2);
        double[][] test = randomMatrix(r, 200, 2);
        // When fitting and predicting held-out points
        GaussianProcess gp = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(3))
                .fit(x, column(smooth(x)), 1L, Progress.NONE);
        double[] truth = smooth(test);
        double[] mean = gp.predict(test).meanOf(0);
        // Then R^2 > 0.95
        double avg = java.util.Arrays.stream(truth).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.length; i++) {
            ssRes += (truth[i] - mean[i]) * (truth[i] - mean[i]);
            ssTot += (truth[i] - avg) * (truth[i] - avg);
        }
        double r2 = 1 - ssRes / ssTot;
        System.out.printf("GP held-out R2 on smooth function: %.5f%n", r2);
        assertTrue(r2 > 0.95, "R2 = " + r2);
    }

    @Test
    void fittingTwoColumnsEqualsFittingEachAlone() {
        // Given two target columns
        SplittableRandom r = new SplittableRandom(11);
        double[][] x = randomMatrix(r, 20, 2);
        double[][] y = new double[20][2];
        for (int i = 0; i < 20; i++) {
            y[i][0] = Math.sin(2 * x[i][0]) + 0.05 * r.nextGaussian();
            y[i][1] = x[i][0] * x[i][1] + 0.2 * r.nextGaussian();
        }
        GaussianProcessTrainer trainer = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(2));
        // When fitting both together and each alone with the same seed
        GaussianProcess both = trainer.fit(x, y, 5L, Progress.NONE);
        double[][] test = randomMatrix(r, 7, 2);
        Prediction pb = both.predict(test);
        for (int t = 0; t < 2; t++) {
            GaussianProcess alone = trainer.fit(x, column(io.transfab.model.Matrices.column(y, t)), 5L, Progress.NONE);
            // Then hyperparameters and predictions are bit-identical
            assertEquals(alone.hyperparameters(0), both.hyperparameters(t));
            assertArrayEquals(alone.predict(test).meanOf(0), pb.meanOf(t));
            assertArrayEquals(alone.predict(test).stdOf(0), pb.stdOf(t));
        }
    }

    @Test
    void sameSeedGivesTheSameModelAndReportsProgress() {
        // Given a small problem and a progress listener
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = randomMatrix(r, 12, 2);
        double[][] y = column(smooth(x));
        List<Integer> done = new ArrayList<>();
        GaussianProcessTrainer trainer = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(3));
        // When fitting twice with one seed
        GaussianProcess a = trainer.fit(x, y, 9L, (task, d, total) -> done.add(d * 100 + total));
        GaussianProcess b = trainer.fit(x, y, 9L, Progress.NONE);
        // Then the models are identical and progress counted every start
        assertEquals(a.hyperparameters(0), b.hyperparameters(0));
        assertEquals(List.of(104, 204, 304, 404), done);
        assertEquals("gp", trainer.kind());
        assertEquals("gp", a.kind());
    }

    @Test
    void saveAndLoadGiveBitIdenticalPredictions(@TempDir Path dir) throws IOException {
        // Given a fitted two-output GP
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = randomMatrix(r, 15, 3);
        double[][] y = new double[15][2];
        for (int i = 0; i < 15; i++) {
            y[i][0] = x[i][0] - x[i][2] * x[i][2];
            y[i][1] = Math.cos(x[i][1]) + 0.1 * r.nextGaussian();
        }
        GaussianProcess gp = GaussianProcessTrainer.of(GpOptions.defaults().withRestarts(1)).fit(x, y, 3L, Progress.NONE);
        double[][] test = randomMatrix(r, 9, 3);
        // When saving and loading it
        gp.save(dir);
        GaussianProcess loaded = GaussianProcess.load(dir);
        // Then everything is bit-identical
        Prediction p = gp.predict(test);
        Prediction q = loaded.predict(test);
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(p.meanOf(t), q.meanOf(t));
            assertArrayEquals(p.stdOf(t), q.stdOf(t));
            assertEquals(gp.hyperparameters(t), loaded.hyperparameters(t));
            assertEquals(gp.logMarginalLikelihood(t), loaded.logMarginalLikelihood(t));
        }
        assertEquals(3, loaded.inputCount());
        assertEquals(2, loaded.outputCount());
    }

    @Test
    void predictiveStdFarFromTheDataIsSignalPlusNoise() {
        // Given a GP with known hyperparameters
        GpHyperparameters h = new GpHyperparameters(2.0, new double[] {0.5}, 0.3);
        GaussianProcess gp = GaussianProcess.of(new double[][] {{0}, {1}}, new double[][] {{1}, {-1}}, List.of(h));
        // When predicting far away
        Prediction p = gp.predict(new double[][] {{1e3}});
        // Then the mean reverts to 0 and the std is that of a new measurement
        assertClose(p.mean()[0][0], 0, 0, 1e-12, "mean");
        assertClose(p.std()[0][0], Math.sqrt(2.3), 1e-12, 0, "std");
    }

    @Test
    void hyperparametersAreImmutable() {
        double[] l = {1, 2};
        GpHyperparameters h = new GpHyperparameters(1, l, 0.1);
        l[0] = 99;
        h.lengthScales()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, h.lengthScales());
        assertNotSame(h.lengthScales(), h.lengthScales());
    }

    @Test
    void rejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> new GpHyperparameters(0, new double[] {1}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new GpHyperparameters(1, new double[] {Double.NaN}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new GpHyperparameters(1, new double[0], 0.1));
        assertThrows(IllegalArgumentException.class, () -> new GpHyperparameters(1, new double[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(-1, 10, 1e-3, 1e3, 1e-2, 1e3, 1e-6, 1));
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(1, 0, 1e-3, 1e3, 1e-2, 1e3, 1e-6, 1));
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(1, 10, 0, 1e3, 1e-2, 1e3, 1e-6, 1));
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(1, 10, 1e-3, 1e3, 1e-2, 1e-2, 1e-6, 1));
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(1, 10, 1e-3, 1e3, 1e-2, 1e3, Double.NaN, 1));
        GpHyperparameters h = new GpHyperparameters(1, new double[] {1}, 0.1);
        double[][] x = {{0}, {1}};
        assertThrows(IllegalArgumentException.class, () -> GaussianProcess.of(x, new double[][] {{1}}, List.of(h)));
        assertThrows(IllegalArgumentException.class, () -> GaussianProcess.of(x, new double[][] {{1}, {2}}, List.of(h, h)));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.of(x, new double[][] {{1}, {Double.NaN}}, List.of(h)));
        GaussianProcess gp = GaussianProcess.of(x, new double[][] {{1}, {2}}, List.of(h));
        assertThrows(IllegalArgumentException.class, () -> gp.predict(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcessTrainer.withDefaults().fit(x, new double[][] {{1}}, 1L, Progress.NONE));
    }

    @Test
    void posteriorCovarianceIsSymmetricAndMatchesThePredictiveVariance() {
        // Given a GP conditioned at fixed hyperparameters and two sets of query points
        SplittableRandom r = new SplittableRandom(11);
        double[][] x = randomMatrix(r, 15, 3);
        GpHyperparameters h = new GpHyperparameters(1.3, new double[] {0.8, 1.5, 2.5}, 0.05);
        GaussianProcess gp = GaussianProcess.of(x, column(smooth(x)), List.of(h));
        double[][] a = randomMatrix(r, 6, 3);
        double[][] b = randomMatrix(r, 4, 3);
        // When computing covariances within and across the sets
        double[][] aa = gp.posteriorCovariance(a, a, 0);
        double[][] ab = gp.posteriorCovariance(a, b, 0);
        double[][] ba = gp.posteriorCovariance(b, a, 0);
        double[] std = gp.predict(a).stdOf(0);
        // Then cov(a,a) + noise is the predictive variance on the diagonal, and both are symmetric
        for (int i = 0; i < a.length; i++) {
            assertClose(aa[i][i] + h.noiseVariance(), std[i] * std[i], 1e-10, 1e-12, "variance " + i);
            for (int j = 0; j < a.length; j++) {
                assertClose(aa[i][j], aa[j][i], 1e-12, 1e-14, "cov(a,a) symmetry");
            }
            for (int j = 0; j < b.length; j++) {
                assertClose(ab[i][j], ba[j][i], 1e-12, 1e-14, "cov(a,b) = cov(b,a)^T");
            }
        }
    }

    @Test
    void posteriorCovarianceMatchesScikitLearn() throws IOException {
        // Given sklearn's predict(return_cov=True) of the fixed-kernel GP (noise on its diagonal)
        JsonNode cov;
        try (InputStream in = GaussianProcessTest.class.getResourceAsStream("/golden/gp_posterior_cov_sklearn.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            cov = new ObjectMapper().readTree(text.lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n"))).get("cov");
        }
        JsonNode fixed = golden.get("fixed");
        GpHyperparameters h = new GpHyperparameters(fixed.get("signal_variance").asDouble(),
                vector(fixed.get("length_scales")), fixed.get("noise_variance").asDouble());
        GaussianProcess gp = GaussianProcess.of(matrix(golden.get("X")), column(vector(golden.get("y"))), List.of(h));
        double[][] xt = matrix(golden.get("X_test"));
        // When computing our latent covariance and adding the noise on the diagonal
        double[][] ours = gp.posteriorCovariance(xt, xt, 0);
        for (int i = 0; i < ours.length; i++) {
            ours[i][i] += h.noiseVariance();
        }
        // Then they agree
        assertClose(ours, matrix(cov), 1e-6, 1e-10, "posterior covariance");
    }

    @Test
    void posteriorCovarianceShrinksByTheRankOneFantasyUpdate() {
        // Given a GP and the same GP conditioned on one more point z at the same hyperparameters (any y)
        SplittableRandom r = new SplittableRandom(12);
        double[][] x = randomMatrix(r, 10, 2);
        GpHyperparameters h = new GpHyperparameters(0.9, new double[] {0.7, 1.1}, 0.02);
        GaussianProcess gp = GaussianProcess.of(x, column(smooth(x)), List.of(h));
        double[][] z = {{0.3, -0.4}};
        double[][] xz = java.util.Arrays.copyOf(x, x.length + 1);
        xz[x.length] = z[0];
        GaussianProcess more = GaussianProcess.of(xz, column(smooth(xz)), List.of(h));
        double[][] a = randomMatrix(r, 5, 2);
        // When updating the first GP's covariance by cov(a,z) cov(z,b) / (var(z) + noise)
        double[][] c = gp.posteriorCovariance(a, a, 0);
        double[][] az = gp.posteriorCovariance(a, z, 0);
        double vz = gp.posteriorCovariance(z, z, 0)[0][0] + h.noiseVariance();
        double[][] updated = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                updated[i][j] = c[i][j] - az[i][0] * az[j][0] / vz;
            }
        }
        // Then it equals the refitted GP's covariance (the update ALC batches rely on)
        assertClose(updated, more.posteriorCovariance(a, a, 0), 1e-8, 1e-10, "fantasy update");
    }

    private static double[] smooth(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(1.3 * x[i][0]) + 0.5 * Math.cos(0.8 * x[i][1]) + 0.3 * x[i][0] * x[i][1];
        }
        return y;
    }

    private static double[][] randomMatrix(SplittableRandom r, int n, int d) {
        double[][] m = new double[n][d];
        for (double[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextDouble(-2, 2);
            }
        }
        return m;
    }

    private static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }

    private static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }
}
