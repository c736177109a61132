package io.transfab.explain;

import io.transfab.model.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Interventional coalition values v_x(S) = mean over background rows b of f(x_S, b_notS)
 * (Janzing, Minorics &amp; Bloebaum, AISTATS 2020; Chen et al., "True to the model or true to the
 * data?", 2020), evaluated for many rows and coalitions with few, large model calls.
 *
 * <p>Each distinct model input is evaluated once: v_x(S) depends on x only through x_S, so rows that
 * agree on S's columns share S's value, and background rows that agree on the other columns give the
 * same input, so one evaluation serves all of them. With discrete settings (design-of-experiments
 * levels, one-hot categories, repeated recipes) this removes most model rows; with continuous ones it
 * changes nothing. The mean still adds every background row's prediction in background order, so
 * the values are bit-identical to evaluating every pair (models predict each row independently of
 * the others in its call).
 */
final class CoalitionValues {
    /** Rows per model call: large enough that per-call overhead vanishes, small enough for memory. */
    static final int CHUNK_ROWS = 1 << 16;

    private CoalitionValues() {
    }

    /**
     * @param values    v[i][k][t]: value of coalition k (its encoded columns come from row i of x, the
     *                  rest from the background) for target t
     * @param modelRows model rows evaluated
     */
    record Result(double[][][] values, long modelRows) {
    }

    /** The value of every coalition (given by its encoded columns {@code coalitionColumns[k]}) for every row of x. */
    static Result of(EncodedPredictor f, Background background, double[][] x, int[][] coalitionColumns,
            int targets, String task, int threads, Progress progress) {
        int n = x.length;
        int k = coalitionColumns.length;
        int b = background.size();
        int width = background.row(0).length;
        double[][] bg = new double[b][];
        for (int r = 0; r < b; r++) {
            bg[r] = background.row(r);
        }
        // per coalition: the first row with the same x_S, and the distinct background rows on the other columns
        int[][] rowFirst = new int[k][];
        int[][] bgDistinct = new int[k][];
        int[][] bgSlot = new int[k][];
        for (int c = 0; c < k; c++) {
            rowFirst[c] = firstOccurrence(x, coalitionColumns[c]);
            int[] first = firstOccurrence(bg, complement(coalitionColumns[c], width));
            int[] slot = new int[b];
            int distinct = 0;
            for (int r = 0; r < b; r++) {
                slot[r] = first[r] == r ? distinct++ : slot[first[r]];
            }
            int[] rows = new int[distinct];
            for (int r = 0; r < b; r++) {
                if (first[r] == r) {
                    rows[slot[r]] = r;
                }
            }
            bgDistinct[c] = rows;
            bgSlot[c] = slot;
        }
        // the (row, coalition) pairs to evaluate, row-major, cut into chunks of at most CHUNK_ROWS model rows
        List<long[]> chunks = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        long modelRows = 0;
        int currentRows = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                if (rowFirst[c][i] != i) {
                    continue;
                }
                int cost = bgDistinct[c].length;
                if (!current.isEmpty() && currentRows + cost > CHUNK_ROWS) {
                    chunks.add(current.stream().mapToLong(Long::longValue).toArray());
                    current.clear();
                    currentRows = 0;
                }
                current.add((long) i * k + c);
                currentRows += cost;
                modelRows += cost;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.stream().mapToLong(Long::longValue).toArray());
        }
        double[][][] v = new double[n][k][];
        AtomicInteger done = new AtomicInteger();
        progress.update(task, 0, chunks.size());
        // each chunk writes only its own (row, coalition) cells: the result does not depend on the threads
        IntConsumer work = chunk -> {
            long[] pairs = chunks.get(chunk);
            int total = 0;
            for (long q : pairs) {
                total += bgDistinct[(int) (q % k)].length;
            }
            double[][] batch = new double[total][];
            int at = 0;
            for (long q : pairs) {
                double[] xi = x[(int) (q / k)];
                int[] cols = coalitionColumns[(int) (q % k)];
                for (int r : bgDistinct[(int) (q % k)]) {
                    double[] row = bg[r].clone();
                    for (int col : cols) {
                        row[col] = xi[col];
                    }
                    batch[at++] = row;
                }
            }
            double[][] y = f.predict(batch);
            if (y.length != batch.length) {
                throw new IllegalStateException("model returned " + y.length + " rows for " + batch.length);
            }
            at = 0;
            for (long q : pairs) {
                int c = (int) (q % k);
                int[] slot = bgSlot[c];
                double[] acc = new double[targets];
                for (int r = 0; r < b; r++) {
                    double[] yr = y[at + slot[r]];
                    for (int t = 0; t < targets; t++) {
                        acc[t] += yr[t];
                    }
                }
                for (int t = 0; t < targets; t++) {
                    acc[t] /= b;
                }
                v[(int) (q / k)][c] = acc;
                at += bgDistinct[c].length;
            }
            progress.update(task, done.incrementAndGet(), chunks.size());
        };
        Parallel.forEach(chunks.size(), threads, work);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                if (rowFirst[c][i] != i) {
                    v[i][c] = v[rowFirst[c][i]][c].clone();
                }
            }
        }
        return new Result(v, modelRows);
    }

    /** The encoded columns 0..width-1 not in {@code cols}. */
    private static int[] complement(int[] cols, int width) {
        boolean[] in = new boolean[width];
        for (int c : cols) {
            in[c] = true;
        }
        int[] out = new int[width - cols.length];
        int k = 0;
        for (int c = 0; c < width; c++) {
            if (!in[c]) {
                out[k++] = c;
            }
        }
        return out;
    }

    /** For each row, the index of the first row with bit-identical values in {@code cols}. */
    private static int[] firstOccurrence(double[][] rows, int[] cols) {
        Map<Key, Integer> first = new HashMap<>();
        int[] out = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double[] values = new double[cols.length];
            for (int j = 0; j < cols.length; j++) {
                values[j] = rows[r][cols[j]];
            }
            Integer seen = first.putIfAbsent(new Key(values), r);
            out[r] = seen == null ? r : seen;
        }
        return out;
    }

    /** Values compared bit for bit (Arrays.equals on doubles: -0.0 differs from 0.0, as their inputs may). */
    private record Key(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
