package io.transfab.evaluate;

/** How rows are resampled into train/test splits for assessment. */
public enum Protocol {
    /** Shuffled k-fold: each row is tested once. */
    KFOLD,
    /** k-fold repeated with different seeded shuffles: each row is tested once per repeat. */
    REPEATED_KFOLD,
    /** One split per row, testing that row alone. */
    LEAVE_ONE_OUT,
    /** k-fold over groups of rows (e.g. batches, coating runs): a group is never on both sides. */
    GROUP_KFOLD
}
