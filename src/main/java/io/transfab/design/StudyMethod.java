package io.transfab.design;

/** How a design study chooses its experiments. */
public enum StudyMethod {
    /**
     * Active learning: an initial maximin LHS, then batches from {@link Suggester} with goal explore
     * (integrated variance reduction).
     */
    ACTIVE("active-learning"),
    /** As {@link #ACTIVE} with goal {@code explore:max-std} (largest predictive std, exclusion radius). */
    ACTIVE_MAX_STD("active-learning-max-std"),
    /** Independent uniform random feasible points, nested (size n uses the first n). */
    RANDOM("random"),
    /** A fresh one-shot maximin Latin hypercube of n points for every size n. */
    LHS("one-shot-lhs");

    private final String label;

    StudyMethod(String label) {
        this.label = label;
    }

    /** Name in tables, CSV and JSON. */
    public String label() {
        return label;
    }
}
