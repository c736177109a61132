package io.transfab.explain;

import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Interventional Shapley values of a black-box model (Shapley 1953; Lundberg &amp; Lee, NeurIPS
 * 2017). The value of a coalition S of players for row x is v(S) = mean_b f(x_S, b_notS) over
 * the background rows b; the Shapley value of player j is
 * phi_j = sum over S not containing j of |S|! (p - |S| - 1)! / p! * (v(S u {j}) - v(S)),
 * so that v(empty) + sum_j phi_j = v(all) = f(x).
 *
 * <p>{@link ShapMethod#EXACT} enumerates all 2^p coalitions. {@link ShapMethod#KERNEL} is Kernel
 * SHAP: coalitions are drawn from the Shapley kernel distribution P(|S| = s) proportional to
 * (p - 1) / (s (p - s)), in complementary pairs (antithetic sampling), and phi solves the least
 * squares problem min sum_k (v(S_k) - v(empty) - z_k . phi)^2 subject to sum_j phi_j = f(x) - v(empty)
 * in closed form phi = A^-1 (b - 1 (1' A^-1 b - Delta) / (1' A^-1 1)) with A = mean z z', b = mean z (v - v(empty))
 * (Covert &amp; Lee, AISTATS 2021, Eq. 7). Its standard errors are the sandwich (delta-method)
 * estimate over the independent coalition pairs: the influence of pair u is C z_u r_u with
 * r the residuals and C = A^-1 - A^-1 1 1' A^-1 / (1' A^-1 1).
 */
public final class ShapExplainer {
    private final EncodedPredictor model;
    private final Players players;
    private final List<String> targets;
    private final Background background;

    private ShapExplainer(EncodedPredictor model, Players players, List<String> targets, Background background) {
        this.model = Objects.requireNonNull(model, "model");
        this.players = Objects.requireNonNull(players, "players");
        this.targets = List.copyOf(targets);
        this.background = Objects.requireNonNull(background, "background");
        if (background.row(0).length != players.width()) {
            throw new IllegalArgumentException("background has " + background.row(0).length
                    + " encoded columns, the players cover " + players.width());
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("need at least one target");
        }
    }

    public static ShapExplainer of(EncodedPredictor model, Players players, List<String> targets,
            Background background) {
        return new ShapExplainer(model, players, targets, background);
    }

    public Players players() {
        return players;
    }

    public Background background() {
        return background;
    }

    /** Shapley values of every row of {@code x} (encoded, original units) for every target. */
    public ShapValues explain(double[][] x, ShapOptions options, long seed, Progress progress) {
        Objects.requireNonNull(options, "options");
        Matrices.requireColumns(x, players.width(), "x");
        int p = players.count();
        ShapMethod method = options.method().resolve(p);
        if (p == 1) {
            method = ShapMethod.EXACT; // one player takes the whole difference; nothing to sample
        }
        double[] base = mean(predict(background.rows()));
        double[][] prediction = predict(x);
        return method == ShapMethod.EXACT ? exact(x, base, prediction, options.threads(), progress)
                : kernel(x, base, prediction, options.kernelCoalitions(), seed, options.threads(), progress);
    }

    private double[][] predict(double[][] rows) {
        double[][] y = model.predict(rows);
        if (y.length != rows.length || y[0].length != targets.size()) {
            throw new IllegalStateException("model returned " + y.length + " x " + y[0].length + " for " + rows.length
                    + " rows and " + targets.size() + " targets");
        }
        return y;
    }

    private static double[] mean(double[][] y) {
        double[] m = new double[y[0].length];
        for (double[] r : y) {
            for (int t = 0; t < m.length; t++) {
                m[t] += r[t];
            }
        }
        for (int t = 0; t < m.length; t++) {
            m[t] /= y.length;
        }
        return m;
    }

