package io.transfab.evaluate;

/** The outcome of comparing a transfer method (A) with the best non-transfer method (B). */
public enum Verdict {
    /** A's errors are significantly lower than B's. */
    TRANSFER_HELPS,
    /** No significant difference at the chosen alpha (or too few splits to tell). */
    NO_SIGNIFICANT_DIFFERENCE,
    /** A's errors are significantly higher than B's. */
    NEGATIVE_TRANSFER,
    /**
     * No test was run: the splits cannot measure sampling variability (every split trains on the
     * same rows, so they differ only in their seed) or there are fewer than two.
     */
    NOT_TESTED
}
