package io.transfab.explain;

import java.util.List;

/**
 * Shapley values of every explained row and target with respect to each player, with the base
 * value (mean prediction over the background) and the prediction; base + sum = prediction.
 * Kernel SHAP values carry standard errors; exact ones have standard error 0.
 */
public final class ShapValues {
    private final ShapMethod method;
    private final List<String> players;
    private final List<String> targets;
    private final double[][][] phi;
    private final double[][][] se;
    private final double[] base;
    private final double[][] prediction;
    private final long evaluations;

    ShapValues(ShapMethod method, List<String> players, List<String> targets, double[][][] phi, double[][][] se,
            double[] base, double[][] prediction, long evaluations) {
        this.method = method;
        this.players = List.copyOf(players);
        this.targets = List.copyOf(targets);
        this.phi = phi;
        this.se = se;
        this.base = base;
        this.prediction = prediction;
        this.evaluations = evaluations;
    }

    /** EXACT or KERNEL (never AUTO). */
    public ShapMethod method() {
        return method;
    }

    public List<String> players() {
        return players;
    }

    public List<String> targets() {
        return targets;
    }

    public int rowCount() {
        return phi.length;
    }

    /** Shapley value of player {@code j} for row {@code i} and target {@code t}. */
    public double value(int i, int t, int j) {
        return phi[i][t][j];
    }

    /** Standard error of {@link #value} (0 in exact mode). */
    public double standardError(int i, int t, int j) {
        return se[i][t][j];
    }

    /** All values of target {@code t}: rows x players (a copy). */
    public double[][] values(int t) {
        double[][] out = new double[phi.length][];
        for (int i = 0; i < phi.length; i++) {
            out[i] = phi[i][t].clone();
        }
        return out;
    }

    /** Standard errors of target {@code t}: rows x players (a copy). */
    public double[][] standardErrors(int t) {
        double[][] out = new double[se.length][];
        for (int i = 0; i < se.length; i++) {
            out[i] = se[i][t].clone();
        }
        return out;
    }

    /** Mean prediction over the background for target {@code t}. */
    public double baseValue(int t) {
        return base[t];
    }

    /** The model's prediction for row {@code i}, target {@code t}. */
    public double prediction(int i, int t) {
        return prediction[i][t];
    }

    /** Model rows evaluated to compute these values. */
    public long evaluations() {
        return evaluations;
    }

    /** Largest standard error over all rows, targets and players. */
    public double maxStandardError() {
        double m = 0;
        for (double[][] a : se) {
            for (double[] b : a) {
                for (double v : b) {
                    m = Math.max(m, v);
                }
            }
        }
        return m;
    }

    /** Largest |base + sum of values - prediction| over all rows and targets. */
    public double maxAdditivityError() {
        double m = 0;
        for (int i = 0; i < phi.length; i++) {
            for (int t = 0; t < targets.size(); t++) {
                double s = base[t];
                for (double v : phi[i][t]) {
                    s += v;
                }
                m = Math.max(m, Math.abs(s - prediction[i][t]));
            }
        }
        return m;
    }
}
