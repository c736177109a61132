package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stacked combination of fitted regressors (Breiman, "Stacked regressions", Machine Learning 24,
 * 1996): per target t, {@code mu_t(x) = sum_k w_kt mu_kt(x)} with non-negative weights fitted by
 * {@link Nnls} on out-of-fold predictions, no intercept (Breiman's recommendation; the targets are
 * standardised, so their mean is 0). The standard deviation treats the members as a mixture with
 * weights {@code v_k = w_k / sum w}, scaled by {@code sum w} like the mean:
 * {@code std = (sum w) sqrt(sum v_k (sigma_k^2 + (mu_k - mubar)^2))}, NaN where a weighted member
 * gives no sigma (the conformal calibration then uses absolute scores).
 */
public final class StackedRegressor implements Regressor {
    public static final String KIND = "stack";
    private final List<Regressor> members;
    /** weights[k][t]: member k's weight on target t, all >= 0. */
    private final double[][] weights;

    private StackedRegressor(List<Regressor> members, double[][] weights) {
        if (members.isEmpty() || weights.length != members.size()) {
            throw new IllegalArgumentException("a stack needs one weight row per member; got " + members.size()
                    + " members and " + weights.length + " weight rows");
        }
        int in = members.get(0).inputCount();
        int out = members.get(0).outputCount();
        for (int k = 0; k < members.size(); k++) {
            Regressor m = members.get(k);
            if (m.inputCount() != in || m.outputCount() != out || weights[k].length != out) {
                throw new IllegalArgumentException("stack members differ in input or output count");
            }
            for (double w : weights[k]) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("stack weights must be finite and >= 0; got " + w);
                }
            }
        }
        this.members = List.copyOf(members);
        this.weights = Matrices.copy(weights);
    }

    /** A stack of {@code members} with {@code weights[k][t]} (member k, target t). */
    public static StackedRegressor of(List<? extends Regressor> members, double[][] weights) {
        return new StackedRegressor(new ArrayList<>(members), weights);
    }

    public List<Regressor> members() {
        return members;
    }

    /** Member k's weight on target t. */
    public double weight(int k, int t) {
        return weights[k][t];
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return members.get(0).inputCount();
    }

    @Override
    public int outputCount() {
        return members.get(0).outputCount();
    }

    @Override
    public Prediction predict(double[][] x) {
        List<Prediction> p = new ArrayList<>();
        for (Regressor m : members) {
            p.add(m.predict(x));
        }
        double[][] mean = new double[x.length][outputCount()];
        double[][] std = new double[x.length][outputCount()];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < outputCount(); t++) {
                double[] mu = new double[members.size()];
                double[] sd = new double[members.size()];
                double[] w = new double[members.size()];
                for (int k = 0; k < members.size(); k++) {
                    mu[k] = p.get(k).mean()[i][t];
                    sd[k] = p.get(k).std()[i][t];
                    w[k] = weights[k][t];
                }
                double[] combined = combine(w, mu, sd);
                mean[i][t] = combined[0];
                std[i][t] = combined[1];
            }
        }
        return new Prediction(mean, std);
    }

    /** {mean, std} of one row and target (see the class comment); also used for out-of-fold rows. */
    public static double[] combine(double[] w, double[] mu, double[] sd) {
        double total = 0;
        double mean = 0;
        for (int k = 0; k < w.length; k++) {
            total += w[k];
            mean += w[k] * mu[k];
        }
        if (total <= 0) {
            return new double[] {0.0, Double.NaN};
        }
        double mixtureMean = mean / total;
        double var = 0;
        for (int k = 0; k < w.length; k++) {
            if (w[k] == 0) {
                continue;
            }
            if (!Double.isFinite(sd[k])) {
                return new double[] {mean, Double.NaN};
            }
            double d = mu[k] - mixtureMean;
            var += w[k] / total * (sd[k] * sd[k] + d * d);
        }
        return new double[] {mean, total * Math.sqrt(var)};
    }

    @Override
    public void save(Path dir) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("combination", "non-negative least squares on out-of-fold predictions (Breiman 1996)");
        ArrayNode arr = json.putArray("members");
        for (int k = 0; k < members.size(); k++) {
            Path sub = dir.resolve("member-" + k);
            Files.createDirectories(sub);
            members.get(k).save(sub);
            ObjectNode o = arr.addObject().put("kind", members.get(k).kind()).put("dir", "member-" + k);
            ArrayNode w = o.putArray("weights");
            for (double v : weights[k]) {
                w.add(v);
            }
        }
        Json.write(dir.resolve("stack.json"), json);
    }

    /** Reads a stack written by {@link #save}. */
    public static StackedRegressor load(Path dir) throws IOException {
        Path file = dir.resolve("stack.json");
        JsonNode json = Json.read(file);
        List<Regressor> members = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (JsonNode m : Json.requiredArray(json, "members", file)) {
            members.add(Regressors.load(Json.requiredText(m, "kind", file),
                    dir.resolve(Json.requiredText(m, "dir", file))));
            JsonNode w = m.get("weights");
            if (w == null || !w.isArray()) {
                throw new IOException(file + ": a stack member has no weights");
            }
            double[] row = new double[w.size()];
            for (int t = 0; t < row.length; t++) {
                row[t] = w.get(t).asDouble();
            }
            weights.add(row);
        }
        return new StackedRegressor(members, weights.toArray(new double[0][]));
    }
}
