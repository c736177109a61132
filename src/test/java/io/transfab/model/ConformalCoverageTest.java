package io.transfab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transfab.data.CsvReader;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.NormalDistribution;
import io.transfab.evaluate.Splits;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Empirical coverage of the calibrated 90 % interval on held-out rows, pooled over seeded draws of
 * n training rows. The tolerance follows from the noise of the check itself: split-conformal
 * coverage given the calibration rows is Beta(k, n + 1 - k) with k = ceil((n + 1) 0.9) (Vovk 2012;
 * Angelopoulos &amp; Bates 2021, sec. 3), mean k / (n + 1) and variance
 * k (n + 1 - k) / ((n + 1)^2 (n + 2)); over D draws of m test rows the pooled share then has
 * variance Var(Beta) / D + c (1 - c) / (D m). The check allows 3.5 standard deviations of that
 * around the target k / (n + 1) (the cross-validated scores of refits on n (K - 1) / K rows are a
 * little larger than split-conformal ones, which errs on the covered side, so the upper side gets
 * the same allowance plus nothing more). Under the null the check fails with probability below
 * 0.1 % per cell.
 */
class ConformalCoverageTest {
    static final List<String> FEATURES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    static final List<String> TARGETS = List.of("density_g_cm3", "mass_loading_mg_cm2");
    /** The UCI concrete table's inputs (the table has no roles file, so they are named here). */
    static final List<String> CONCRETE_FEATURES = List.of("cement_kg_m3", "blast_furnace_slag_kg_m3", "fly_ash_kg_m3",
            "water_kg_m3", "superplasticizer_kg_m3", "coarse_aggregate_kg_m3", "fine_aggregate_kg_m3", "age_day");
    static final double LEVEL = 0.9;
    static final int TEST_ROWS = 40;

    @ParameterizedTest(name = "{0} at n = {1}")
    @CsvSource({"gp, 10", "gp, 20", "ridge, 10", "ridge, 20", "ridge, 40", "xgboost, 20"})
    void simulatorCoverageIsNearNominal(String kind, int n) {
        // Given 10 seeded draws of n training rows and 40 test rows from the electrode simulator
        Dataset all = electrode(2000, 7);
        // When training with calibration and scoring the calibrated 90 % intervals
        double[] c = coverage(all, trainer(kind), n, 10, TEST_ROWS, 101);
        // Then the pooled coverage per target is within the binomial-plus-Beta tolerance of k / (n + 1)
        for (int t = 0; t < c.length; t++) {
            assertNear(c[t], n, 10, TEST_ROWS, kind + " " + TARGETS.get(t) + " n=" + n);
        }
    }

    @Tag("study")
    @ParameterizedTest(name = "study: {0} at n = {1}")
    @CsvSource({"gp, 10", "gp, 20", "gp, 40", "ridge, 10", "ridge, 20", "ridge, 40", "xgboost, 10",
            "xgboost, 20", "xgboost, 40"})
    void simulatorAndConcreteCoverageStudy(String kind, int n) throws Exception {
        // Given 60 draws on the simulator and on the UCI concrete table (when the shared copy is present)
        Dataset el = electrode(4000, 9);
        double[] c = coverage(el, trainer(kind), n, 60, TEST_ROWS, 202);
        for (int t = 0; t < c.length; t++) {
            System.out.printf(Locale.ROOT, "study electrode %s n=%d %s coverage %.3f%n", kind, n, TARGETS.get(t), c[t]);
            assertNear(c[t], n, 60, TEST_ROWS, kind + " " + TARGETS.get(t) + " n=" + n);
        }
        Path concrete = Path.of("..", "shared", "datasets", "uci_concrete_compressive_strength.csv");
        if (Files.exists(concrete)) {
            Table tab = CsvReader.read(concrete);
            Dataset d = Dataset.of(tab, Schema.infer(tab, CONCRETE_FEATURES, List.of("compressive_strength_MPa"), List.of()));
            double cc = coverage(d, trainer(kind), n, 60, TEST_ROWS, 303)[0];
            System.out.printf(Locale.ROOT, "study concrete %s n=%d coverage %.3f%n", kind, n, cc);
            assertNear(cc, n, 60, TEST_ROWS, kind + " concrete n=" + n);
        }
    }

