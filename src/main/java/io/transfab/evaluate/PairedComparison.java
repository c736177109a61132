package io.transfab.evaluate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A paired comparison of two methods' errors on the same splits: A (transfer) against B (best
 * non-transfer). The verdict comes from the two-sided Wilcoxon signed-rank test of d = A - B
 * ({@link Wilcoxon}, default options): with p < alpha, TRANSFER_HELPS if W+ < n(n+1)/4 (A's errors
 * rank lower) and NEGATIVE_TRANSFER otherwise; else NO_SIGNIFICANT_DIFFERENCE. With fewer
 * non-zero differences than {@link #minimumPairs(double)} (6 at alpha = 0.05) no two-sided exact
 * test can reach p < alpha (the smallest p is 2 / 2^n), so the verdict is
 * NO_SIGNIFICANT_DIFFERENCE and the sentence says so.
 *
 * @param metric the error's name in the sentence ("RMSE")
 * @param splits number of paired splits
 * @param nonZeroDifferences splits where A and B differ
 * @param medianA median of A's errors
 * @param medianB median of B's errors
 * @param medianDifference median of A - B over the splits
 * @param pValue two-sided Wilcoxon p-value (reported even when too few pairs to be decisive)
 * @param test the full test result
 * @param sentence the verdict with the numbers behind it, for a report
 */
public record PairedComparison(String metric, int splits, int nonZeroDifferences, double medianA, double medianB,
        double medianDifference, double pValue, double alpha, Verdict verdict, WilcoxonResult test,
        String sentence) {
    public static final double DEFAULT_ALPHA = 0.05;

    /** Compares per-split errors at alpha = 0.05, naming them "error". */
    public static PairedComparison of(double[] errorsA, double[] errorsB) {
        return of("error", errorsA, errorsB, DEFAULT_ALPHA);
    }

    /** Compares per-split errors at the given alpha, naming them "error". */
    public static PairedComparison of(double[] errorsA, double[] errorsB, double alpha) {
        return of("error", errorsA, errorsB, alpha);
    }

    /** Compares per-split values of a lower-is-better metric named {@code metric} (e.g. "RMSE"). */
    public static PairedComparison of(String metric, double[] errorsA, double[] errorsB, double alpha) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric name is required");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1); got " + alpha);
        }
        if (errorsA.length != errorsB.length || errorsA.length == 0) {
            throw new IllegalArgumentException("need equally many errors per method, at least one; got "
                    + errorsA.length + " and " + errorsB.length);
        }
        WilcoxonResult w = Wilcoxon.test(errorsA, errorsB, WilcoxonOptions.defaults());
        int splits = errorsA.length;
        double medA = Quantiles.median(errorsA);
        double medB = Quantiles.median(errorsB);
        int needed = minimumPairs(alpha);
        String numbers = String.format(Locale.ROOT, "median %s %s (transfer) vs %s (best non-transfer) over %d split%s",
                metric, fmt(medA), fmt(medB), splits, splits == 1 ? "" : "s");
        Verdict verdict;
        String sentence;
        if (w.n() < needed) {
            verdict = Verdict.NO_SIGNIFICANT_DIFFERENCE;
            sentence = String.format(Locale.ROOT,
                    "%s, %d non-zero paired difference%s: a two-sided exact Wilcoxon test needs at least %d to "
                            + "reach p < %s, so no significant difference can be shown (Wilcoxon p = %s)",
                    numbers, w.n(), w.n() == 1 ? "" : "s", needed, fmt(alpha), fmt(w.pValue()));
        } else {
            if (w.pValue() < alpha) {
                verdict = w.statistic() < w.n() * (w.n() + 1.0) / 4 ? Verdict.TRANSFER_HELPS : Verdict.NEGATIVE_TRANSFER;
            } else {
                verdict = Verdict.NO_SIGNIFICANT_DIFFERENCE;
            }
            String what = switch (verdict) {
                case TRANSFER_HELPS -> "transfer helps";
                case NEGATIVE_TRANSFER -> "negative transfer (transfer is worse)";
                case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
                case NOT_TESTED -> throw new IllegalStateException("a Wilcoxon test was run");
            };
            sentence = String.format(Locale.ROOT, "%s, Wilcoxon signed-rank p = %s (%s, two-sided): %s at alpha = %s",
                    numbers, fmt(w.pValue()),
                    w.method() == WilcoxonMethod.EXACT ? "exact" : "normal approximation", what, fmt(alpha));
        }
        return new PairedComparison(metric, splits, w.n(), medA, medB, w.medianDifference(), w.pValue(), alpha,
                verdict, w, sentence);
    }

    /** Smallest n with 2 / 2^n < alpha: fewer non-zero pairs can never be significant two-sided. */
    public static int minimumPairs(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1); got " + alpha);
        }
        int n = 1;
        while (Math.scalb(1.0, 1 - n) >= alpha) {
            n++;
        }
        return n;
    }

    /** Three significant digits, plain notation between 1e-4 and 1e6. */
    public static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
