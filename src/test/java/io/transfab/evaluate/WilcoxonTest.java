package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.testing.Approx;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WilcoxonTest {

    @Test
    void matchesScipyWilcoxon() {
        // Given scipy.stats.wilcoxon results: exact n = 5..50, ties, zeros, n = 60 (with and
        // without continuity correction), each for all three alternatives
        JsonNode cases = StatisticsGolden.root().get("wilcoxon");
        assertThat(cases.size()).isGreaterThanOrEqualTo(30);
        for (JsonNode c : cases) {
            double[] x = StatisticsGolden.vector(c.get("x"));
            double[] y = StatisticsGolden.vector(c.get("y"));
            Alternative alt = Alternative.valueOf(c.get("alternative").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
            String what = c.get("name").asText() + " " + alt;
            // When tested with the same options
            WilcoxonResult r = Wilcoxon.test(x, y, new WilcoxonOptions(alt, c.get("correction").asBoolean()));
            // Then W+, n, the method, the p-value (1e-9 relative) and the location estimates agree
            Approx.assertClose(r.statistic(), c.get("w_plus").asDouble(), 0, 0, what + " W+");
            assertThat(r.n()).as(what).isEqualTo(c.get("n_effective").asInt());
            WilcoxonMethod expected = c.get("scipy_method").asText().equals("asymptotic") || x.length > 50
                    ? WilcoxonMethod.NORMAL_APPROXIMATION : WilcoxonMethod.EXACT;
            assertThat(r.method()).as(what).isEqualTo(expected);
            Approx.assertClose(r.pValue(), c.get("pvalue").asDouble(), 1e-9, 0, what + " p");
            if (alt != Alternative.TWO_SIDED) {
                Approx.assertClose(r.statistic(), c.get("statistic").asDouble(), 0, 0, what + " scipy statistic");
            } else {
                double wMinus = r.n() * (r.n() + 1.0) / 2 - r.statistic();
                Approx.assertClose(Math.min(r.statistic(), wMinus), c.get("statistic").asDouble(), 0, 0, what + " min");
            }
            Approx.assertClose(r.medianDifference(), c.get("median_difference").asDouble(), 1e-12, 1e-15, what + " median");
            Approx.assertClose(r.hodgesLehmann(), c.get("hodges_lehmann").asDouble(), 1e-12, 1e-15, what + " HL");
        }
    }

    @Test
    void exactDistributionCountsEverySignPatternOnce() {
        // Given n = 10 pairs
        long[] counts = Wilcoxon.exactCounts(10);
        // Then the counts sum to 2^10, are symmetric about 55/2, and P(W+ = 0) = 2^-10
        long total = 0;
        for (int s = 0; s < counts.length; s++) {
            total += counts[s];
            assertThat(counts[s]).isEqualTo(counts[counts.length - 1 - s]);
        }
        assertThat(total).isEqualTo(1024);
        assertThat(counts[0]).isEqualTo(1);
        // And at n = 50 the counts still fit a long exactly
        long total50 = 0;
        for (long c : Wilcoxon.exactCounts(50)) {
            total50 += c;
        }
        assertThat(total50).isEqualTo(1L << 50);
    }

    @Test
    void zerosAreDroppedAndAllZeroGivesPOne() {
        // Given differences 0, 0, 1, 2, -3, 4, 5, 6
        WilcoxonResult r = Wilcoxon.testDifferences(new double[] {0, 0, 1, 2, -3, 4, 5, 6}, WilcoxonOptions.defaults());
        // Then six differences are ranked (W+ = 1+2+4+5+6 = 18), two counted as zeros, approximation used
        assertThat(r.n()).isEqualTo(6);
        assertThat(r.zeros()).isEqualTo(2);
        Approx.assertClose(r.statistic(), 18, 0, 0, "W+");
        assertThat(r.method()).isEqualTo(WilcoxonMethod.NORMAL_APPROXIMATION);
        // And with nothing but zeros the test has nothing to reject: p = 1
        WilcoxonResult none = Wilcoxon.test(new double[] {1, 2}, new double[] {1, 2});
        Approx.assertClose(none.pValue(), 1, 0, 0, "p");
        assertThat(none.n()).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Wilcoxon.test(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Wilcoxon.test(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Wilcoxon.test(new double[] {1, Double.NaN}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new WilcoxonOptions(null, false));
    }
}
