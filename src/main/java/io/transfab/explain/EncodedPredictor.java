package io.transfab.explain;

import io.transfab.model.TrainedModel;
import java.util.Objects;

/**
 * The model as the explainers see it: encoded inputs in the model's original units (one-hot for
 * categories, not normalised) to predicted means, n rows x one column per target. Explainers call
 * it with large matrices, so one call should be cheap per row.
 */
@FunctionalInterface
public interface EncodedPredictor {
    /** Predicted means of every row of {@code encodedRawX}. */
    double[][] predict(double[][] encodedRawX);

    /** Any saved model (MLP, fine-tuned MLP, ensemble, GP, ridge, XGBoost) through {@link TrainedModel#predictEncoded}. */
    static EncodedPredictor of(TrainedModel model) {
        Objects.requireNonNull(model, "model");
        return x -> model.predictEncoded(x).mean();
    }
}
