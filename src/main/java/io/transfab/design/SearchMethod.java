package io.transfab.design;

/** How {@link InverseDesignStudy} looks for parameters that hit a requested property value. */
public enum SearchMethod {
    /** {@link InverseDesigner#optimize} on the trained model: its top k diverse proposals. */
    OPTIMIZE("optimize"),
    /**
     * Random search on the same model with the same number of model evaluations as optimize: the k of as many
     * uniform random feasible points with the smallest root expected squared deviation from the request.
     */
    RANDOM_SEARCH("random search (model)"),
    /** No model: the whole budget (training runs + k) spent on uniform random experiments. */
    RANDOM_EXPERIMENTS("random experiments");

    private final String label;

    SearchMethod(String label) {
        this.label = label;
    }

    /** Name in tables, CSV and JSON. */
    public String label() {
        return label;
    }
}
