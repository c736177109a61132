package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.evaluate.NormalDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Split-conformal / CV+ calibration of a model's predictive intervals from out-of-fold residuals on
 * its training rows (Vovk, Gammerman &amp; Shafer 2005; Lei et al., JASA 113, 2018, sec. 2.2; Barber
 * et al., Ann. Statist. 49(1), 2021, for the cross-validation variant). Per target it keeps the
 * sorted nonconformity scores of the n out-of-fold predictions:
 * <ul>
 * <li>{@link ScoreKind#NORMALISED} {@code |y - mu| / sigma} when the fold models gave a standard
 * deviation, so intervals stay wide where the model is unsure (Papadopoulos et al. 2008,
 * "normalised nonconformity");
 * <li>{@link ScoreKind#ABSOLUTE} {@code |y - mu|} (in standardised target units, i.e. divided by the
 * target's training scale) when they did not: every row gets the same width.
 * </ul>
 * The interval at level L is {@code mu +- q sigma} (normalised) or {@code mu +- q scale} (absolute)
 * with q the finite-sample conformal quantile: the {@code k = ceil((n + 1) L)}-th smallest score.
 * When {@code k > n} (fewer than {@code L / (1 - L)} rows, e.g. n &lt; 9 at 90 %) the conformal
 * interval is the whole line: q is +infinity, the interval unbounded, and {@link #bounded} says so;
 * it is never silently the largest score.
 * <p>
 * The calibrated standard deviation at level L is the width that makes the normal-theory interval
 * {@code mu +- z_L std} (z_L = Phi^-1((1 + L) / 2)) equal the conformal one: {@code std = q sigma / z_L}
 * (or {@code q scale / z_L}). Suggest, campaigns and active learning use it at
 * {@link #REFERENCE_LEVEL}.
 */
public final class Calibration {
    /** The level at which {@link TrainedModel#predict} reports calibrated standard deviations. */
    public static final double REFERENCE_LEVEL = 0.90;

    /** How a target's nonconformity scores were formed. */
    public enum ScoreKind {
        /** |y - mu| / sigma: intervals scale with the model's own standard deviation. */
        NORMALISED("normalised"),
        /** |y - mu| in standardised target units: intervals of one width for every row. */
        ABSOLUTE("absolute");

        private final String jsonName;

        ScoreKind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        static ScoreKind fromJson(String name) {
            for (ScoreKind k : values()) {
                if (k.jsonName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown calibration score kind '" + name + "'");
        }
    }

    /** One target's kind and ascending out-of-fold scores. */
    public record TargetScores(ScoreKind kind, double[] sorted) {
        public TargetScores {
            if (sorted.length == 0) {
                throw new IllegalArgumentException("calibration needs at least one out-of-fold score");
            }
            sorted = sorted.clone();
            Arrays.sort(sorted);
            if (Double.isNaN(sorted[sorted.length - 1]) || sorted[0] < 0) {
                throw new IllegalArgumentException("calibration scores must be non-negative and not NaN");
            }
        }

        @Override
        public double[] sorted() {
            return sorted.clone();
        }

        public int size() {
            return sorted.length;
        }

        /**
         * The finite-sample conformal quantile: the ceil((n + 1) L)-th smallest score, +infinity when
         * that rank exceeds n.
         */
        public double quantile(double level) {
            int k = rank(sorted.length, level);
            return k > sorted.length ? Double.POSITIVE_INFINITY : sorted[k - 1];
        }
    }

    private final List<TargetScores> targets;
    private final String source;

    private Calibration(List<TargetScores> targets, String source) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one target");
        }
        this.targets = List.copyOf(targets);
        this.source = source;
    }

    /** A calibration from per-target scores; {@code source} says how the residuals were obtained. */
    public static Calibration of(List<TargetScores> targets, String source) {
        return new Calibration(targets, source);
    }

    /**
     * Scores of out-of-fold predictions in standardised target units: normalised where every
     * {@code sigma} of a target is finite and positive, absolute otherwise.
     *
     * @param y     measured targets, [row][target]
     * @param mu    out-of-fold predicted means, same units
     * @param sigma out-of-fold predicted standard deviations (NaN where the fold model gave none)
     */
    public static Calibration fromOutOfFold(double[][] y, double[][] mu, double[][] sigma, String source) {
        int n = y.length;
        if (n == 0 || mu.length != n || sigma.length != n) {
            throw new IllegalArgumentException("need equal, non-zero row counts; got " + n + ", " + mu.length
                    + ", " + sigma.length);
        }
        int t = y[0].length;
        List<TargetScores> out = new ArrayList<>();
        for (int j = 0; j < t; j++) {
            boolean normalised = true;
            for (int i = 0; i < n; i++) {
                normalised &= sigma[i][j] > 0 && Double.isFinite(sigma[i][j]);
            }
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                double e = Math.abs(y[i][j] - mu[i][j]);
                s[i] = normalised ? e / sigma[i][j] : e;
            }
            out.add(new TargetScores(normalised ? ScoreKind.NORMALISED : ScoreKind.ABSOLUTE, s));
        }
        return new Calibration(out, source);
    }

    /** The rank ceil((n + 1) L) of the conformal quantile (a tiny slack absorbs rounding of (n + 1) L). */
    static int rank(int n, double level) {
        requireLevel(level);
        return (int) Math.ceil((n + 1) * level - 1e-9);
    }

    /** The smallest number of calibration rows for a bounded interval at {@code level}. */
    public static int minimumRows(double level) {
        requireLevel(level);
        int n = 1;
        while (rank(n, level) > n) {
            n++;
        }
        return n;
    }

    static void requireLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1); got " + level);
        }
    }

    public List<TargetScores> targets() {
        return targets;
    }

    /** How the out-of-fold residuals were obtained, e.g. "5-fold cross-validation". */
    public String source() {
        return source;
    }

    /** Whether target {@code t} has a finite conformal quantile at {@code level}. */
    public boolean bounded(int t, double level) {
        return Double.isFinite(targets.get(t).quantile(level));
    }

    /**
     * The prediction with each standard deviation replaced by the calibrated one at {@code level}
     * ({@code q sigma / z_L} or {@code q scale / z_L}; +infinity where the interval is unbounded; NaN
     * where a normalised target has no sigma for that row).
     *
     * @param raw         the model's own prediction in target units
     * @param targetScale per target, the training scale that turned absolute scores into standardised units
     */
    public Prediction calibrate(Prediction raw, double[] targetScale, double level) {
        if (targetScale.length != targets.size()) {
            throw new IllegalArgumentException("calibration has " + targets.size() + " targets, scale "
                    + targetScale.length);
        }
        double z = NormalDistribution.quantile(0.5 + level / 2);
        double[][] std = new double[raw.rows()][targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            TargetScores s = targets.get(t);
            double q = s.quantile(level);
            for (int i = 0; i < raw.rows(); i++) {
                double base = s.kind() == ScoreKind.NORMALISED ? raw.std()[i][t] : targetScale[t];
                std[i][t] = Double.isInfinite(q) ? Double.POSITIVE_INFINITY : q * base / z;
            }
        }
        return new Prediction(raw.mean(), std);
    }

    /** A one-line description, e.g. for predict's notes. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (TargetScores s : targets) {
            b.append(b.length() == 0 ? "" : ", ").append(s.kind().jsonName());
        }
        return String.format(Locale.ROOT, "conformal calibration from %d out-of-fold residuals (%s; %s scores)",
                targets.get(0).size(), source, b);
    }

    /** The {@code calibration} block of model.json. */
    public ObjectNode toJson(List<String> targetNames) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("method", "conformal");
        root.put("source", source);
        root.put("units", "standardised targets");
        ArrayNode arr = root.putArray("targets");
        for (int t = 0; t < targets.size(); t++) {
            ObjectNode o = arr.addObject();
            o.put("target", targetNames.get(t));
            o.put("kind", targets.get(t).kind().jsonName());
            ArrayNode sc = o.putArray("scores");
            for (double v : targets.get(t).sorted) {
                sc.add(v);
            }
        }
        return root;
    }

    /** Reads what {@link #toJson} wrote; the targets must be in the model's order. */
    public static Calibration fromJson(JsonNode root, List<String> targetNames) {
        JsonNode arr = root.get("targets");
        if (arr == null || !arr.isArray() || arr.size() != targetNames.size()) {
            throw new IllegalArgumentException("calibration block needs one entry per target ("
                    + targetNames.size() + ")");
        }
        List<TargetScores> out = new ArrayList<>();
        for (int t = 0; t < arr.size(); t++) {
            JsonNode o = arr.get(t);
            if (!targetNames.get(t).equals(o.path("target").asText())) {
                throw new IllegalArgumentException("calibration entry " + t + " is for '" + o.path("target").asText()
                        + "', expected '" + targetNames.get(t) + "'");
            }
            JsonNode sc = o.get("scores");
            if (sc == null || !sc.isArray()) {
                throw new IllegalArgumentException("calibration entry " + t + " has no scores");
            }
            double[] s = new double[sc.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = sc.get(i).asDouble();
            }
            out.add(new TargetScores(ScoreKind.fromJson(o.path("kind").asText()), s));
        }
        return new Calibration(out, root.path("source").asText());
    }
}
