package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-standard-error rule of assess's recommendation ({@link Summary#oneStandardError}). */
class RecommendationRuleTest {
    /** A split whose RMSE is exactly {@code e} (two rows, both off by e). */
    private static SplitResult result(String method, double e) {
        return new SplitResult("curve", 10, 0, -1, method, null, new int[] {0, 1}, new double[][] {{0}, {0}},
                new double[][] {{e}, {-e}}, new double[][] {{1}, {1}}, 1.0, null);
    }

    private static List<SplitResult.Unit> units(double[] gp, double[] auto) {
        List<SplitResult.Unit> u = new ArrayList<>();
        for (int j = 0; j < gp.length; j++) {
            u.add(new SplitResult.Unit("curve", 10, j, -1, List.of(result("gp", gp[j]), result("auto", auto[j])),
                    List.of(), 0));
        }
        return u;
    }

    private static Map<Method, Double> overall(double[] gp, double[] auto) {
        Map<Method, Double> m = new LinkedHashMap<>();
        m.put(Method.GP, java.util.Arrays.stream(gp).average().orElseThrow());
        m.put(Method.AUTO, java.util.Arrays.stream(auto).average().orElseThrow());
        return m;
    }

    @Test
    void aPreferredMethodWithinOneCorrectedStandardErrorIsRecommended() {
        // Given gp lowest on average, auto's paired differences .02, -.02, .05: mean .0167; with 3 splits of
        // 10 of 30 rows (n_test/n_train = 2) the corrected SE is sqrt((1/3 + 2) * .0024667 / 2) = .0536
        double[] gp = {0.5, 0.6, 0.7};
        double[] auto = {0.52, 0.58, 0.75};
        Summary.OneSe r = Summary.oneStandardError(units(gp, auto), List.of(Method.GP, Method.AUTO),
                overall(gp, auto), Method.GP, new double[] {1}, 30);
        // Then auto, the preferred one, is recommended and the reason gives the numbers
        assertThat(r.chosen()).isEqualTo(Method.AUTO);
        assertThat(r.reason()).contains("within one standard error of the lowest, gp").contains("0.017")
                .contains("0.054").contains("over 3 splits");
    }

    @Test
    void aClearlyWorsePreferredMethodIsNot() {
        // Given auto worse by 0.4 on every split (SE 0)
        double[] gp = {0.5, 0.6, 0.7};
        double[] auto = {0.9, 1.0, 1.1};
        Summary.OneSe r = Summary.oneStandardError(units(gp, auto), List.of(Method.GP, Method.AUTO),
                overall(gp, auto), Method.GP, new double[] {1}, 30);
        // Then the lowest is recommended and the reason says no preferred method came close
        assertThat(r.chosen()).isEqualTo(Method.GP);
        assertThat(r.reason()).contains("gp has the lowest").contains("no more preferred method came within one "
                + "standard error");
    }
}
