package io.transfab.design;

import io.transfab.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Proposed experiments from {@link Suggester} or {@link InverseDesigner}: points of the space (best first)
 * with the model's predicted mean and standard deviation per target and the score they were chosen by.
 */
public final class Proposal {
    private final ParameterSpace space;
    private final List<String> targets;
    private final List<String> units;
    private final double[][] points;
    private final double[][] mean;
    private final double[][] std;
    private final double[] score;
    private final String scoreName;
    private final double radius;
    private final int candidates;

    Proposal(ParameterSpace space, List<String> targets, List<String> units, double[][] points, double[][] mean,
            double[][] std, double[] score, String scoreName, double radius, int candidates) {
        this.space = space;
        this.targets = List.copyOf(targets);
        this.units = List.copyOf(units);
        this.points = deepCopy(points);
        this.mean = deepCopy(mean);
        this.std = deepCopy(std);
        this.score = score.clone();
        this.scoreName = scoreName;
        this.radius = radius;
        this.candidates = candidates;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    public ParameterSpace space() {
        return space;
    }

    /** The model's target columns, in schema order. */
    public List<String> targets() {
        return targets;
    }

    public int runs() {
        return points.length;
    }

    /** A copy of proposed point {@code run} (level index for categorical parameters). */
    public double[] point(int run) {
        return points[run].clone();
    }

    /** Predicted mean of target {@code t} at point {@code run}. */
    public double mean(int run, int t) {
        return mean[run][t];
    }

    /** Predicted standard deviation of target {@code t} at point {@code run}; NaN when the model has none. */
    public double std(int run, int t) {
        return std[run][t];
    }

    /** The acquisition value or objective score of point {@code run} (larger is better). */
    public double score(int run) {
        return score[run];
    }

    /** Column name of the score: {@code acquisition} (suggest) or {@code score} (optimize). */
    public String scoreName() {
        return scoreName;
    }

    /** The exclusion radius (unit cube) that the points finally kept between each other. */
    public double radius() {
        return radius;
    }

    /** Number of feasible candidates scored. */
    public int candidates() {
        return candidates;
    }

    /** Smallest distance between two proposed points in the unit cube; NaN for one point. */
    public double minPairwiseDistance() {
        return space.minPairwiseDistance(points);
    }

    /** The proposal as a table: parameters, then {@code <Y>_pred}, {@code <Y>_std} per target, then the score. */
    public Table toTable(String source) {
        List<String> names = new ArrayList<>();
        List<String> unitList = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            names.add(p.name());
            unitList.add("");
        }
        for (int t = 0; t < targets.size(); t++) {
            names.add(targets.get(t) + "_pred");
            unitList.add(units.get(t));
            names.add(targets.get(t) + "_std");
            unitList.add(units.get(t));
        }
        names.add(scoreName);
        unitList.add("");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < points[i].length; j++) {
                row.add(space.parameters().get(j).format(points[i][j]));
            }
            for (int t = 0; t < targets.size(); t++) {
                row.add(number(mean[i][t]));
                row.add(number(std[i][t]));
            }
            row.add(number(score[i]));
            rows.add(row);
        }
        return Table.of(source, names, unitList, rows);
    }

    /** Six significant digits, plain between 1e-4 and 1e9 (else 1.5E-47); no predictive std is an empty cell. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        return a == 0 || (a >= 1e-4 && a < 1e9) ? d.toPlainString() : d.toString();
    }
}
