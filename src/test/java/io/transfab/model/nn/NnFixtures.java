package io.transfab.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small data sets and networks shared by the nn tests (and the explain tests' networks). */
public final class NnFixtures {
    private NnFixtures() {
    }

    /** Inputs uniform in [-2, 2]^p. */
    static double[][] uniform(int n, int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int c = 0; c < p; c++) {
                row[c] = -2 + 4 * rng.nextDouble();
            }
        }
        return x;
    }

    /** y = sin(x1) + x2^2 (one target), the nonlinear function of the fitting test. */
    static double[][] sinPlusSquare(double[][] x) {
        double[][] y = new double[x.length][1];
        for (int r = 0; r < x.length; r++) {
            y[r][0] = Math.sin(x[r][0]) + x[r][1] * x[r][1];
        }
        return y;
    }

    /** Two related targets, a smooth function of the first three inputs. */
    static double[][] twoTargets(double[][] x, double shift) {
        double[][] y = new double[x.length][2];
        for (int r = 0; r < x.length; r++) {
            y[r][0] = Math.sin(x[r][0]) + 0.5 * x[r][1] * x[r][1] - 1 + shift;
            y[r][1] = Math.tanh(x[r][1] - x[r][2]) + shift * x[r][0];
        }
        return y;
    }

    /** A random network with torch-like initial weights. */
    public static MlpRegressor randomNetwork(Activation activation, long seed, int... sizes) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            float[][] wl = new float[sizes[l]][sizes[l - 1]];
            float[] bl = new float[sizes[l]];
            double bound = 1.5 / Math.sqrt(sizes[l - 1]);
            for (float[] row : wl) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) (bound * (2 * rng.nextDouble() - 1));
                }
            }
            for (int o = 0; o < bl.length; o++) {
                bl[o] = (float) (bound * (2 * rng.nextDouble() - 1));
            }
            w.add(wl);
            b.add(bl);
        }
        return MlpRegressor.of(activation, w, b);
    }

    /** Coefficient of determination of column 0. */
    static double r2(double[][] predicted, double[][] actual) {
        double mean = 0;
        for (double[] row : actual) {
            mean += row[0] / actual.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int r = 0; r < actual.length; r++) {
            ssRes += Math.pow(predicted[r][0] - actual[r][0], 2);
            ssTot += Math.pow(actual[r][0] - mean, 2);
        }
        return 1 - ssRes / ssTot;
    }

    /** Squared distance between two networks' layer {@code l} weights and bias. */
    static double distance(MlpRegressor a, MlpRegressor b, int l) {
        double d = 0;
        float[][] wa = a.weights(l);
        float[][] wb = b.weights(l);
        for (int o = 0; o < wa.length; o++) {
            for (int i = 0; i < wa[o].length; i++) {
                d += Math.pow(wa[o][i] - wb[o][i], 2);
            }
        }
        float[] ba = a.bias(l);
        float[] bb = b.bias(l);
        for (int o = 0; o < ba.length; o++) {
            d += Math.pow(ba[o] - bb[o], 2);
        }
        return d;
    }

    static boolean sameLayer(MlpRegressor a, MlpRegressor b, int l) {
        float[][] wa = a.weights(l);
        float[][] wb = b.weights(l);
        for (int o = 0; o < wa.length; o++) {
            if (!java.util.Arrays.equals(wa[o], wb[o])) {
                return false;
            }
        }
        return java.util.Arrays.equals(a.bias(l), b.bias(l));
    }
}
