package io.transfab.campaign;

import java.util.Objects;

/**
 * One round of suggestions, stored with its table in {@code rounds/round-K/}.
 *
 * @param round K (from 1)
 * @param origin {@code design:<method>} for a designed plan, {@code model:vN} for model-based suggestions
 * @param goal the goal as typed ({@code explore}, {@code maximize:Y}, ...)
 * @param suggestions number of suggested experiments, with ids {@code rK-1 .. rK-n}
 * @param rowsKnown recorded rows when the round was suggested
 * @param seed the seed the round was drawn with
 */
public record Round(int round, String origin, String goal, int suggestions, int rowsKnown, long seed) {
    public Round {
        if (round < 1 || suggestions < 1 || rowsKnown < 0) {
            throw new IllegalArgumentException("bad round " + round + " with " + suggestions + " suggestions");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(goal, "goal");
    }

    /** Directory name, {@code round-K}. */
    public String name() {
        return "round-" + round;
    }

    /** Id of suggestion {@code i} (from 1): {@code rK-i}. */
    public String id(int i) {
        return "r" + round + "-" + i;
    }
}
