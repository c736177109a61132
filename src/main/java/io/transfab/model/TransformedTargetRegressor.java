package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A regressor fitted to monotone-transformed targets ({@link TargetTransform}: the log of positive
 * targets, kind {@code log-target}; the normal scores of bounded ones, kind {@code rank-target}), seen
 * from outside in the model's ordinary standardised target units. Inside, {@code inner} predicts
 * {@code u = (g(y) - lc) / ls}; outside, per target, with {@code v = lc + ls mu_u}:
 * <ul>
 * <li>mean: {@code (g^-1(v) - c) / s}, the back-transformed <em>median</em> of the predictive
 * distribution (a monotone transform maps quantiles to quantiles exactly; the mean of the transformed
 * distribution is not used: for the log, far from the rows sigma is large and the lognormal mean
 * explodes);
 * <li>standard deviation: the delta method, {@code (g^-1)'(v) ls sigma_u / s}.
 * </ul>
 * with (c, s) the model's standardisation of the raw targets. The conformal calibration is computed
 * on these back-transformed out-of-fold predictions, so the calibrated intervals are valid for the
 * raw targets (symmetric around the median, not the exact transformed quantiles).
 */
public final class TransformedTargetRegressor implements Regressor {
    /** Kind of a saved regressor on the log of the targets. */
    public static final String LOG_KIND = TargetTransform.Log.KIND;
    /** Kind of a saved regressor on the normal scores of the targets. */
    public static final String RANK_KIND = TargetTransform.NormalScores.KIND;
    private final Regressor inner;
    private final TargetTransform transform;
    private final Normalizer latentScale;
    private final Normalizer rawScale;

    private TransformedTargetRegressor(Regressor inner, TargetTransform transform, Normalizer latentScale,
            Normalizer rawScale) {
        if (latentScale.width() != inner.outputCount() || rawScale.width() != inner.outputCount()) {
            throw new IllegalArgumentException(transform.kind() + " scalings and inner regressor differ in width");
        }
        this.inner = inner;
        this.transform = transform;
        this.latentScale = latentScale;
        this.rawScale = rawScale;
    }

    /**
     * @param inner       fitted to {@code latentScale.apply(transform.forward(y))}
     * @param transform   the target transform g
     * @param latentScale the standardisation of g(y)
     * @param rawScale    the model's standardisation of y (the units this regressor predicts in)
     */
    public static TransformedTargetRegressor of(Regressor inner, TargetTransform transform, Normalizer latentScale,
            Normalizer rawScale) {
        return new TransformedTargetRegressor(inner, transform, latentScale, rawScale);
    }

    @Override
    public String kind() {
        return transform.kind();
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
        double[][] latentMean = latentScale.invert(u.mean());
        double[][] latentSd = latentScale.invertSpread(u.std());
        double[] c = rawScale.center();
        double[] s = rawScale.scale();
        double[][] mean = new double[x.length][outputCount()];
        double[][] std = new double[x.length][outputCount()];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < outputCount(); t++) {
                double v = latentMean[i][t];
                mean[i][t] = (transform.back(t, v) - c[t]) / s[t];
                std[i][t] = transform.slope(t, v) * latentSd[i][t] / s[t];
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
        if (transform instanceof TargetTransform.NormalScores ns) {
            json.put("transform", "normal scores of the ranks, back by the clamped piecewise-linear interpolant; "
                    + "predictions are the back-transformed medians");
            json.set("knots", ns.json());
        } else {
            json.put("transform", "natural log; predictions are the back-transformed medians");
        }
        json.put("kind", inner.kind());
        json.put("dir", "inner");
        // "logScale": the field's name from before the normal scores, kept for saved log-target models
        json.set(transform instanceof TargetTransform.Log ? "logScale" : "latentScale",
                InputScaling.normalizerJson(latentScale));
        json.set("rawScale", InputScaling.normalizerJson(rawScale));
        Json.write(dir.resolve(transform.kind() + ".json"), json);
    }

    /** Reads what {@link #save} wrote for saved-model kind {@code kind} ({@link #LOG_KIND} or {@link #RANK_KIND}). */
    public static TransformedTargetRegressor load(String kind, Path dir) throws IOException {
        Path file = dir.resolve(kind + ".json");
        JsonNode json = Json.read(file);
        Regressor inner = Regressors.load(Json.requiredText(json, "kind", file),
                dir.resolve(Json.requiredText(json, "dir", file)));
        boolean log = LOG_KIND.equals(kind);
        TargetTransform transform = log ? TargetTransform.log()
                : TargetTransform.NormalScores.fromJson(Json.required(json, "knots", file), file);
        return new TransformedTargetRegressor(inner, transform,
                InputScaling.normalizer(Json.required(json, log ? "logScale" : "latentScale", file)),
                InputScaling.normalizer(Json.required(json, "rawScale", file)));
    }
}
