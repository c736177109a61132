package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    @Test
    void matchesScipyNdtrAndNdtri() {
        // Given scipy.special.ndtr / ndtri / norm.sf values, deep tails included
        JsonNode g = StatisticsGolden.root().get("normal");
        double[] p = StatisticsGolden.vector(g.get("p"));
        double[] ndtri = StatisticsGolden.vector(g.get("ndtri"));
        double[] z = StatisticsGolden.vector(g.get("z"));
        double[] cdf = StatisticsGolden.vector(g.get("cdf"));
        double[] sf = StatisticsGolden.vector(g.get("sf"));
        // When / Then each agrees to 1e-13 relative
        for (int i = 0; i < p.length; i++) {
            Approx.assertClose(NormalDistribution.quantile(p[i]), ndtri[i], 1e-13, 1e-15, "ndtri(" + p[i] + ")");
        }
        for (int i = 0; i < z.length; i++) {
            Approx.assertClose(NormalDistribution.cdf(z[i]), cdf[i], 1e-13, 0, "cdf(" + z[i] + ")");
            Approx.assertClose(NormalDistribution.sf(z[i]), sf[i], 1e-13, 0, "sf(" + z[i] + ")");
        }
    }

    @Test
    void quantileInvertsTheCdfAndHandlesTheEnds() {
        // Given probabilities across (0, 1)
        for (double p = 0.0005; p < 1; p += 0.0371) {
            // Then cdf(quantile(p)) = p
            Approx.assertClose(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, 1e-14, 0, "p=" + p);
        }
        assertThat(NormalDistribution.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistribution.quantile(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NormalDistribution.quantile(1.5)).isNaN();
        assertThat(NormalDistribution.quantile(Double.NaN)).isNaN();
    }

    @Test
    void logPdfIsTheGaussianFormula() {
        // Given x = 1.3, mean 0.4, sd 0.7
        double u = (1.3 - 0.4) / 0.7;
        double direct = Math.log(Math.exp(-0.5 * u * u) / (0.7 * Math.sqrt(2 * Math.PI)));
        // Then logPdf matches the direct density's log
        Approx.assertClose(NormalDistribution.logPdf(1.3, 0.4, 0.7), direct, 1e-14, 0, "logpdf");
    }
}
