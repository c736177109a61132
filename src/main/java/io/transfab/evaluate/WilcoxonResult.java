package io.transfab.evaluate;

/**
 * A Wilcoxon signed-rank test result. {@code statistic} is W+, the rank sum of the positive
 * differences (scipy reports min(W+, W-) for two-sided tests); {@code n} counts the non-zero
 * differences the test used, {@code zeros} the dropped zero differences; {@code z} is the
 * standardised statistic of the normal approximation (NaN for the exact method). The median
 * difference and the Hodges-Lehmann estimate (median of the Walsh averages (d_i + d_j) / 2, i <= j)
 * are over all differences, zeros included; the latter is NaN above
 * {@link Wilcoxon#MAX_HODGES_LEHMANN_ROWS} rows.
 */
public record WilcoxonResult(double statistic, int n, int zeros, double pValue, WilcoxonMethod method,
        Alternative alternative, double z, double medianDifference, double hodgesLehmann) {
}
