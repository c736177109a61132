package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorrectedTTestTest {

    /** Golden values of src/test/resources/golden/corrected_ttest_scipy.py.txt (scipy.stats.t). */
    private static JsonNode golden() throws IOException {
        try (InputStream in = CorrectedTTestTest.class.getResourceAsStream("/golden/corrected_ttest_scipy.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ObjectMapper().readTree(text.lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n"))).get("corrected_ttest");
        }
    }

    @Test
    void matchesScipyStudentT() throws IOException {
        // Given paired errors with their n_test/n_train ratio and scipy's statistic and p-value
        JsonNode cases = golden();
        assertThat(cases.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode c : cases) {
            String what = c.get("name").asText();
            // When tested
            CorrectedTTest r = CorrectedTTest.of(StatisticsGolden.vector(c.get("a")),
                    StatisticsGolden.vector(c.get("b")), c.get("ratio").asDouble());
            // Then t, the degrees of freedom and the two-sided p-value agree
            Approx.assertClose(r.t(), c.get("t").asDouble(), 1e-12, 1e-15, what + " t");
            assertThat(r.degreesOfFreedom()).as(what).isEqualTo(c.get("df").asInt());
            Approx.assertClose(r.pValue(), c.get("pvalue").asDouble(), 1e-9, 1e-15, what + " p");
            Approx.assertClose(r.meanDifference(), c.get("mean_difference").asDouble(), 1e-12, 1e-15, what + " mean");
        }
    }

    @Test
    void correctionMatchesAHandDerivedTTableValue() {
        // Given d = (1, 2, 3, 4, 5) - 0 (mean 3, s^2 = 2.5) and n_test/n_train = 0.8
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {0, 0, 0, 0, 0};
        // When tested: se = sqrt((1/5 + 0.8) 2.5) = sqrt(2.5), t = 3 / 1.5811 = 1.8974 with 4 df
        CorrectedTTest r = CorrectedTTest.of(a, b, 0.8);
        // Then t lies between the t-table's 0.90 (1.533) and 0.95 (2.132) quantiles for 4 df,
        // so the two-sided p lies between 0.10 and 0.20
        Approx.assertClose(r.t(), 3 / Math.sqrt(2.5), 1e-12, 0, "t");
        Approx.assertClose(r.standardError(), Math.sqrt(2.5), 1e-12, 0, "se");
        assertThat(r.pValue()).isBetween(0.10, 0.20);
        // And without the correction (plain paired t = 3 / sqrt(0.5) = 4.243 > 2.776, the 0.975 quantile)
        // the same differences look significant: the correction is what keeps the test honest
        assertThat(CorrectedTTest.of(a, b, 0).pValue()).isLessThan(0.05);
    }

    @Test
    void equalDifferencesGiveADefinedResult() {
        // Given identical errors, and errors that differ by the same amount on every split
        double[] a = {0.5, 1, 1.5};
        // Then equal errors give p = 1 and a constant shift gives p = 0
        Approx.assertClose(CorrectedTTest.of(a, a, 0.5).pValue(), 1, 0, 0, "equal");
        Approx.assertClose(CorrectedTTest.of(a, new double[] {0.25, 0.75, 1.25}, 0.5).pValue(), 0, 0, 0, "shift");
    }

    @Test
    void refusesTooFewSplitsOrABadRatio() {
        // Then one split, unequal lengths and a negative ratio are refused
        assertThrows(IllegalArgumentException.class, () -> CorrectedTTest.of(new double[] {1}, new double[] {2}, 1));
        assertThrows(IllegalArgumentException.class, () -> CorrectedTTest.of(new double[] {1, 2},
                new double[] {2}, 1));
        assertThrows(IllegalArgumentException.class, () -> CorrectedTTest.of(new double[] {1, 2},
                new double[] {2, 3}, -1));
    }
}
