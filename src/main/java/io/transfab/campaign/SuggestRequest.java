package io.transfab.campaign;

import io.transfab.data.DataException;
import io.transfab.design.DesignMethod;
import io.transfab.design.SuggestGoal;
import java.util.Objects;

/**
 * What {@link Campaign#suggest} is asked for.
 *
 * @param goal acquisition goal once a model exists
 * @param runs number of experiments
 * @param method design of the first round, while nothing is recorded
 * @param seed seed of the round (mixed with the round number)
 */
public record SuggestRequest(SuggestGoal goal, int runs, DesignMethod method, long seed) {
    public SuggestRequest {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(method, "method");
        if (runs < 1) {
            throw DataException.option("--n must be >= 1; got " + runs);
        }
    }

    /** The goal as typed on the command line. */
    public String goalText() {
        return switch (goal.kind()) {
            case EXPLORE -> goal.rule() == SuggestGoal.ExploreRule.MAX_STD ? "explore:max-std" : "explore";
            case MAXIMIZE -> "maximize:" + goal.target();
            case MINIMIZE -> "minimize:" + goal.target();
            case TARGET -> "target:" + goal.target() + "=" + goal.value();
        };
    }
}
