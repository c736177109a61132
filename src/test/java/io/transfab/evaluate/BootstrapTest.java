package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void percentileAndBcaMatchScipyOnTheSameResamples() {
        // Given scipy's own index matrix (2000 x 12) and its bootstrap(paired=True) intervals
        JsonNode g = StatisticsGolden.root().get("bootstrap");
        double[] y = StatisticsGolden.vector(g.get("measured"));
        double[] p = StatisticsGolden.vector(g.get("predicted"));
        int[][] idx = StatisticsGolden.intMatrix(g.get("indices"));
        assertThat(idx).hasNumberOfRows(2000);
        for (JsonNode c : g.get("cases")) {
            MetricKind metric = MetricKind.valueOf(c.get("metric").asText());
            double level = c.get("level").asDouble();
            String what = metric + " @" + level;
            // When the same resamples are fed in
            BootstrapInterval b = Bootstrap.of(metric, y, p, idx, level);
            // Then estimate, both intervals, z0 and a agree to 1e-9 relative
            Approx.assertClose(b.estimate(), c.get("estimate").asDouble(), 1e-12, 0, what + " estimate");
            Approx.assertClose(b.percentile().lower(), c.get("percentile").get(0).asDouble(), 1e-9, 0, what + " pct lo");
            Approx.assertClose(b.percentile().upper(), c.get("percentile").get(1).asDouble(), 1e-9, 0, what + " pct hi");
            Approx.assertClose(b.bca().lower(), c.get("bca").get(0).asDouble(), 1e-9, 0, what + " bca lo");
            Approx.assertClose(b.bca().upper(), c.get("bca").get(1).asDouble(), 1e-9, 0, what + " bca hi");
            Approx.assertClose(b.biasCorrection(), c.get("z0").asDouble(), 1e-9, 0, what + " z0");
            Approx.assertClose(b.acceleration(), c.get("acceleration").asDouble(), 1e-9, 1e-15, what + " a");
            assertThat(b.resamples()).isEqualTo(2000);
            assertThat(b.percentile().level()).isEqualTo(level);
        }
    }

    @Test
    void seededIntervalsAreReproducibleAndCoverTheEstimate() {
        // Given 25 rows with noise and default options (2000 resamples, 95 %)
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        double[] y = new double[25];
        double[] p = new double[25];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + rng.nextDouble();
            p[i] = y[i] + 0.2 * (rng.nextDouble() - 0.5);
        }
        // When bootstrapped twice with seed 9 and once with seed 10
        BootstrapInterval a = Bootstrap.of(MetricKind.RMSE, y, p, BootstrapOptions.defaults(9));
        BootstrapInterval b = Bootstrap.of(MetricKind.RMSE, y, p, BootstrapOptions.defaults(9));
        BootstrapInterval c = Bootstrap.of(MetricKind.RMSE, y, p, BootstrapOptions.defaults(10));
        // Then the same seed gives bit-identical bounds, another seed different ones
        assertThat(a).isEqualTo(b);
        assertThat(c.bca().lower()).isNotEqualTo(a.bca().lower());
        // And both intervals hold the estimate and lie inside the bootstrap range
        assertThat(a.percentile().contains(a.estimate())).isTrue();
        assertThat(a.bca().contains(a.estimate())).isTrue();
        assertThat(a.percentile().upper() - a.percentile().lower()).isGreaterThan(0);
    }

    @Test
    void degenerateJackknifeGivesUndefinedBca() {
        // Given perfect predictions: every resample's MAE is 0
        double[] y = {1, 2, 3, 4, 5};
        // When bootstrapped
        BootstrapInterval b = Bootstrap.of(MetricKind.MAE, y, y.clone(), BootstrapOptions.defaults(1));
        // Then the percentile interval is [0, 0] and BCa is undefined (as scipy's NaN)
        Approx.assertClose(b.percentile().upper(), 0, 0, 0, "upper");
        assertThat(b.bca().defined()).isFalse();
    }

    @Test
    void rejectsBadInput() {
        double[] y = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> new BootstrapOptions(50, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapOptions(2000, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapOptions(2000, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.of(MetricKind.MAE, y, new double[] {1, 2}, BootstrapOptions.defaults(1)));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.of(MetricKind.MAE, y, new double[] {1, Double.NaN, 2}, BootstrapOptions.defaults(1)));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.of(MetricKind.MAE, y, y, new int[][] {{0, 1, 3}, {0, 0, 0}}, 0.9));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.of(MetricKind.MAE, y, y, new int[][] {{0, 1}, {0, 0, 0}}, 0.9));
    }

    @Test
    void indexMatrixIsSeededAndInRange() {
        int[][] a = Bootstrap.indices(7, 300, 42);
        assertThat(a).isDeepEqualTo(Bootstrap.indices(7, 300, 42));
        for (int[] row : a) {
            assertThat(row).hasSize(7);
            assertThat(java.util.Arrays.stream(row).min().getAsInt()).isGreaterThanOrEqualTo(0);
            assertThat(java.util.Arrays.stream(row).max().getAsInt()).isLessThan(7);
        }
    }
}
