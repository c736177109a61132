package io.transfab.design;

/**
 * Outcomes of an {@link InverseDesignStudy}: for every {@link SearchMethod}, requested value and seed, how
 * many of the parameter sets tried hit the request (true, noise-free value within the tolerance) and how many
 * a single lab measurement would have called a hit.
 */
public final class InverseDesignResult {
    /**
     * One search.
     *
     * @param runs parameter sets run in the lab (k for model-based methods, training runs + k for random experiments)
     * @param hits runs whose true value lies within the tolerance of the request
     * @param measuredHits runs whose single noisy measurement lies within the tolerance
     * @param meanAbsDeviation mean |true value - request| over the runs
     */
    public record Outcome(int runs, int hits, int measuredHits, double meanAbsDeviation) {
        public Outcome {
            if (runs < 1 || hits < 0 || hits > runs || measuredHits < 0 || measuredHits > runs) {
                throw new IllegalArgumentException("inconsistent outcome: " + hits + " and " + measuredHits
                        + " hits of " + runs + " runs");
            }
        }
    }

    private final InverseDesignOptions options;
    private final String chemistry;
    private final double[] targets;
    private final double tolerance;
    private final double replicateSd;
    /** outcomes[method][target][seed]. */
    private final Outcome[][][] outcomes;
    private final int modelEvaluations;

    InverseDesignResult(InverseDesignOptions options, String chemistry, double[] targets, double tolerance,
            double replicateSd, Outcome[][][] outcomes, int modelEvaluations) {
        this.options = options;
        this.chemistry = chemistry;
        this.targets = targets.clone();
        this.tolerance = tolerance;
        this.replicateSd = replicateSd;
        this.outcomes = outcomes;
        this.modelEvaluations = modelEvaluations;
    }

    public InverseDesignOptions options() {
        return options;
    }

    public String chemistry() {
        return chemistry;
    }

    /** The requested values (a fresh array). */
    public double[] targets() {
        return targets.clone();
    }

    /** Absolute tolerance of a hit, in the property's unit. */
    public double tolerance() {
        return tolerance;
    }

    /** Standard deviation of repeated noisy runs at the centre of the space. */
    public double replicateSd() {
        return replicateSd;
    }

    /** Mean number of points optimize scored on the model per request (the random-search budget). */
    public int modelEvaluations() {
        return modelEvaluations;
    }

    public Outcome outcome(SearchMethod method, int target, int seed) {
        return outcomes[method.ordinal()][target][seed];
    }

    /** Hits over runs, pooled over seeds. */
    public double hitRate(SearchMethod method, int target) {
        return pooled(method, target, false);
    }

    /** Measured hits over runs, pooled over seeds. */
    public double measuredHitRate(SearchMethod method, int target) {
        return pooled(method, target, true);
    }

    private double pooled(SearchMethod method, int target, boolean measured) {
        int hits = 0;
        int runs = 0;
        for (Outcome o : outcomes[method.ordinal()][target]) {
            hits += measured ? o.measuredHits() : o.hits();
            runs += o.runs();
        }
        return hits / (double) runs;
    }

    /** Share of seeds in which at least one run hit. */
    public double successRate(SearchMethod method, int target) {
        int ok = 0;
        for (Outcome o : outcomes[method.ordinal()][target]) {
            if (o.hits() > 0) {
                ok++;
            }
        }
        return ok / (double) options.seeds();
    }

    /** Mean |true value - request| over seeds and runs. */
    public double meanAbsDeviation(SearchMethod method, int target) {
        double s = 0;
        int runs = 0;
        for (Outcome o : outcomes[method.ordinal()][target]) {
            s += o.meanAbsDeviation() * o.runs();
            runs += o.runs();
        }
        return s / runs;
    }

    /** {@link #hitRate} averaged over the requested values. */
    public double overallHitRate(SearchMethod method) {
        double s = 0;
        for (int t = 0; t < targets.length; t++) {
            s += hitRate(method, t);
        }
        return s / targets.length;
    }

    /** {@link #successRate} averaged over the requested values. */
    public double overallSuccessRate(SearchMethod method) {
        double s = 0;
        for (int t = 0; t < targets.length; t++) {
            s += successRate(method, t);
        }
        return s / targets.length;
    }
}
