package io.transfab.evaluate;

/**
 * Wilcoxon signed-rank options: the alternative and whether the normal approximation uses a
 * continuity correction (off by default, as scipy.stats.wilcoxon's {@code correction=False}).
 */
public record WilcoxonOptions(Alternative alternative, boolean continuityCorrection) {
    public WilcoxonOptions {
        if (alternative == null) {
            throw new IllegalArgumentException("alternative is required");
        }
    }

    /** Two-sided, no continuity correction. */
    public static WilcoxonOptions defaults() {
        return new WilcoxonOptions(Alternative.TWO_SIDED, false);
    }

    public static WilcoxonOptions of(Alternative alternative) {
        return new WilcoxonOptions(alternative, false);
    }
}