    @Tag("study")
    @ParameterizedTest(name = "before/after: {0}")
    @CsvSource({"gp", "ridge", "xgboost"})
    void beforeAndAfterTable(String kind) throws Exception {
        // Given 8 draws per size on the simulator and on the UCI concrete table (when present)
        Path concrete = Path.of("..", "shared", "datasets", "uci_concrete_compressive_strength.csv");
        Dataset c = null;
        if (Files.exists(concrete)) {
            Table tab = CsvReader.read(concrete);
            c = Dataset.of(tab, Schema.infer(tab, CONCRETE_FEATURES, List.of("compressive_strength_MPa"), List.of()));
        }
        Dataset el = electrode(2000, 13);
        double z = NormalDistribution.quantile(0.5 + LEVEL / 2);
        for (int n : new int[] {10, 20, 40}) {
            for (Dataset d : c == null ? List.of(el) : List.of(el, c)) {
                int targets = d.schema().targets().size();
                int[] cal = new int[targets];
                int[] raw = new int[targets];
                int[] rawUsed = new int[targets];
                double[] width = new double[targets];
                int scored = 0;
                for (int k = 0; k < 8; k++) {
                    int[] perm = Splits.permutation(d.size(), Seeds.derive(404, k));
                    TrainedModel m = Training.fit(d.subset(java.util.Arrays.copyOfRange(perm, 0, n)), trainer(kind),
                            1, Seeds.derive(404, 100L + k), Map.of(), Progress.NONE);
                    Dataset test = d.subset(java.util.Arrays.copyOfRange(perm, n, n + TEST_ROWS));
                    Prediction p = m.predictEncoded(test.x());
                    Prediction q = m.predictEncodedUncalibrated(test.x());
                    for (int i = 0; i < TEST_ROWS; i++) {
                        for (int t = 0; t < targets; t++) {
                            double e = Math.abs(test.y()[i][t] - p.mean()[i][t]);
                            cal[t] += e <= z * p.std()[i][t] ? 1 : 0;
                            width[t] += 2 * z * p.std()[i][t];
                            if (q.std()[i][t] > 0) {
                                rawUsed[t]++;
                                raw[t] += e <= z * q.std()[i][t] ? 1 : 0;
                            }
                        }
                    }
                    scored += TEST_ROWS;
                }
                for (int t = 0; t < targets; t++) {
                    // Then print calibrated and uncalibrated coverage of the 90 % interval
                    System.out.printf(Locale.ROOT, "BEFORE/AFTER %s %s n=%d %s: uncalibrated %s calibrated %.3f "
                            + "width %.4g%n", d.source(), kind, n, d.schema().targetNames().get(t),
                            rawUsed[t] == 0 ? "NaN" : String.format(Locale.ROOT, "%.3f", (double) raw[t] / rawUsed[t]),
                            (double) cal[t] / scored, width[t] / scored);
                    assertTrue(cal[t] > 0, "some rows covered");
                }
            }
        }
    }

    static RegressorTrainer trainer(String kind) {
        return switch (kind) {
            case "gp" -> GaussianProcessTrainer.withDefaults();
            case "ridge" -> RidgeRegressionTrainer.withDefaults();
            case "xgboost" -> BoostedTreesTrainer.withDefaults();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Dataset electrode(int rows, long seed) {
        Table t = ElectrodeSimulator.of(Chemistry.NMC).simulate(rows, seed);
        return Dataset.of(t, Schema.infer(t, FEATURES, TARGETS, List.of()));
    }

    /** Pooled share of held-out rows inside the calibrated interval, per target. */
    static double[] coverage(Dataset all, RegressorTrainer trainer, int n, int draws, int testRows, long seed) {
        double z = NormalDistribution.quantile(0.5 + LEVEL / 2);
        int targets = all.schema().targets().size();
        int[] covered = new int[targets];
        int scored = 0;
        for (int d = 0; d < draws; d++) {
            int[] perm = Splits.permutation(all.size(), Seeds.derive(seed, d));
            TrainedModel m = Training.fit(all.subset(java.util.Arrays.copyOfRange(perm, 0, n)), trainer, 1,
                    Seeds.derive(seed, 100L + d), Map.of(), Progress.NONE);
            Dataset test = all.subset(java.util.Arrays.copyOfRange(perm, n, n + testRows));
            Prediction p = m.predictEncoded(test.x());
            double[][] y = test.y();
            for (int i = 0; i < testRows; i++) {
                for (int t = 0; t < targets; t++) {
                    covered[t] += Math.abs(y[i][t] - p.mean()[i][t]) <= z * p.std()[i][t] ? 1 : 0;
                }
            }
            scored += testRows;
        }
        double[] out = new double[targets];
        for (int t = 0; t < targets; t++) {
            out[t] = (double) covered[t] / scored;
        }
        return out;
    }

    /** |coverage - k/(n+1)| within 3.5 sd of the Beta-plus-binomial noise (see the class javadoc). */
    static void assertNear(double coverage, int n, int draws, int testRows, String what) {
        int k = Calibration.rank(n, LEVEL);
        double mean = (double) k / (n + 1);
        double betaVar = k * (n + 1.0 - k) / ((n + 1.0) * (n + 1.0) * (n + 2.0));
        double sd = Math.sqrt(betaVar / draws + mean * (1 - mean) / ((double) draws * testRows));
        assertTrue(Math.abs(coverage - mean) <= 3.5 * sd, String.format(Locale.ROOT,
                "%s: coverage %.3f, expected %.3f +- %.3f (3.5 sd)", what, coverage, mean, 3.5 * sd));
    }
}
