package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class UncertaintyQualityTest {

    @Test
    void matchesScipyNormLogpdf() {
        // Given 9 Gaussian predictions and scipy.stats.norm.logpdf of the measurements under them
        JsonNode g = StatisticsGolden.root().get("uncertainty");
        double[] y = StatisticsGolden.vector(g.get("measured"));
        double[] mu = StatisticsGolden.vector(g.get("mean"));
        double[] sd = StatisticsGolden.vector(g.get("std"));
        double[] train = StatisticsGolden.vector(g.get("train_targets"));
        double[] logpdf = StatisticsGolden.vector(g.get("logpdf"));
        for (int i = 0; i < y.length; i++) {
            Approx.assertClose(NormalDistribution.logPdf(y[i], mu[i], sd[i]), logpdf[i], 1e-13, 1e-15, "logpdf " + i);
        }
        // When scored at the default 90 % level
        UncertaintyScores s = UncertaintyQuality.of(y, mu, sd, train);
        // Then NLPD, MSLL (trivial Gaussian with the training mean and ddof-0 variance) and coverage agree
        Approx.assertClose(s.meanNlpd(), g.get("mean_nlpd").asDouble(), 1e-12, 0, "NLPD");
        Approx.assertClose(s.msll(), g.get("msll").asDouble(), 1e-12, 0, "MSLL");
        Approx.assertClose(s.coverage(), g.get("coverage_90").asDouble(), 1e-15, 0, "coverage");
        assertThat(s.used()).isEqualTo(9);
        assertThat(s.skipped()).isZero();
        Approx.assertClose(NormalDistribution.quantile(0.95), g.get("z_90").asDouble(), 1e-14, 0, "z");
    }

    @Test
    void matchesTheDirectFormulaAndSkipsRowsWithoutUncertainty() {
        // Given three usable rows and two without a usable std (NaN, 0)
        double[] y = {1.0, 2.0, 0.5, 7.0, 8.0};
        double[] mu = {1.2, 1.5, 0.5, 7.0, 8.0};
        double[] sd = {0.1, 0.4, 0.2, Double.NaN, 0.0};
        // When scored at 80 % against a trivial N(1, 4)
        UncertaintyScores s = UncertaintyQuality.of(y, mu, sd, 1.0, 4.0, 0.8);
        // Then only the three usable rows count
        assertThat(s.used()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(2);
        double nlpd = 0;
        double sll = 0;
        for (int i = 0; i < 3; i++) {
            double row = 0.5 * Math.log(2 * Math.PI * sd[i] * sd[i]) + Math.pow(y[i] - mu[i], 2) / (2 * sd[i] * sd[i]);
            double trivial = 0.5 * Math.log(2 * Math.PI * 4.0) + Math.pow(y[i] - 1.0, 2) / (2 * 4.0);
            nlpd += row;
            sll += row - trivial;
        }
        Approx.assertClose(s.meanNlpd(), nlpd / 3, 1e-13, 0, "NLPD");
        Approx.assertClose(s.msll(), sll / 3, 1e-13, 0, "MSLL");
        // And z(80 %) = 1.2816: row 0 is 2 sd out, row 1 1.25 sd, row 2 on the mean -> 2 of 3 covered
        Approx.assertClose(s.coverage(), 2.0 / 3, 1e-15, 0, "coverage");
        Approx.assertClose(s.level(), 0.8, 0, 0, "level");
    }

    @Test
    void noUsableRowGivesNaNScores() {
        UncertaintyScores s = UncertaintyQuality.of(new double[] {1, 2}, new double[] {1, 2},
                new double[] {Double.NaN, Double.NaN}, new double[] {0, 1, 2});
        assertThat(s.used()).isZero();
        assertThat(s.skipped()).isEqualTo(2);
        assertThat(s.msll()).isNaN();
        assertThat(s.coverage()).isNaN();
    }

    @Test
    void rejectsBadInput() {
        double[] one = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> UncertaintyQuality.of(one, one, new double[] {1}, one));
        assertThrows(IllegalArgumentException.class, () -> UncertaintyQuality.of(one, one, one, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> UncertaintyQuality.of(one, one, one, new double[] {3, 3}));
        assertThrows(IllegalArgumentException.class, () -> UncertaintyQuality.of(one, one, one, one, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> UncertaintyQuality.of(new double[] {1, Double.NaN}, one, one, one));
    }
}
