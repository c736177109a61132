package io.transfab.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted, immutable regressor from encoded, normalised inputs to normalised targets.
 * Schema handling and normalisation live in {@link TrainedModel}; a regressor only sees numbers.
 */
public interface Regressor {
    /** Stable name stored in model.json and used by {@link Regressors#load}: "mlp", "gp", "ridge", "xgboost", "ensemble". */
    String kind();

    int inputCount();

    int outputCount();

    /** Predicts every row of {@code x} (n x inputCount). */
    Prediction predict(double[][] x);

    /** Writes the parameters into {@code dir} (which exists); {@link Regressors#load} reads them back. */
    void save(Path dir) throws IOException;
}
