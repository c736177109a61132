package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.evaluate.CorrectedTTest;
import io.transfab.evaluate.Holm;
import io.transfab.testing.Approx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final List<String> TARGETS = List.of("y");

    /** A method's result whose RMSE is exactly |error| (every measured value 0, every prediction error). */
    private static SplitResult result(String method, int size, int repeat, double error, int testRows) {
        double[][] measured = new double[testRows][1];
        double[][] mean = new double[testRows][1];
        double[][] std = new double[testRows][1];
        int[] rows = new int[testRows];
        for (int i = 0; i < testRows; i++) {
            mean[i][0] = error;
            std[i][0] = Double.NaN;
            rows[i] = i;
        }
        return new SplitResult("curve", size, repeat, -1, method, null, rows, measured, mean, std, 0.1, null);
    }

    /** One draw: each method's RMSE, and the comparator inner CV chose (null: none). */
    private static SplitResult.Unit unit(int size, int repeat, Map<String, Double> rmse, String chosen, int testRows) {
        List<SplitResult> rs = new ArrayList<>();
        rmse.forEach((m, e) -> rs.add(result(m, size, repeat, e, testRows)));
        return new SplitResult.Unit("curve", size, repeat, -1, rs, chosen == null ? List.of() : List.of(chosen), 0.5);
    }

    private static Map<String, Double> errors(double transfer, double gp, double ridge) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("l2sp", transfer);
        m.put("gp", gp);
        m.put("ridge", ridge);
        return m;
    }

    private static final List<Method> METHODS = List.of(Method.GP, Method.RIDGE, Method.L2SP);

    @Test
    void theComparatorIsTheOneChosenInsideEachDrawNotTheBestOnTheTestRows() {
        // Given 6 draws of 5 of 20 rows where gp has the lowest test RMSE, but inner CV chose ridge
        // in four draws and gp in two
        double[] l2sp = {0.30, 0.32, 0.29, 0.35, 0.31, 0.33};
        double[] gp = {0.20, 0.22, 0.21, 0.19, 0.23, 0.20};
        double[] ridge = {0.40, 0.45, 0.38, 0.42, 0.41, 0.39};
        String[] chosen = {"ridge", "ridge", "gp", "ridge", "gp", "ridge"};
        List<SplitResult.Unit> units = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            units.add(unit(5, r, errors(l2sp[r], gp[r], ridge[r]), chosen[r], 15));
        }
        // When judged
        Verdicts.Outcome o = Verdicts.of(List.of(new Verdicts.Block(5, units, false)), TARGETS, METHODS, null, 20);
        Summary.Verdict v = o.byBlock().get(5).get(0);
        // Then the paired errors are l2sp against each draw's own choice, tested with the corrected
        // t-test at n_test/n_train = (20 - 5)/5 = 3, and the choice counts are reported
        double[] comparator = new double[6];
        for (int r = 0; r < 6; r++) {
            comparator[r] = chosen[r].equals("gp") ? gp[r] : ridge[r];
        }
        CorrectedTTest expected = CorrectedTTest.of(l2sp, comparator, 3.0);
        Approx.assertClose(v.meanDifference(), expected.meanDifference(), 1e-12, 1e-15, "mean difference");
        Approx.assertClose(v.pValue(), expected.pValue(), 1e-12, 0, "p");
        Approx.assertClose(v.testTrainRatio(), 3.0, 1e-12, 0, "ratio");
        assertThat(v.comparatorChoices()).containsEntry("ridge", 4).containsEntry("gp", 2);
        assertThat(v.comparator()).isEqualTo("inner-CV choice (gp 2, ridge 4)");
        assertThat(v.method()).isEqualTo("l2sp");
        assertThat(o.family()).isEqualTo(1);
        Approx.assertClose(v.adjustedPValue(), v.pValue(), 0, 0, "a family of one is not adjusted");
    }

    @Test
    void drawsOfTheWholeTableAreNotTestedAndOtherSizesAreHolmAdjusted() {
        // Given draws of 5 rows (l2sp clearly better) and of all 20 rows (the same rows every repeat)
        List<SplitResult.Unit> five = new ArrayList<>();
        List<SplitResult.Unit> ten = new ArrayList<>();
        List<SplitResult.Unit> all = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            five.add(unit(5, r, errors(0.10 + 0.01 * r, 0.30 + 0.013 * r, 0.5), "gp", 15));
            ten.add(unit(10, r, errors(0.20 + 0.02 * (r % 3), 0.21 + 0.011 * r, 0.5), "gp", 10));
            all.add(unit(20, r, errors(0.10 + 0.001 * r, 0.30, 0.5), "gp", 40));
        }
        // When judged together
        Verdicts.Outcome o = Verdicts.of(List.of(new Verdicts.Block(5, five, false),
                new Verdicts.Block(10, ten, false), new Verdicts.Block(20, all, true)), TARGETS, METHODS, null, 20);
        // Then the whole-table size has no p-value and says that only seed variability is measured
        Summary.Verdict whole = o.byBlock().get(20).get(0);
        assertThat(whole.verdict()).isEqualTo("NOT_TESTED");
        assertThat(whole.pValue()).isNaN();
        assertThat(whole.wilcoxonPValue()).isNaN();
        assertThat(whole.sentence()).contains("only seed variability");
        // And the two tested sizes form the Holm family: adjusted = Holm of the raw p-values
        assertThat(o.family()).isEqualTo(2);
        Summary.Verdict v5 = o.byBlock().get(5).get(0);
        Summary.Verdict v10 = o.byBlock().get(10).get(0);
        double[] adj = Holm.adjust(new double[] {v5.pValue(), v10.pValue()});
        Approx.assertClose(v5.adjustedPValue(), adj[0], 1e-12, 0, "Holm 5");
        Approx.assertClose(v10.adjustedPValue(), adj[1], 1e-12, 0, "Holm 10");
        assertThat(v5.verdict()).isEqualTo("TRANSFER_HELPS");
        assertThat(v5.test()).isEqualTo(Verdicts.TEST);
        assertThat(v5.wilcoxonPValue()).isBetween(0.0, 1.0);
    }

    @Test
    void withoutATransferMethodEveryPairIsCompared() {
        // Given three non-transfer methods on 6 draws
        List<SplitResult.Unit> units = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("gp", 0.2 + 0.01 * r);
            e.put("ridge", 0.5 + 0.02 * (r % 2));
            e.put("xgboost", 0.21 + 0.012 * r);
            units.add(unit(8, r, e, null, 10));
        }
        List<Method> plain = List.of(Method.GP, Method.RIDGE, Method.XGBOOST);
        // When judged without and with a named baseline
        List<Summary.Verdict> pairs = Verdicts.of(List.of(new Verdicts.Block(8, units, false)), TARGETS, plain, null,
                18).byBlock().get(8);
        List<Summary.Verdict> vsRidge = Verdicts.of(List.of(new Verdicts.Block(8, units, false)), TARGETS, plain,
                Method.RIDGE, 18).byBlock().get(8);
        // Then all three pairs are tested, or the two against the baseline
        assertThat(pairs).extracting(v -> v.method() + "-" + v.comparator()).containsExactly("gp-ridge", "gp-xgboost",
                "ridge-xgboost");
        assertThat(vsRidge).extracting(v -> v.method() + "-" + v.comparator()).containsExactly("gp-ridge",
                "xgboost-ridge");
        assertThat(pairs.get(0).verdict()).isIn("BETTER", "NO_SIGNIFICANT_DIFFERENCE");
    }
}
