package io.transfab.explain;

import io.transfab.model.Progress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Interventional coalition values v_x(S) = mean over background rows b of f(x_S, b_notS)
 * (Janzing, Minorics &amp; Bloebaum, AISTATS 2020; Chen et al., "True to the model or true to the
 * data?", 2020), evaluated for many rows and coalitions with few, large model calls.
 */
final class CoalitionValues {
    /** Rows per model call: large enough that per-call overhead vanishes, small enough for memory. */
    static final int CHUNK_ROWS = 1 << 16;

    private CoalitionValues() {
    }

    /**
     * v[i][k][t]: value of coalition k (its encoded columns {@code coalitionColumns[k]} come from
     * row i of {@code x}, the rest from the background) for target t.
     */
    static double[][][] of(EncodedPredictor f, Background background, double[][] x, int[][] coalitionColumns,
            int targets, String task, int threads, Progress progress) {
        int n = x.length;
        int k = coalitionColumns.length;
        int b = background.size();
        long pairs = (long) n * k;
        int pairsPerChunk = Math.max(1, CHUNK_ROWS / b);
        int chunks = (int) ((pairs + pairsPerChunk - 1) / pairsPerChunk);
        double[][][] v = new double[n][k][targets];
        AtomicInteger done = new AtomicInteger();
        progress.update(task, 0, chunks);
        // each chunk writes only its own (row, coalition) cells: the result does not depend on the threads
        IntConsumer work = chunk -> {
            long q = (long) chunk * pairsPerChunk;
            int m = (int) Math.min(pairsPerChunk, pairs - q);
            double[][] batch = new double[m * b][];
            for (int p = 0; p < m; p++) {
                int i = (int) ((q + p) / k);
                int[] cols = coalitionColumns[(int) ((q + p) % k)];
                double[] xi = x[i];
                for (int r = 0; r < b; r++) {
                    double[] row = background.row(r).clone();
                    for (int c : cols) {
                        row[c] = xi[c];
                    }
                    batch[p * b + r] = row;
                }
            }
            double[][] y = f.predict(batch);
            if (y.length != batch.length) {
                throw new IllegalStateException("model returned " + y.length + " rows for " + batch.length);
            }
            for (int p = 0; p < m; p++) {
                double[] acc = v[(int) ((q + p) / k)][(int) ((q + p) % k)];
                for (int r = 0; r < b; r++) {
                    double[] yr = y[p * b + r];
                    for (int t = 0; t < targets; t++) {
                        acc[t] += yr[t];
                    }
                }
                for (int t = 0; t < targets; t++) {
                    acc[t] /= b;
                }
            }
            progress.update(task, done.incrementAndGet(), chunks);
        };
        Parallel.forEach(chunks, threads, work);
        return v;
    }
}
