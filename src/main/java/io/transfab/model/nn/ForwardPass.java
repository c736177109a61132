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
 * <p>Why it is fast: rows go through the network in blocks of {@link #BLOCK_ROWS}, the weights
 * widened to double once. A layer with at least {@link #VECTOR_MIN_OUT} outputs keeps its weights
 * transposed, one array per input {@code i} holding {@code W_oi} for every output, and adds four
 * inputs at a time to a row's outputs, {@code z_o = (((z_o + h_i W_oi) + h_i+1 W_oi+1) + ...)},
 * in a loop over the outputs that the JIT compiles to SIMD instructions (every array at offset 0,
 * so it can prove the loads and stores independent); each output still receives the same products
 * in the same order. Narrow layers (the output layer) take dot products, four rows at a time. The SiLU and
 * ReLU activations run as array loops too (the exponentials first, then the vectorisable division).
 * Calls of at least {@link #PARALLEL_MIN_ROWS} rows are cut into tasks of {@link #TASK_ROWS} rows
 * that run on the caller's fork-join pool (the common pool when the caller is not in one) and the
 * caller. Each output row is computed by the same operations in the same order whatever the block,
 * the task or the thread, so results are bit-identical to the row-at-a-time loop and do not depend
 * on the number of cores (docs/explain.md, Speed).
 */
final class ForwardPass {
    /** Rows per block: their activations (64 rows x 64 units, 32 KiB per buffer) stay in the L1/L2 caches. */
    static final int BLOCK_ROWS = 64;
    /** Rows per parallel task, a multiple of {@link #BLOCK_ROWS}. */
    static final int TASK_ROWS = 16 * BLOCK_ROWS;
    /**
     * Smallest call that is split into parallel tasks (smaller ones are not worth a thread hand-off; a
     * task of 1024 rows of a 7-64-64-3 network is about 1.5 ms). Two tasks' worth, so that explain's
     * PD/ICE calls (200 rows x 20 grid points = 4000 rows) use both cores.
     */
    static final int PARALLEL_MIN_ROWS = 2 * TASK_ROWS;
    /** Outputs from which a layer runs as SIMD loops over its outputs (below, as dot products). */
    static final int VECTOR_MIN_OUT = 8;

    private final Activation activation;
    /** Per layer and input {@code i}, {@code W_oi} for every output {@code o} (wide layers; null for narrow). */
    private final double[][][] transposed;
    /** Per layer and output {@code o}, {@code W_oi} for every input {@code i} (narrow layers; null for wide). */
    private final double[][][] rowMajor;
    private final double[][] biases;
    private final int[] widths;
    private final int maxWidth;

    private ForwardPass(Activation activation, double[][][] transposed, double[][][] rowMajor, double[][] biases,
            int[] widths) {
        this.activation = activation;
        this.transposed = transposed;
        this.rowMajor = rowMajor;
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
        double[][][] t = new double[layers][][];
        double[][][] r = new double[layers][][];
        double[][] b = new double[layers][];
        int[] widths = new int[layers + 1];
        widths[0] = weights[0][0].length;
        for (int l = 0; l < layers; l++) {
            int out = weights[l].length;
            int in = weights[l][0].length;
            widths[l + 1] = out;
            if (out >= VECTOR_MIN_OUT) {
                t[l] = new double[in][out];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        t[l][i][o] = weights[l][o][i];
                    }
                }
            } else {
                r[l] = new double[out][in];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        r[l][o][i] = weights[l][o][i];
                    }
                }
            }
            b[l] = new double[out];
            for (int o = 0; o < out; o++) {
                b[l][o] = biases[l][o];
            }
        }
        return new ForwardPass(activation, t, r, b, widths);
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
        // one array per row of the block (offset 0, so the JIT vectorises the loops over units)
        int block = Math.min(BLOCK_ROWS, to - from);
        double[][] a = new double[block][maxWidth];
        double[][] z = new double[block][maxWidth];
        double[] scratch = new double[maxWidth];
        int in = widths[0];
        for (int r0 = from; r0 < to; r0 += BLOCK_ROWS) {
            int m = Math.min(BLOCK_ROWS, to - r0);
            for (int r = 0; r < m; r++) {
                System.arraycopy(x[r0 + r], 0, a[r], 0, in);
            }
            double[][] h = a;
            double[][] next = z;
            for (int l = 0; l < layers; l++) {
                boolean activate = l < biases.length - 1;
                if (transposed[l] == null) {
                    narrow(l, h, next, m);
                } else {
                    for (int r = 0; r < m; r++) {
                        wide(l, h[r], next[r]);
                    }
                }
                if (activate) {
                    for (int r = 0; r < m; r++) {
                        activate(next[r], widths[l + 1], scratch);
                    }
                }
                double[][] swap = h;
                h = next;
                next = swap;
            }
            int width = widths[layers];
            for (int r = 0; r < m; r++) {
                out[r0 + r] = Arrays.copyOf(h[r], width);
            }
        }
    }

    /**
     * z = W_l h + b_l for the first {@code rows} rows of a block, a narrow layer: per output, four
     * rows at a time (four independent sums in flight), z_ro = b_o + W_o0 h_r0 + W_o1 h_r1 + ...
     */
    private void narrow(int l, double[][] h, double[][] z, int rows) {
        double[][] w = rowMajor[l];
        double[] b = biases[l];
        int in = widths[l];
        int out = widths[l + 1];
        for (int o = 0; o < out; o++) {
            double[] wo = w[o];
            int r = 0;
            for (; r + 3 < rows; r += 4) {
                double[] h0 = h[r];
                double[] h1 = h[r + 1];
                double[] h2 = h[r + 2];
                double[] h3 = h[r + 3];
                double s0 = b[o];
                double s1 = s0;
                double s2 = s0;
                double s3 = s0;
                for (int i = 0; i < in; i++) {
                    double c = wo[i];
                    s0 += c * h0[i];
                    s1 += c * h1[i];
                    s2 += c * h2[i];
                    s3 += c * h3[i];
                }
                z[r][o] = s0;
                z[r + 1][o] = s1;
                z[r + 2][o] = s2;
                z[r + 3][o] = s3;
            }
            for (; r < rows; r++) {
                double[] hr = h[r];
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += wo[i] * hr[i];
                }
                z[r][o] = s;
            }
        }
    }

    /** z = W_l h + b_l for one row, a wide layer: z_o = b_o + W_o0 h_0 + W_o1 h_1 + ..., added left to right. */
    private void wide(int l, double[] h, double[] z) {
        double[][] w = transposed[l];
        int in = widths[l];
        int out = widths[l + 1];
        System.arraycopy(biases[l], 0, z, 0, out);
        int i = 0;
        for (; i + 3 < in; i += 4) {
            addFour(z, out, w[i], w[i + 1], w[i + 2], w[i + 3], h[i], h[i + 1], h[i + 2], h[i + 3]);
        }
        for (; i < in; i++) {
            addOne(z, out, w[i], h[i]);
        }
    }

    /** z_o = (((z_o + h0 w0_o) + h1 w1_o) + h2 w2_o) + h3 w3_o for o below {@code out}. */
    private static void addFour(double[] z, int out, double[] w0, double[] w1, double[] w2, double[] w3, double h0,
            double h1, double h2, double h3) {
        for (int o = 0; o < out; o++) {
            z[o] = (((z[o] + h0 * w0[o]) + h1 * w1[o]) + h2 * w2[o]) + h3 * w3[o];
        }
    }

    /** z_o = z_o + h w_o for o below {@code out}. */
    private static void addOne(double[] z, int out, double[] w, double h) {
        for (int o = 0; o < out; o++) {
            z[o] += h * w[o];
        }
    }

    /** The activation of z_0..z_out-1 in place, each value exactly {@link Activation#apply}'s. */
    private void activate(double[] z, int out, double[] scratch) {
        switch (activation) {
            case SILU -> {
                for (int o = 0; o < out; o++) {
                    scratch[o] = Math.exp(-z[o]);
                }
                for (int o = 0; o < out; o++) {
                    z[o] = z[o] / (1.0 + scratch[o]);
                }
            }
            case RELU -> {
                for (int o = 0; o < out; o++) {
                    z[o] = Math.max(z[o], 0.0);
                }
            }
            default -> {
                for (int o = 0; o < out; o++) {
                    z[o] = activation.apply(z[o]);
                }
            }
        }
    }
}
