package io.transfab.design;

import io.transfab.data.DataException;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Suggester} looks for: {@code explore} (or {@code explore:max-std}), {@code maximize:Y},
 * {@code minimize:Y} or {@code target:Y=VALUE} (Y a target column of the model).
 *
 * @param target the target column; empty for {@link Kind#EXPLORE}
 * @param value the wanted value for {@link Kind#TARGET}, NaN otherwise
 * @param rule how {@link Kind#EXPLORE} ranks points; {@link ExploreRule#INTEGRATED_VARIANCE} for other kinds
 */
public record SuggestGoal(Kind kind, String target, double value, ExploreRule rule) {
    /** The acquisition policy. */
    public enum Kind {
        /** Reduce the predictive uncertainty; see {@link ExploreRule}. */
        EXPLORE,
        /** Expected improvement over the best predicted value among the candidates. */
        MAXIMIZE,
        /** Expected improvement downwards. */
        MINIMIZE,
        /** Smallest expected squared deviation (mu - v)^2 + sigma^2 from a value. */
        TARGET
    }

    /** How {@code explore} chooses its batch. */
    public enum ExploreRule {
        /**
         * Greedy integrated variance reduction over the space (ALC) with fantasised rank-1 covariance updates,
         * for models that give a posterior covariance (GP, mean+GP, ensembles); other models fall back to
         * {@link #MAX_STD}.
         */
        INTEGRATED_VARIANCE,
        /** Largest predictive standard deviation (summed over targets, each over its training scale). */
        MAX_STD
    }

    public SuggestGoal(Kind kind, String target, double value) {
        this(kind, target, value, ExploreRule.INTEGRATED_VARIANCE);
    }

    public SuggestGoal {
        Objects.requireNonNull(kind, "kind");
        if (rule == null || kind != Kind.EXPLORE) {
            rule = ExploreRule.INTEGRATED_VARIANCE;
        }
        target = target == null ? "" : target.strip();
        if (kind == Kind.EXPLORE) {
            if (!target.isEmpty()) {
                throw DataException.option("explore takes no target column");
            }
            value = Double.NaN;
        } else if (target.isEmpty()) {
            throw DataException.option(kind.name().toLowerCase(Locale.ROOT) + " needs a target column");
        }
        if (kind == Kind.TARGET && !Double.isFinite(value)) {
            throw DataException.option("target:" + target + " needs a finite value");
        }
        if (kind != Kind.TARGET) {
            value = Double.NaN;
        }
    }

    public static SuggestGoal explore() {
        return new SuggestGoal(Kind.EXPLORE, "", Double.NaN);
    }

    /** Explore by the largest predictive standard deviation (the rule before integrated variance). */
    public static SuggestGoal exploreMaxStd() {
        return new SuggestGoal(Kind.EXPLORE, "", Double.NaN, ExploreRule.MAX_STD);
    }

    public static SuggestGoal maximize(String target) {
        return new SuggestGoal(Kind.MAXIMIZE, target, Double.NaN);
    }

    public static SuggestGoal minimize(String target) {
        return new SuggestGoal(Kind.MINIMIZE, target, Double.NaN);
    }

    public static SuggestGoal target(String target, double value) {
        return new SuggestGoal(Kind.TARGET, target, value);
    }

    /**
     * Parses {@code explore}, {@code explore:max-std}, {@code maximize:Y}, {@code minimize:Y} or
     * {@code target:Y=VALUE}.
     */
    public static SuggestGoal parse(String text) {
        String s = Objects.requireNonNull(text, "goal").strip();
        String usage = "; use explore, explore:max-std, maximize:Y, minimize:Y or target:Y=VALUE";
        if (s.equals("explore")) {
            return explore();
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw DataException.option("unknown goal '" + s + "'" + usage);
        }
        String head = s.substring(0, colon).strip();
        String rest = s.substring(colon + 1).strip();
        switch (head) {
            case "explore":
                if (rest.equals("max-std")) {
                    return exploreMaxStd();
                }
                if (rest.equals("ivr")) {
                    return explore();
                }
                throw DataException.option("goal '" + s + "': explore takes no target column; use "
                        + "explore (integrated variance) or explore:max-std");
            case "maximize", "max":
                return maximize(rest);
            case "minimize", "min":
                return minimize(rest);
            case "target":
                int eq = rest.indexOf('=');
                if (eq < 0) {
                    throw DataException.option("goal '" + s + "': target needs Y=VALUE");
                }
                return target(rest.substring(0, eq), number(rest.substring(eq + 1), s));
            default:
                throw DataException.option("unknown goal '" + s + "'" + usage);
        }
    }

    static double number(String text, String goal) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw DataException.option("goal '" + goal + "': '" + text.strip() + "' is not a finite number");
        }
    }
}
