package io.transfab.model.boost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XGBoost settings for {@link BoostedTreesTrainer} (names as in XGBoost's parameter docs).
 *
 * <p>The {@link #defaults()} aim at 10-40 rows: shallow trees ({@code max_depth} 3, interactions of
 * at most three inputs, and no memorising of single rows), a small learning rate with enough rounds
 * ({@code eta} 0.05 x 300 rounds, so the sum of many shrunken trees is smooth while the fit is not
 * held back), row and column subsampling of 0.8 (stochastic gradient boosting, Friedman,
 * Comput. Stat. Data Anal. 38(4), 2002, lowers the variance), {@code min_child_weight} 1 (for
 * squared error the hessian is 1 per row, so a leaf needs one row; larger values forbid splits on
 * tiny tables) and XGBoost's default L2 penalty {@code lambda} 1 on leaf weights.
 */
public record BoostOptions(int rounds, int maxDepth, double eta, double subsample,
                           double colsampleByTree, double minChildWeight, double lambda) {
    public BoostOptions {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (maxDepth < 1 || maxDepth > 16) {
            throw new IllegalArgumentException("maxDepth must be in 1..16, got " + maxDepth);
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in (0, 1], got " + eta);
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
        }
        if (!(colsampleByTree > 0 && colsampleByTree <= 1)) {
            throw new IllegalArgumentException("colsampleByTree must be in (0, 1], got " + colsampleByTree);
        }
        if (!(minChildWeight >= 0) || Double.isInfinite(minChildWeight)) {
            throw new IllegalArgumentException("minChildWeight must be >= 0 and finite, got " + minChildWeight);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0 and finite, got " + lambda);
        }
    }

    /** 300 rounds, depth 3, eta 0.05, subsample 0.8, colsample 0.8, min_child_weight 1, lambda 1. */
    public static BoostOptions defaults() {
        return new BoostOptions(300, 3, 0.05, 0.8, 0.8, 1.0, 1.0);
    }

    /** The same settings with another number of rounds. */
    public BoostOptions withRounds(int newRounds) {
        return new BoostOptions(newRounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda);
    }

    /** XGBoost parameters for a single-threaded, seeded squared-error fit. */
    Map<String, Object> xgboostParameters(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "reg:squarederror");
        p.put("booster", "gbtree");
        p.put("tree_method", "exact"); // exact greedy splits: the natural choice for tiny tables
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleByTree);
        p.put("min_child_weight", minChildWeight);
        p.put("lambda", lambda);
        p.put("seed", seed);
        p.put("nthread", 1); // one thread: same seed, bit-identical trees
        p.put("verbosity", 0);
        return p;
    }
}
