package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A monotone increasing map of the raw targets to the units a {@link TransformedTargetRegressor}'s
 * inner regressor is fitted in, per target column: {@link #forward} to the latent units,
 * {@link #back} and its derivative {@link #slope} from them (the delta method's factor).
 */
public sealed interface TargetTransform permits TargetTransform.Log, TargetTransform.NormalScores {
    /** The saved-model kind of a {@link TransformedTargetRegressor} with this transform. */
    String kind();

    /** The latent value of raw value {@code y} of target {@code t}. */
    double forward(int t, double y);

    /** Latent values of raw targets {@code y} ([row][target]). */
    default double[][] forward(double[][] y) {
        double[][] out = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new double[y[i].length];
            for (int t = 0; t < y[i].length; t++) {
                out[i][t] = forward(t, y[i][t]);
            }
        }
        return out;
    }

    /** The raw value of latent value {@code v} of target {@code t}. */
    double back(int t, double v);

    /** d back / dv at {@code v} for target {@code t}. */
    double slope(int t, double v);

    /** The natural logarithm (positive targets; the caller checks positivity). */
    static TargetTransform log() {
        return Log.INSTANCE;
    }

    /** The normal scores of the training targets {@code y} ([row][target]); see {@link NormalScores}. */
    static TargetTransform normalScores(double[][] y) {
        return NormalScores.fit(y);
    }

    /** The natural logarithm: back is exp, slope exp. */
    final class Log implements TargetTransform {
        static final String KIND = "log-target";
        private static final Log INSTANCE = new Log();

        private Log() {
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double forward(int t, double y) {
            return Math.log(y);
        }

        @Override
        public double back(int t, double v) {
            return Math.exp(v);
        }

        @Override
        public double slope(int t, double v) {
            return Math.exp(v);
        }
    }

    /**
     * The normal-scores (rank) transform of bounded targets: training target {@code y_i} of rank
     * {@code r_i} among n (ties share their average rank) maps to {@code z_i = Phi^-1((r_i - 0.5) / n)}.
     * Per target the distinct sorted training values and their scores are the knots of a monotone
     * piecewise-linear interpolant, used both ways: {@link #forward} of a training value is its score,
     * {@link #back} of a score is its training value, and {@link #back} is clamped to
     * [min, max] of the training targets, so predictions never leave the observed range.
     * {@link #slope} is the slope of the segment holding v; beyond the end knots (where back is flat)
     * it is the end segment's slope, so that a prediction there keeps a positive spread for the
     * normalised conformal scores; a target with one distinct value has slope 0.
     */
    final class NormalScores implements TargetTransform {
        static final String KIND = "rank-target";
        private static final NormalDistribution PHI = NormalDistribution.of(0, 1);
        /** [target][knot]: distinct sorted training values and their normal scores, both increasing. */
        private final double[][] values;
        private final double[][] scores;

        private NormalScores(double[][] values, double[][] scores) {
            for (int t = 0; t < values.length; t++) {
                if (values[t].length == 0 || values[t].length != scores[t].length) {
                    throw new IllegalArgumentException("target " + t + ": knots missing or of unequal length");
                }
                for (int k = 1; k < values[t].length; k++) {
                    if (!(values[t][k] > values[t][k - 1] && scores[t][k] > scores[t][k - 1])) {
                        throw new IllegalArgumentException("target " + t + ": knots not strictly increasing");
                    }
                }
            }
            this.values = values;
            this.scores = scores;
        }

        static NormalScores fit(double[][] y) {
            int n = y.length;
            int targets = y[0].length;
            double[][] values = new double[targets][];
            double[][] scores = new double[targets][];
            for (int t = 0; t < targets; t++) {
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = y[i][t];
                }
                Arrays.sort(col);
                double[] v = new double[n];
                double[] z = new double[n];
                int knots = 0;
                for (int i = 0; i < n;) {
                    int j = i;
                    while (j + 1 < n && col[j + 1] == col[i]) {
                        j++;
                    }
                    // ranks i + 1 .. j + 1 tie: their average rank is (i + j + 2) / 2
                    double rank = (i + j + 2) / 2.0;
                    v[knots] = col[i];
                    z[knots] = PHI.inverseCumulativeProbability((rank - 0.5) / n);
                    knots++;
                    i = j + 1;
                }
                values[t] = Arrays.copyOf(v, knots);
                scores[t] = Arrays.copyOf(z, knots);
            }
            return new NormalScores(values, scores);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double forward(int t, double y) {
            return interpolate(values[t], scores[t], y);
        }

        @Override
        public double back(int t, double v) {
            return interpolate(scores[t], values[t], v);
        }

        @Override
        public double slope(int t, double v) {
            double[] s = scores[t];
            int m = s.length;
            if (m == 1) {
                return 0;
            }
            int k = Math.max(1, Math.min(m - 1, segment(s, v)));
            return (values[t][k] - values[t][k - 1]) / (s[k] - s[k - 1]);
        }

        /** The index k with xs[k - 1] <= v < xs[k] (0 below, xs.length at or above the last knot). */
        private static int segment(double[] xs, double v) {
            int k = Arrays.binarySearch(xs, v);
            return k >= 0 ? k + 1 : -k - 1;
        }

        /** The piecewise-linear interpolant through (xs, ys) at v, clamped to [ys[0], ys[last]]. */
        private static double interpolate(double[] xs, double[] ys, double v) {
            int m = xs.length;
            if (!(v > xs[0])) {
                return ys[0];
            }
            if (v >= xs[m - 1]) {
                return ys[m - 1];
            }
            int k = segment(xs, v);
            double w = (v - xs[k - 1]) / (xs[k] - xs[k - 1]);
            return ys[k - 1] + w * (ys[k] - ys[k - 1]);
        }

        ObjectNode json() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            ArrayNode vs = o.putArray("values");
            ArrayNode zs = o.putArray("scores");
            for (int t = 0; t < values.length; t++) {
                ArrayNode v = vs.addArray();
                ArrayNode z = zs.addArray();
                for (int k = 0; k < values[t].length; k++) {
                    v.add(values[t][k]);
                    z.add(scores[t][k]);
                }
            }
            return o;
        }

        static NormalScores fromJson(JsonNode o, Path file) throws IOException {
            JsonNode vs = Json.requiredArray(o, "values", file);
            JsonNode zs = Json.requiredArray(o, "scores", file);
            if (vs.size() != zs.size()) {
                throw new IOException(file + ": values and scores differ in width");
            }
            double[][] values = new double[vs.size()][];
            double[][] scores = new double[zs.size()][];
            for (int t = 0; t < vs.size(); t++) {
                values[t] = numbers(vs.get(t));
                scores[t] = numbers(zs.get(t));
            }
            try {
                return new NormalScores(values, scores);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }

        private static double[] numbers(JsonNode a) {
            double[] out = new double[a.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = a.get(k).asDouble();
            }
            return out;
        }
    }
}
