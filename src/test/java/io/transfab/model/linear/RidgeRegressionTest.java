package io.transfab.model.linear;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RidgeRegressionTest {
    private static JsonNode golden;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = RidgeRegressionTest.class.getResourceAsStream("/golden/ridge_cv_sklearn.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            golden = new ObjectMapper().readTree(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void defaultGridEqualsNumpyLogspace() {
        assertClose(RidgeOptions.defaults().alphas(), vector(golden.get("alphas")), 1e-13, 0, "alphas");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tall", "wide"})
    void matchesScikitLearnRidgeCv(String name) {
        // Given sklearn's RidgeCV (one alpha per target) on a golden dataset
        JsonNode c = golden.get(name);
        // When fitting our ridge with the same grid
        RidgeRegression model = RidgeRegressionTrainer.withDefaults().fit(matrix(c.get("X")), matrix(c.get("Y")), 0L, Progress.NONE);
        // Then alpha, coefficients, intercept and LOO error agree per output
        for (int t = 0; t < 2; t++) {
            RidgeSolution s = model.solution(t);
            assertClose(s.alpha(), c.get("alpha").get(t).asDouble(), 1e-6, 0, name + " alpha" + t);
            assertClose(s.coefficients(), vector(c.get("coef").get(t)), 1e-6, 1e-10, name + " coef" + t);
            assertClose(s.intercept(), c.get("intercept").get(t).asDouble(), 1e-6, 1e-10, name + " intercept" + t);
            assertClose(s.leaveOneOutMse(), c.get("loo_mse").get(t).asDouble(), 1e-6, 0, name + " LOO MSE" + t);
        }
    }

    @Test
    void leaveOneOutErrorEqualsBruteForceRefits() {
        // Given a small dataset and one fixed alpha
        SplittableRandom r = new SplittableRandom(3);
        int n = 9;
        double[][] x = new double[n][3];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                x[i][d] = r.nextGaussian();
            }
            y[i][0] = x[i][0] - 2 * x[i][2] + 0.3 * r.nextGaussian();
        }
        RidgeRegressionTrainer trainer = RidgeRegressionTrainer.of(new RidgeOptions(0.7, 0.7, 1));
        // When comparing the closed form with n refits, each without one row
        double closedForm = trainer.fit(x, y, 0L, Progress.NONE).solution(0).leaveOneOutMse();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[][] xi = new double[n - 1][];
            double[][] yi = new double[n - 1][];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    xi[k] = x[j];
                    yi[k++] = y[j];
                }
            }
            double e = y[i][0] - trainer.fit(xi, yi, 0L, Progress.NONE).predict(new double[][] {x[i]}).mean()[0][0];
            sum += e * e;
        }
        // Then they agree
        assertClose(closedForm, sum / n, 1e-10, 0, "LOO MSE");
    }

    @Test
    void predictsInterceptPlusLinearTermWithSmallUncertainty() {
        // Given a noise-free linear target
        double[][] x = {{0, 1}, {1, 0}, {2, 3}, {3, 1}, {4, 4}, {5, 2}};
        double[][] y = new double[6][1];
        for (int i = 0; i < 6; i++) {
            y[i][0] = 2 + 3 * x[i][0] - x[i][1];
        }
        // When fitting
        RidgeRegression model = RidgeRegressionTrainer.withDefaults().fit(x, y, 0L, Progress.NONE);
        Prediction p = model.predict(new double[][] {{10, -1}});
        // Then the smallest alpha wins, the fit is almost exact, and the std is finite and tiny
        assertEquals(1e-4, model.solution(0).alpha());
        assertClose(p.mean()[0][0], 33, 1e-4, 0, "prediction");
        assertTrue(p.std()[0][0] >= 0 && p.std()[0][0] < 1e-3, "std " + p.std()[0][0]);
        assertEquals("ridge", model.kind());
    }

    @Test
    void saveAndLoadGiveBitIdenticalPredictions(@TempDir Path dir) throws IOException {
        // Given a fitted two-output model
        JsonNode c = golden.get("tall");
        double[][] x = matrix(c.get("X"));
        RidgeRegression model = RidgeRegressionTrainer.withDefaults().fit(x, matrix(c.get("Y")), 0L, Progress.NONE);
        // When saving and loading
        model.save(dir);
        RidgeRegression loaded = RidgeRegression.load(dir);
        // Then solutions and predictions are identical
        for (int t = 0; t < 2; t++) {
            assertEquals(model.solution(t), loaded.solution(t));
            assertArrayEquals(model.predict(x).meanOf(t), loaded.predict(x).meanOf(t));
        }
        assertEquals(4, loaded.inputCount());
        assertEquals(2, loaded.outputCount());
    }

    @Test
    void rejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> new RidgeOptions(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new RidgeOptions(2, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new RidgeOptions(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new RidgeOptions(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RidgeOptions(Double.NaN, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new RidgeSolution(1, 0, new double[] {Double.NaN}, 0));
        assertThrows(IllegalArgumentException.class, () -> RidgeRegression.of(List.of(
                new RidgeSolution(1, 0, new double[] {1}, 0), new RidgeSolution(1, 0, new double[] {1, 2}, 0))));
        RidgeRegressionTrainer trainer = RidgeRegressionTrainer.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(new double[][] {{1}}, new double[][] {{1}}, 0L, Progress.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(new double[][] {{1}, {2}}, new double[][] {{1}}, 0L, Progress.NONE));
        RidgeRegression model = trainer.fit(new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {2}, {2}}, 0L, Progress.NONE);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new double[][] {{1, 2}}));
    }

    @Test
    void predictiveStdMatchesNumpy() throws IOException {
        // Given the posterior predictive std written out with numpy (ridge_predictive_std_numpy.py.txt)
        JsonNode g;
        try (InputStream in = RidgeRegressionTest.class.getResourceAsStream("/golden/ridge_predictive_std_numpy.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            g = new ObjectMapper().readTree(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
        }
        double[][] x = matrix(g.get("x"));
        double[] yv = vector(g.get("y"));
        double[][] y = new double[yv.length][1];
        for (int i = 0; i < yv.length; i++) {
            y[i][0] = yv[i];
        }
        double alpha = g.get("alpha").asDouble();
        // When fitting ridge at that single alpha and predicting the query rows
        RidgeRegression model = RidgeRegressionTrainer.of(new RidgeOptions(alpha, alpha, 1)).fit(x, y, 0L, Progress.NONE);
        Prediction p = model.predict(matrix(g.get("query")));
        // Then means and standard deviations agree with numpy's, and the std grows away from the data
        assertClose(p.meanOf(0), vector(g.get("mean")), 1e-10, 1e-12, "mean");
        assertClose(p.stdOf(0), vector(g.get("std")), 1e-9, 0, "std");
        assertTrue(p.stdOf(0)[2] > p.stdOf(0)[0], "std far from the data exceeds the std at the centre");
    }

    @Test
    void savedStdSurvivesAndOldFilesPredictNaN(@TempDir Path dir) throws IOException {
        // Given a fitted ridge model with predictive variances
        double[][] x = {{0}, {1}, {2}, {3}, {4}};
        double[][] y = {{0.1}, {0.9}, {2.2}, {2.8}, {4.1}};
        RidgeRegression model = RidgeRegressionTrainer.withDefaults().fit(x, y, 0L, Progress.NONE);
        // When saving and loading it, and building one from solutions alone
        model.save(dir);
        RidgeRegression back = RidgeRegression.load(dir);
        RidgeRegression old = RidgeRegression.of(List.of(model.solution(0)));
        // Then the loaded std equals the original and a model without variances predicts NaN
        double[][] q = {{1.5}, {7}};
        assertClose(back.predict(q).stdOf(0), model.predict(q).stdOf(0), 1e-12, 0, "std after load");
        assertTrue(Double.isNaN(old.predict(q).std()[0][0]), "no variances -> NaN std");
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
