package io.transfab.explain;

import io.transfab.model.Matrices;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The reference rows of interventional Shapley values: the value of a coalition S is the mean
 * over background rows b of f(x_S, b_notS), so the base value is the mean prediction over the
 * background. Rows are encoded (one-hot) in original units.
 */
public final class Background {
    private final double[][] rows;
    private final String source;

    private Background(double[][] rows, String source) {
        Matrices.columns(rows, "background");
        this.rows = Matrices.copy(rows);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Every given row, described by {@code source} (e.g. "file bg.csv (all 80 rows)"). */
    public static Background of(double[][] rows, String source) {
        return new Background(rows, source);
    }

    /**
     * A seeded sample of {@code size} rows without replacement (all rows when there are no more),
     * kept in their original order.
     */
    public static Background sample(double[][] data, int size, long seed, String what) {
        if (size < 1) {
            throw new IllegalArgumentException("background size must be >= 1, got " + size);
        }
        Matrices.columns(data, "data");
        int n = data.length;
        if (n <= size) {
            return new Background(data, what + " (all " + n + " rows)");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) { // partial Fisher-Yates shuffle
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, size);
        Arrays.sort(chosen);
        return new Background(Matrices.rows(data, chosen), what + " (seeded sample of " + size + " of " + n + " rows)");
    }

    /** The rows (a copy). */
    public double[][] rows() {
        return Matrices.copy(rows);
    }

    int size() {
        return rows.length;
    }

    double[] row(int i) {
        return rows[i];
    }

    public int rowCount() {
        return rows.length;
    }

    /** Where the rows came from, for the report. */
    public String source() {
        return source;
    }
}
