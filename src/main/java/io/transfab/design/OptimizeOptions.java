package io.transfab.design;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * Options of {@link InverseDesigner#optimize}.
 *
 * @param runs number of diverse parameter sets to return
 * @param candidates number of shifted Sobol points scored before refinement
 * @param refineRounds rounds of seeded random perturbation around the best candidates (0 = none)
 */
public record OptimizeOptions(Objective objective, int runs, int candidates, int refineRounds, long seed) {
    public static final int DEFAULT_CANDIDATES = 4096;
    public static final int DEFAULT_REFINE_ROUNDS = 4;

    public OptimizeOptions {
        Objects.requireNonNull(objective, "objective");
        if (runs < 1) {
            throw DataException.option("--n must be >= 1; got " + runs);
        }
        if (candidates < runs) {
            throw DataException.option("--n " + runs + " asks for more runs than the " + candidates + " candidates searched");
        }
        if (refineRounds < 0) {
            throw new IllegalArgumentException("refineRounds must be >= 0; got " + refineRounds);
        }
    }

    public static OptimizeOptions of(Objective objective, int runs, long seed) {
        return new OptimizeOptions(objective, runs, DEFAULT_CANDIDATES, DEFAULT_REFINE_ROUNDS, seed);
    }
}
