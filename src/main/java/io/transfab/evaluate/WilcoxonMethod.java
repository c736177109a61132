package io.transfab.evaluate;

/** How a Wilcoxon p-value was computed. */
public enum WilcoxonMethod {
    /** The exact null distribution of W+ (no ties, no zero differences, n <= 50). */
    EXACT,
    /** The normal approximation with tie correction (and continuity correction if asked). */
    NORMAL_APPROXIMATION
}
