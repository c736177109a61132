package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.model.gp.GaussianProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Gaussian process whose prior mean is a calibrated prior model: y = a * m(x) + b + g(x), with
 * m a regressor trained elsewhere (the pre-trained network), (a, b) fitted per output by least
 * squares and g a GP on the residuals (Rasmussen & Williams 2006, sec. 2.7, explicit basis
 * functions, with the basis fixed to {m(x), 1}). Where the prior model transfers, the residuals
 * are small and g stays flat; where it does not, g takes over and the model behaves like a GP.
 */
public final class MeanFunctionGp implements Regressor {
    public static final String KIND = "mean+gp";
    private final Regressor mean;
    private final double[] gain;
    private final double[] offset;
    private final GaussianProcess residualGp;

    private MeanFunctionGp(Regressor mean, double[] gain, double[] offset, GaussianProcess residualGp) {
        if (mean.inputCount() != residualGp.inputCount() || mean.outputCount() != residualGp.outputCount()
                || gain.length != mean.outputCount() || offset.length != mean.outputCount()) {
            throw new IllegalArgumentException("mean model, calibration and residual GP differ in shape");
        }
        this.mean = mean;
        this.gain = gain.clone();
        this.offset = offset.clone();
        this.residualGp = residualGp;
    }

    public static MeanFunctionGp of(Regressor mean, double[] gain, double[] offset, GaussianProcess residualGp) {
        return new MeanFunctionGp(mean, gain, offset, residualGp);
    }

    /** The calibrated prior mean a * m(x) + b for every row. */
    public double[][] priorMean(double[][] x) {
        double[][] m = mean.predict(x).mean();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = gain[j] * row[j] + offset[j];
            }
        }
        return m;
    }

    public double[] gain() {
        return gain.clone();
    }

    public double[] offset() {
        return offset.clone();
    }

    public GaussianProcess residualGp() {
        return residualGp;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return mean.inputCount();
    }

    @Override
    public int outputCount() {
        return mean.outputCount();
    }

    @Override
    public Prediction predict(double[][] x) {
        double[][] prior = priorMean(x);
        Prediction g = residualGp.predict(x);
        double[][] mu = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            mu[i] = new double[prior[i].length];
            for (int j = 0; j < mu[i].length; j++) {
                mu[i][j] = prior[i][j] + g.mean()[i][j];
            }
        }
        return new Prediction(mu, g.std());
    }

    @Override
    public void save(Path dir) throws IOException {
        Path m = Files.createDirectories(dir.resolve("mean"));
        mean.save(m);
        Path g = Files.createDirectories(dir.resolve("residual-gp"));
        residualGp.save(g);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("meanKind", mean.kind());
        json.set("gain", Json.MAPPER.valueToTree(gain));
        json.set("offset", Json.MAPPER.valueToTree(offset));
        Json.write(dir.resolve("mean-gp.json"), json);
    }

    public static MeanFunctionGp load(Path dir) throws IOException {
        Path file = dir.resolve("mean-gp.json");
        JsonNode json = Json.read(file);
        Regressor mean = Regressors.load(Json.requiredText(json, "meanKind", file), dir.resolve("mean"));
        return new MeanFunctionGp(mean, Json.required(json, "gain", double[].class, file),
                Json.required(json, "offset", double[].class, file), GaussianProcess.load(dir.resolve("residual-gp")));
    }
}
