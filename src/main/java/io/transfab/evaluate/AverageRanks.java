package io.transfab.evaluate;

import java.util.Arrays;

/**
 * Average ranks (1-based; tied values share the mean of their ranks) and the tie term
 * sum (t^3 - t) over groups of t equal values, as the Wilcoxon signed-rank test and Spearman's
 * rank correlation use them.
 */
public final class AverageRanks {
    private final double[] rank;
    private final double tieTerm;

    private AverageRanks(double[] rank, double tieTerm) {
        this.rank = rank;
        this.tieTerm = tieTerm;
    }

    public static AverageRanks of(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[n];
        double tie = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double avg = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = avg;
            }
            double t = j - i + 1;
            tie += t * t * t - t;
            i = j + 1;
        }
        return new AverageRanks(rank, tie);
    }

    /** The rank of value {@code i}. */
    public double rank(int i) {
        return rank[i];
    }

    /** A copy of all ranks, in the order of the values. */
    public double[] ranks() {
        return rank.clone();
    }

    public double tieTerm() {
        return tieTerm;
    }
}
