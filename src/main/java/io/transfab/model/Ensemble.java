package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * K regressors trained with different seeds. The prediction is the members' mean; the
 * uncertainty is the spread of the member means combined with the members' own predictive
 * variance where they have one: var = mean(var_k) + var(mean_k) (law of total variance;
 * Lakshminarayanan et al. 2017, deep ensembles).
 */
public final class Ensemble implements Regressor {
    public static final String KIND = "ensemble";
    private final List<Regressor> members;

    private Ensemble(List<Regressor> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        int in = members.get(0).inputCount();
        int out = members.get(0).outputCount();
        for (Regressor m : members) {
            if (m.inputCount() != in || m.outputCount() != out) {
                throw new IllegalArgumentException("ensemble members differ in input or output count");
            }
        }
        this.members = List.copyOf(members);
    }

    public static Ensemble of(List<? extends Regressor> members) {
        return new Ensemble(new ArrayList<>(members));
    }

    public List<Regressor> members() {
        return members;
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
        int k = members.size();
        int n = x.length;
        int t = outputCount();
        double[][] sum = new double[n][t];
        double[][] sumSq = new double[n][t];
        double[][] varSum = new double[n][t];
        int[][] varCount = new int[n][t];
        for (Regressor m : members) {
            Prediction p = m.predict(x);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    double mu = p.mean()[i][j];
                    sum[i][j] += mu;
                    sumSq[i][j] += mu * mu;
                    double s = p.std()[i][j];
                    if (Double.isFinite(s)) {
                        varSum[i][j] += s * s;
                        varCount[i][j]++;
                    }
                }
            }
        }
        double[][] mean = new double[n][t];
        double[][] std = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                mean[i][j] = sum[i][j] / k;
                double between = k > 1 ? Math.max(0, sumSq[i][j] / k - mean[i][j] * mean[i][j]) : Double.NaN;
                double within = varCount[i][j] == k ? varSum[i][j] / k : (k > 1 ? 0 : Double.NaN);
                std[i][j] = Math.sqrt((k > 1 ? between : 0) + within);
                if (k == 1 && varCount[i][j] == 0) {
                    std[i][j] = Double.NaN;
                }
            }
        }
        return new Prediction(mean, std);
    }

    @Override
    public void save(Path dir) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        var arr = json.putArray("members");
        for (int i = 0; i < members.size(); i++) {
            Path sub = dir.resolve("member-" + i);
            Files.createDirectories(sub);
            members.get(i).save(sub);
            arr.addObject().put("kind", members.get(i).kind()).put("dir", "member-" + i);
        }
        Json.write(dir.resolve("ensemble.json"), json);
    }

    /** Reads an ensemble written by {@link #save}. */
    public static Ensemble load(Path dir) throws IOException {
        Path file = dir.resolve("ensemble.json");
        JsonNode json = Json.read(file);
        List<Regressor> members = new ArrayList<>();
        for (JsonNode m : Json.requiredArray(json, "members", file)) {
            members.add(Regressors.load(Json.requiredText(m, "kind", file),
                    dir.resolve(Json.requiredText(m, "dir", file))));
        }
        return new Ensemble(members);
    }
}
