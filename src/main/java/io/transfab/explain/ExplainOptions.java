package io.transfab.explain;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * Settings of {@link Explainer#run}.
 *
 * @param backgroundSize     background rows sampled from the data when no background table is given;
 *                           0 = automatic: as many as fit {@code modelRowBudget} model evaluations,
 *                           between {@link #MIN_AUTO_BACKGROUND} and {@link #MAX_AUTO_BACKGROUND}
 * @param modelRowBudget     model rows the Shapley values may cost when the background size is automatic
 * @param shap               exact/kernel, kernel coalitions, threads
 * @param bootstrap          bootstrap resamples of the rows for the mean |SHAP| intervals
 * @param level              coverage of those intervals
 * @param permutationRepeats shuffles per parameter for permutation importance
 * @param topDependence      parameters per target with PD/ICE curves (the largest mean |SHAP|)
 * @param gridPoints         grid points of a numeric parameter in one-way PD/ICE
 * @param twoWayGridPoints   grid points per numeric axis in two-way PD
 * @param dependenceRows     at most this many rows (a seeded sample) enter PD/ICE
 */
public record ExplainOptions(int backgroundSize, long modelRowBudget, ShapOptions shap, int bootstrap, double level,
        int permutationRepeats, int topDependence, int gridPoints, int twoWayGridPoints, int dependenceRows) {
    public static final int MIN_AUTO_BACKGROUND = 10;
    public static final int MAX_AUTO_BACKGROUND = 100;
    /** About 14 s for a 5-member [64, 64] MLP ensemble on one core (27 us per model row). */
    public static final long DEFAULT_MODEL_ROW_BUDGET = 500_000;

    public ExplainOptions {
        Objects.requireNonNull(shap, "shap");
        if (backgroundSize < 0) {
            throw DataException.option("--background-size must be >= 0 (0 = automatic), got " + backgroundSize);
        }
        if (modelRowBudget < 1) {
            throw new IllegalArgumentException("modelRowBudget must be >= 1, got " + modelRowBudget);
        }
        if (bootstrap < 1) {
            throw new IllegalArgumentException("bootstrap must be >= 1, got " + bootstrap);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        if (permutationRepeats < 1) {
            throw new IllegalArgumentException("permutationRepeats must be >= 1, got " + permutationRepeats);
        }
        if (topDependence < 0) {
            throw new IllegalArgumentException("topDependence must be >= 0, got " + topDependence);
        }
        if (gridPoints < 2 || twoWayGridPoints < 2) {
            throw new IllegalArgumentException("grids need >= 2 points, got " + gridPoints + " and " + twoWayGridPoints);
        }
        if (dependenceRows < 1) {
            throw new IllegalArgumentException("dependenceRows must be >= 1, got " + dependenceRows);
        }
    }

    /** Automatic background, AUTO method, 1000 bootstrap resamples, 95 %, 5 shuffles, top 4, 20/12 grid points, 200 rows. */
    public static ExplainOptions defaults() {
        return new ExplainOptions(0, DEFAULT_MODEL_ROW_BUDGET, ShapOptions.defaults(), 1000, 0.95, 5, 4, 20, 12, 200);
    }

    public ExplainOptions withBackgroundSize(int size) {
        return new ExplainOptions(size, modelRowBudget, shap, bootstrap, level, permutationRepeats, topDependence,
                gridPoints, twoWayGridPoints, dependenceRows);
    }

    public ExplainOptions withShap(ShapOptions s) {
        return new ExplainOptions(backgroundSize, modelRowBudget, s, bootstrap, level, permutationRepeats,
                topDependence, gridPoints, twoWayGridPoints, dependenceRows);
    }

    /** The background size used for {@code rows} explained rows of {@code players} players. */
    public int backgroundSizeFor(int rows, int players) {
        if (backgroundSize > 0) {
            return backgroundSize;
        }
        long perBackgroundRow = (long) rows * shap.coalitionsPerRow(players) + 1;
        long fit = modelRowBudget / Math.max(1, perBackgroundRow);
        return (int) Math.max(MIN_AUTO_BACKGROUND, Math.min(MAX_AUTO_BACKGROUND, fit));
    }
}