    private ShapValues exact(double[][] x, double[] base, double[][] prediction, int threads, Progress progress) {
        int p = players.count();
        int n = x.length;
        int tCount = targets.size();
        int full = (1 << p) - 1;
        // coalitions 1 .. 2^p - 2 need the background; the empty one is the base, the full one f(x)
        int[][] cols = new int[Math.max(0, full - 1)][];
        for (int mask = 1; mask < full; mask++) {
            cols[mask - 1] = players.columnsOf(mask);
        }
        CoalitionValues.Result values = cols.length == 0 ? new CoalitionValues.Result(new double[n][0][tCount], 0)
                : CoalitionValues.of(model, background, x, cols, tCount, "exact Shapley values", threads, progress);
        double[][][] inner = values.values();
        double[] weight = new double[p];
        for (int s = 0; s < p; s++) {
            weight[s] = 1.0 / (p * binomial(p - 1, s)); // s! (p - s - 1)! / p!
        }
        double[][][] phi = new double[n][tCount][p];
        double[] v = new double[full + 1];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tCount; t++) {
                v[0] = base[t];
                v[full] = prediction[i][t];
                for (int mask = 1; mask < full; mask++) {
                    v[mask] = inner[i][mask - 1][t];
                }
                for (int mask = 0; mask < full; mask++) {
                    double w = weight[Integer.bitCount(mask)];
                    for (int j = 0; j < p; j++) {
                        if ((mask >>> j & 1) == 0) {
                            phi[i][t][j] += w * (v[mask | 1 << j] - v[mask]);
                        }
                    }
                }
            }
        }
        long evals = background.size() + values.modelRows() + n;
        return new ShapValues(ShapMethod.EXACT, players.names(), targets, phi, new double[n][tCount][p], base,
                prediction, evals);
    }

    static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** Coalitions in complementary pairs (rows 2u and 2u+1), drawn from the Shapley kernel distribution. */
    static boolean[][] sampleCoalitions(int p, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] cdf = new double[p - 1];
        double total = 0;
        for (int s = 1; s < p; s++) {
            total += (p - 1.0) / (s * (double) (p - s));
            cdf[s - 1] = total;
        }
        boolean[][] z = new boolean[count][];
        int[] idx = new int[p];
        for (int u = 0; u < count / 2; u++) {
            double r = rng.nextDouble() * total;
            int s = 1;
            while (s < p - 1 && cdf[s - 1] <= r) {
                s++;
            }
            for (int j = 0; j < p; j++) {
                idx[j] = j;
            }
            boolean[] in = new boolean[p];
            for (int j = 0; j < s; j++) {
                int k = j + rng.nextInt(p - j);
                int tmp = idx[j];
                idx[j] = idx[k];
                idx[k] = tmp;
                in[idx[j]] = true;
            }
            boolean[] out = new boolean[p];
            for (int j = 0; j < p; j++) {
                out[j] = !in[j];
            }
            z[2 * u] = in;
            z[2 * u + 1] = out;
        }
        return z;
    }

    private ShapValues kernel(double[][] x, double[] base, double[][] prediction, int count, long seed, int threads,
            Progress progress) {
        int p = players.count();
        int n = x.length;
        int tCount = targets.size();
        boolean[][] z = sampleCoalitions(p, count, seed);
        int[][] cols = new int[count][];
        for (int k = 0; k < count; k++) {
            cols[k] = players.columnsOf(z[k]);
        }
        CoalitionValues.Result values = CoalitionValues.of(model, background, x, cols, tCount, "Kernel SHAP", threads,
                progress);
        double[][][] v = values.values();

        // A = mean z z' (shared by every row and target, since the coalitions are)
        DMatrixRMaj a = new DMatrixRMaj(p, p);
        for (boolean[] zk : z) {
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < p; l++) {
                    if (zk[j] && zk[l]) {
                        a.add(j, l, 1.0 / count);
                    }
                }
            }
        }
        DMatrixRMaj ainv = new DMatrixRMaj(p, p);
        if (!CommonOps_DDRM.invert(a, ainv)) {
            throw new IllegalStateException("Kernel SHAP design matrix is singular; sample more coalitions");
        }
        double[] ainv1 = new double[p];
        double oneAinv1 = 0;
        for (int j = 0; j < p; j++) {
            for (int l = 0; l < p; l++) {
                ainv1[j] += ainv.get(j, l);
            }
            oneAinv1 += ainv1[j];
        }
        double[][] c = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int l = 0; l < p; l++) {
                c[j][l] = ainv.get(j, l) - ainv1[j] * ainv1[l] / oneAinv1;
            }
        }
        int pairs = count / 2;
        double[][][] phi = new double[n][tCount][p];
        double[][][] se = new double[n][tCount][p];
        double[] b = new double[p];
        double[] r = new double[count];
        double[][] h = new double[pairs][p];
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tCount; t++) {
                java.util.Arrays.fill(b, 0);
                for (int k = 0; k < count; k++) {
                    double y = v[i][k][t] - base[t];
                    for (int j = 0; j < p; j++) {
                        if (z[k][j]) {
                            b[j] += y / count;
                        }
                    }
                }
                double delta = prediction[i][t] - base[t];
                double[] f = phi[i][t];
                for (int j = 0; j < p; j++) {
                    double cb = 0;
                    for (int l = 0; l < p; l++) {
                        cb += c[j][l] * b[l];
                    }
                    f[j] = cb + ainv1[j] * delta / oneAinv1;
                }
                for (int k = 0; k < count; k++) {
                    double fit = 0;
                    for (int j = 0; j < p; j++) {
                        if (z[k][j]) {
                            fit += f[j];
                        }
                    }
                    r[k] = v[i][k][t] - base[t] - fit;
                }
                double[] hMean = new double[p];
                for (int u = 0; u < pairs; u++) {
                    for (int j = 0; j < p; j++) {
                        g[j] = 0.5 * ((z[2 * u][j] ? r[2 * u] : 0) + (z[2 * u + 1][j] ? r[2 * u + 1] : 0));
                    }
                    for (int j = 0; j < p; j++) {
                        double s = 0;
                        for (int l = 0; l < p; l++) {
                            s += c[j][l] * g[l];
                        }
                        h[u][j] = s;
                        hMean[j] += s / pairs;
                    }
                }
                for (int j = 0; j < p; j++) {
                    double ss = 0;
                    for (int u = 0; u < pairs; u++) {
                        double d = h[u][j] - hMean[j];
                        ss += d * d;
                    }
                    se[i][t][j] = Math.sqrt(ss / ((double) pairs * (pairs - 1)));
                }
            }
        }
        long evals = background.size() + values.modelRows() + n;
        return new ShapValues(ShapMethod.KERNEL, players.names(), targets, phi, se, base, prediction, evals);
    }
}
