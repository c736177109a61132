package io.transfab.model.boost;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.data.AtomicOutput;
import io.transfab.model.Matrices;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted regression trees (XGBoost; Chen &amp; Guestrin, KDD 2016), one booster per
 * output. It gives no uncertainty: the predicted standard deviations are NaN. Inputs are passed
 * to XGBoost as 32-bit floats.
 */
public final class BoostedTrees implements Regressor {
    /** The kind stored in model.json. */
    public static final String KIND = "xgboost";
    static final String FILE = "xgboost.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int inputCount;
    private final BoostOptions options;
    private final List<Booster> boosters;

    BoostedTrees(int inputCount, BoostOptions options, List<Booster> boosters) {
        this.inputCount = inputCount;
        this.options = options;
        this.boosters = List.copyOf(boosters);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return inputCount;
    }

    @Override
    public int outputCount() {
        return boosters.size();
    }

    /** The settings the boosters were trained with. */
    public BoostOptions options() {
        return options;
    }

    @Override
    public Prediction predict(double[][] x) {
        Matrices.requireColumns(x, inputCount, "x");
        double[][] mean = new double[x.length][boosters.size()];
        try {
            DMatrix m = Xgb.matrix(x);
            try {
                for (int t = 0; t < boosters.size(); t++) {
                    float[][] p = boosters.get(t).predict(m);
                    for (int i = 0; i < x.length; i++) {
                        mean[i][t] = p[i][0];
                    }
                }
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw Xgb.failure("predict", e);
        }
        return Prediction.ofMean(mean);
    }

    /**
     * XGBoost's own TreeSHAP contributions (Lundberg et al., Nat. Mach. Intell. 2, 2020) for
     * output {@code output}: n rows of inputCount + 1 values, one per input and the bias last;
     * each row sums to the prediction (up to float rounding).
     */
    public double[][] contributions(double[][] x, int output) {
        Matrices.requireColumns(x, inputCount, "x");
        Booster booster = boosters.get(output);
        try {
            DMatrix m = Xgb.matrix(x);
            try {
                float[][] c = booster.predictContrib(m, 0);
                double[][] out = new double[c.length][c[0].length];
                for (int i = 0; i < c.length; i++) {
                    for (int j = 0; j < c[i].length; j++) {
                        out[i][j] = c[i][j];
                    }
                }
                return out;
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw Xgb.failure("compute contributions", e);
        }
    }

    /** Writes {@code xgboost.json} (shapes and options) and {@code booster-<t>.json} per output (XGBoost's JSON model format). */
    @Override
    public void save(Path dir) throws IOException {
        for (int t = 0; t < boosters.size(); t++) {
            try {
                AtomicOutput.writeBytes(dir.resolve(boosterFile(t)), boosters.get(t).toByteArray("json"));
            } catch (XGBoostError e) {
                throw new IOException("XGBoost could not serialise booster " + t + ": " + e.getMessage(), e);
            }
        }
        AtomicOutput.writeBytes(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new Stored(KIND, inputCount, boosters.size(), options)));
    }

    /** Reads what {@link #save} wrote; predictions are bit-identical to the saved model's. */
    public static BoostedTrees load(Path dir) throws IOException {
        Stored s = JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), Stored.class);
        if (s == null || !KIND.equals(s.kind()) || s.options() == null || s.inputCount() < 1 || s.outputCount() < 1) {
            throw new IOException(dir.resolve(FILE) + " is not a saved " + KIND + " model");
        }
        List<Booster> boosters = new ArrayList<>(s.outputCount());
        for (int t = 0; t < s.outputCount(); t++) {
            try {
                boosters.add(XGBoost.loadModel(Files.readAllBytes(dir.resolve(boosterFile(t)))));
            } catch (XGBoostError e) {
                throw new IOException("XGBoost could not read " + dir.resolve(boosterFile(t)) + ": " + e.getMessage(), e);
            }
        }
        return new BoostedTrees(s.inputCount(), s.options(), boosters);
    }

    private static String boosterFile(int output) {
        return "booster-" + output + ".json";
    }

    /** The JSON layout of {@code xgboost.json}. */
    record Stored(String kind, int inputCount, int outputCount, BoostOptions options) {
    }
}
