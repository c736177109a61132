package io.transfab.design;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * Options of {@link Suggester#suggest}.
 *
 * @param runs number of points to propose
 * @param candidates number of shifted Sobol points examined (feasible ones are scored)
 */
public record SuggestOptions(SuggestGoal goal, int runs, int candidates, long seed) {
    /** Default size of the candidate set. */
    public static final int DEFAULT_CANDIDATES = 4096;

    public SuggestOptions {
        Objects.requireNonNull(goal, "goal");
        if (runs < 1) {
            throw DataException.option("--n must be >= 1; got " + runs);
        }
        if (candidates < runs) {
            throw DataException.option("--n " + runs + " asks for more runs than the " + candidates + " candidates searched");
        }
    }

    public static SuggestOptions of(SuggestGoal goal, int runs, long seed) {
        return new SuggestOptions(goal, runs, DEFAULT_CANDIDATES, seed);
    }
}
