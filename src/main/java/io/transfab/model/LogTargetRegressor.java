package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A regressor fitted to the logarithm of positive targets, seen from outside in the model's
 * ordinary standardised target units. Inside, {@code inner} predicts {@code u = (log y - lc) / ls};
 * outside, per target,
 * <ul>
 * <li>mean: {@code (exp(lc + ls mu_u) - c) / s}, i.e. the back-transformed <em>median</em>
 * {@code exp(mu_log)} of the predictive distribution (a monotone transform maps quantiles to
 * quantiles exactly; the lognormal mean {@code exp(mu_log + sigma_log^2 / 2)} is not used: far
 * from the rows sigma_log is large and the mean explodes);
 * <li>standard deviation: the delta method, {@code exp(mu_log) sigma_log / s}.
 * </ul>
 * with (c, s) the model's standardisation of the raw targets. The conformal calibration is computed
 * on these back-transformed out-of-fold predictions, so the calibrated intervals are valid for the
 * raw targets (symmetric around the median, not the exact transformed quantiles).
 */
public final class LogTargetRegressor implements Regressor {
    public static final String KIND = "log-target";
    private final Regressor inner;
    private final Normalizer logScale;
    private final Normalizer rawScale;

    private LogTargetRegressor(Regressor inner, Normalizer logScale, Normalizer rawScale) {
        if (logScale.width() != inner.outputCount() || rawScale.width() != inner.outputCount()) {
            throw new IllegalArgumentException("log-target scalings and inner regressor differ in width");
        }
        this.inner = inner;
        this.logScale = logScale;
        this.rawScale = rawScale;
    }

    /**
     * @param inner    fitted to {@code logScale.apply(log y)}
     * @param logScale the standardisation of log y
     * @param rawScale the model's standardisation of y (the units this regressor predicts in)
     */
    public static LogTargetRegressor of(Regressor inner, Normalizer logScale, Normalizer rawScale) {
        return new LogTargetRegressor(inner, logScale, rawScale);
    }

    /** The natural logarithm of every entry; the caller checks positivity. */
    public static double[][] log(double[][] y) {
        double[][] out = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new double[y[i].length];
            for (int t = 0; t < y[i].length; t++) {
                out[i][t] = Math.log(y[i][t]);
            }
        }
        return out;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return inner.inputCount();
    }

    @Override
    public int outputCount() {
        return inner.outputCount();
    }

    @Override
    public Prediction predict(double[][] x) {
        Prediction u = inner.predict(x);
        double[][] logMean = logScale.invert(u.mean());
        double[][] logSd = logScale.invertSpread(u.std());
        double[] c = rawScale.center();
        double[] s = rawScale.scale();
        double[][] mean = new double[x.length][outputCount()];
        double[][] std = new double[x.length][outputCount()];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < outputCount(); t++) {
                double median = Math.exp(logMean[i][t]);
                mean[i][t] = (median - c[t]) / s[t];
                std[i][t] = median * logSd[i][t] / s[t];
            }
        }
        return new Prediction(mean, std);
    }

    @Override
    public void save(Path dir) throws IOException {
        Path sub = dir.resolve("inner");
        Files.createDirectories(sub);
        inner.save(sub);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("transform", "natural log; predictions are the back-transformed medians");
        json.put("kind", inner.kind());
        json.put("dir", "inner");
        json.set("logScale", InputScaling.normalizerJson(logScale));
        json.set("rawScale", InputScaling.normalizerJson(rawScale));
        Json.write(dir.resolve("log-target.json"), json);
    }

    /** Reads what {@link #save} wrote. */
    public static LogTargetRegressor load(Path dir) throws IOException {
        Path file = dir.resolve("log-target.json");
        JsonNode json = Json.read(file);
        Regressor inner = Regressors.load(Json.requiredText(json, "kind", file),
                dir.resolve(Json.requiredText(json, "dir", file)));
        return new LogTargetRegressor(inner, InputScaling.normalizer(Json.required(json, "logScale", file)),
                InputScaling.normalizer(Json.required(json, "rawScale", file)));
    }
}
