package io.transfab.model.nn;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The forward pass of an {@link MlpRegressor} over many rows, in double precision:
 * {@code z_o = b_o + sum_i W_oi h_i} (the sum taken in ascending {@code i}, each product and sum
 * rounded to double, exactly as the row-at-a-time loop computes it), then the activation for hidden
 * layers.
 *
 * <p>Why it is fast: rows go through the network in blocks of {@link #BLOCK_ROWS} (small enough
 * for the L1 cache), the weights widened to double once, and each layer is computed in tiles of 4
 * rows x 4 outputs whose 16 running sums stay in registers, so every weight and activation loaded
 * serves four products (2-8x the row-at-a-time loop, docs/performance.md). Calls of at least
 * {@link #PARALLEL_MIN_ROWS} rows are cut into tasks of {@link #TASK_ROWS} rows that run on the
 * caller's fork-join pool (the common pool when the caller is not in one) and the caller. Each
 * output row is computed by the same operations in the same order whatever the block, the tile,
 * the task or the thread, so results are bit-identical to the row-at-a-time loop and do not depend
 * on the number of cores.
 */
final class ForwardPass {
    /** Rows per block, a multiple of the 4-row tile: a block's 64-unit activations (32 KiB) fit the L1 cache. */
    static final int BLOCK_ROWS = 64;
    /** Rows and outputs per register tile. */
    private static final int TILE = 4;
    /** Rows per parallel task, a multiple of {@link #BLOCK_ROWS}. */
    static final int TASK_ROWS = 16 * BLOCK_ROWS;
    /** Smallest call that is split into parallel tasks (smaller ones are not worth a thread hand-off). */
    static final int PARALLEL_MIN_ROWS = 4 * TASK_ROWS;

    private final Activation activation;
    /** Per layer, {@code [out * in]} row-major: W_oi at {@code o * in + i}. */
    private final double[][] weights;
    private final double[][] biases;
    private final int[] widths;
    private final int maxWidth;

    private ForwardPass(Activation activation, double[][] weights, double[][] biases, int[] widths) {
        this.activation = activation;
        this.weights = weights;
        this.biases = biases;
        this.widths = widths;
        int max = 0;
        for (int w : widths) {
            max = Math.max(max, w);
        }
        this.maxWidth = max;
    }

    /** The pass of a network given as {@code [layer][out][in]} weights and {@code [layer][out]} biases. */
    static ForwardPass of(Activation activation, float[][][] weights, float[][] biases) {
        int layers = weights.length;
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        int[] widths = new int[layers + 1];
        widths[0] = weights[0][0].length;
        for (int l = 0; l < layers; l++) {
            int out = weights[l].length;
            int in = weights[l][0].length;
            widths[l + 1] = out;
            w[l] = new double[out * in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    w[l][o * in + i] = weights[l][o][i];
                }
            }
            b[l] = new double[out];
            for (int o = 0; o < out; o++) {
                b[l][o] = biases[l][o];
            }
        }
        return new ForwardPass(activation, w, b, widths);
    }

    /**
     * The output of the first {@code layers} layers for every row of {@code x} (hidden layers
     * activated, the output layer linear; 0 layers gives copies of the rows). Rows must have the
     * network's input width.
     */
    double[][] apply(double[][] x, int layers) {
        if (x.length < PARALLEL_MIN_ROWS) {
            double[][] out = new double[x.length][];
            rows(x, out, 0, x.length, layers);
            return out;
        }
        // inside a fork-join pool (e.g. explain's threads) its tasks join that pool's threads
        return apply(x, layers, ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool() : ForkJoinPool.commonPool());
    }

    /** {@link #apply(double[][], int)} with the tasks of {@link #TASK_ROWS} rows run on {@code pool}. */
    double[][] apply(double[][] x, int layers, ForkJoinPool pool) {
        int n = x.length;
        double[][] out = new double[n][];
        int tasks = (n + TASK_ROWS - 1) / TASK_ROWS;
        // a parallel stream started inside a pool's task runs on that pool
        pool.invoke(ForkJoinTask.adapt(() -> IntStream.range(0, tasks).parallel()
                .forEach(t -> rows(x, out, t * TASK_ROWS, Math.min(n, (t + 1) * TASK_ROWS), layers))));
        return out;
    }

    /** Rows {@code from..to-1} of {@code x} into the same rows of {@code out}, block by block. */
    private void rows(double[][] x, double[][] out, int from, int to, int layers) {
        // row-major blocks, h[r * width + i]; rows past the end of the data are zero padding
        double[] a = new double[maxWidth * BLOCK_ROWS];
        double[] z = new double[maxWidth * BLOCK_ROWS];
        int in = widths[0];
        for (int r0 = from; r0 < to; r0 += BLOCK_ROWS) {
            int m = Math.min(BLOCK_ROWS, to - r0);
            int padded = (m + TILE - 1) / TILE * TILE;
            for (int r = 0; r < m; r++) {
                System.arraycopy(x[r0 + r], 0, a, r * in, in);
            }
            Arrays.fill(a, m * in, padded * in, 0.0);
            double[] h = a;
            double[] next = z;
            for (int l = 0; l < layers; l++) {
                layer(l, h, next, padded, l < weights.length - 1);
                double[] swap = h;
                h = next;
                next = swap;
            }
            int width = widths[layers];
            for (int r = 0; r < m; r++) {
                out[r0 + r] = Arrays.copyOfRange(h, r * width, (r + 1) * width);
            }
        }
    }

    /**
     * z = act(W_l h + b_l) for the first {@code rows} rows (a multiple of {@link #TILE}) of a block:
     * z_ro = b_o + W_o0 h_r0 + W_o1 h_r1 + ..., added left to right.
     */
    private void layer(int l, double[] h, double[] z, int rows, boolean activate) {
        double[] w = weights[l];
        double[] b = biases[l];
        int in = widths[l];
        int out = widths[l + 1];
        int fullTiles = out / TILE * TILE;
        for (int r = 0; r < rows; r += TILE) {
            int h0 = r * in;
            int h1 = h0 + in;
            int h2 = h1 + in;
            int h3 = h2 + in;
            int z0 = r * out;
            int z1 = z0 + out;
            int z2 = z1 + out;
            int z3 = z2 + out;
            for (int o = 0; o < fullTiles; o += TILE) {
                int w0 = o * in;
                int w1 = w0 + in;
                int w2 = w1 + in;
                int w3 = w2 + in;
                double s00 = b[o];
                double s01 = b[o + 1];
                double s02 = b[o + 2];
                double s03 = b[o + 3];
                double s10 = s00;
                double s11 = s01;
                double s12 = s02;
                double s13 = s03;
                double s20 = s00;
                double s21 = s01;
                double s22 = s02;
                double s23 = s03;
                double s30 = s00;
                double s31 = s01;
                double s32 = s02;
                double s33 = s03;
                for (int i = 0; i < in; i++) {
                    double x0 = h[h0 + i];
                    double x1 = h[h1 + i];
                    double x2 = h[h2 + i];
                    double x3 = h[h3 + i];
                    double c0 = w[w0 + i];
                    double c1 = w[w1 + i];
                    double c2 = w[w2 + i];
                    double c3 = w[w3 + i];
                    s00 += c0 * x0;
                    s01 += c1 * x0;
                    s02 += c2 * x0;
                    s03 += c3 * x0;
                    s10 += c0 * x1;
                    s11 += c1 * x1;
                    s12 += c2 * x1;
                    s13 += c3 * x1;
                    s20 += c0 * x2;
                    s21 += c1 * x2;
                    s22 += c2 * x2;
                    s23 += c3 * x2;
                    s30 += c0 * x3;
                    s31 += c1 * x3;
                    s32 += c2 * x3;
                    s33 += c3 * x3;
                }
                z[z0 + o] = s00;
                z[z0 + o + 1] = s01;
                z[z0 + o + 2] = s02;
                z[z0 + o + 3] = s03;
                z[z1 + o] = s10;
                z[z1 + o + 1] = s11;
                z[z1 + o + 2] = s12;
                z[z1 + o + 3] = s13;
                z[z2 + o] = s20;
                z[z2 + o + 1] = s21;
                z[z2 + o + 2] = s22;
                z[z2 + o + 3] = s23;
                z[z3 + o] = s30;
                z[z3 + o + 1] = s31;
                z[z3 + o + 2] = s32;
                z[z3 + o + 3] = s33;
            }
            for (int o = fullTiles; o < out; o++) {
                int wo = o * in;
                double s0 = b[o];
                double s1 = s0;
                double s2 = s0;
                double s3 = s0;
                for (int i = 0; i < in; i++) {
                    double c = w[wo + i];
                    s0 += c * h[h0 + i];
                    s1 += c * h[h1 + i];
                    s2 += c * h[h2 + i];
                    s3 += c * h[h3 + i];
                }
                z[z0 + o] = s0;
                z[z1 + o] = s1;
                z[z2 + o] = s2;
                z[z3 + o] = s3;
            }
        }
        if (activate) {
            int n = rows * out;
            for (int k = 0; k < n; k++) {
                z[k] = activation.apply(z[k]);
            }
        }
    }
}
