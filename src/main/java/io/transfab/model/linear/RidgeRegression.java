package io.transfab.model.linear;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.data.AtomicOutput;
import io.transfab.model.Matrices;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted linear model with an unpenalised intercept, one {@link RidgeSolution} per output, and
 * per output a {@link RidgeVariance} for the predictive standard deviation (a model saved before
 * those existed predicts NaN standard deviations).
 */
public final class RidgeRegression implements Regressor {
    /** The kind stored in model.json. */
    public static final String KIND = "ridge";
    static final String FILE = "ridge.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RidgeSolution> outputs;
    private final List<RidgeVariance> variances;

    private RidgeRegression(List<RidgeSolution> outputs, List<RidgeVariance> variances) {
        this.outputs = outputs;
        this.variances = variances;
    }

    /** A model from one solution per output without predictive variances (NaN standard deviations). */
    public static RidgeRegression of(List<RidgeSolution> solutions) {
        return of(solutions, null);
    }

    /**
     * A model from one solution per output; all must have the same number of inputs.
     *
     * @param variances one per output, or null for NaN standard deviations
     */
    public static RidgeRegression of(List<RidgeSolution> solutions, List<RidgeVariance> variances) {
        if (solutions == null || solutions.isEmpty()) {
            throw new IllegalArgumentException("a ridge model needs at least one output");
        }
        int inputs = solutions.get(0).coefficients().length;
        for (int t = 0; t < solutions.size(); t++) {
            if (solutions.get(t).coefficients().length != inputs) {
                throw new IllegalArgumentException("output " + t + " has " + solutions.get(t).coefficients().length
                        + " coefficients, output 0 has " + inputs);
            }
        }
        if (variances != null) {
            if (variances.size() != solutions.size()) {
                throw new IllegalArgumentException(variances.size() + " variances for " + solutions.size() + " outputs");
            }
            for (RidgeVariance v : variances) {
                if (v.inputMean().length != inputs) {
                    throw new IllegalArgumentException("a variance has " + v.inputMean().length + " inputs, not "
                            + inputs);
                }
            }
        }
        return new RidgeRegression(List.copyOf(solutions), variances == null ? null : List.copyOf(variances));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return outputs.get(0).coefficients().length;
    }

    @Override
    public int outputCount() {
        return outputs.size();
    }

    /** The fitted coefficients, intercept and penalty of output {@code output}. */
    public RidgeSolution solution(int output) {
        return outputs.get(output);
    }

    @Override
    public Prediction predict(double[][] x) {
        Matrices.requireColumns(x, inputCount(), "x");
        double[][] mean = new double[x.length][outputs.size()];
        double[][] std = new double[x.length][outputs.size()];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < outputs.size(); t++) {
                mean[i][t] = outputs.get(t).apply(x[i]);
                std[i][t] = variances == null ? Double.NaN : variances.get(t).std(x[i]);
            }
        }
        return new Prediction(mean, std);
    }

    /** Writes {@code ridge.json}. */
    @Override
    public void save(Path dir) throws IOException {
        AtomicOutput.writeBytes(dir.resolve(FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Stored(KIND, outputs, variances)));
    }

    /** Reads what {@link #save} wrote. */
    public static RidgeRegression load(Path dir) throws IOException {
        Stored s = JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), Stored.class);
        if (s == null || !KIND.equals(s.kind()) || s.outputs() == null || s.outputs().contains(null)) {
            throw new IOException(dir.resolve(FILE) + " is not a saved " + KIND + " model");
        }
        try {
            return of(s.outputs(), s.variances());
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The JSON layout of {@code ridge.json}. */
    record Stored(String kind, List<RidgeSolution> outputs, List<RidgeVariance> variances) {
    }
}
