package io.transfab.model.boost;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Conversions between row arrays and XGBoost's float matrices. */
final class Xgb {
    private Xgb() {
    }

    /** A dense DMatrix of {@code x} (row-major, float); the caller disposes it. */
    static DMatrix matrix(double[][] x) throws XGBoostError {
        int cols = x[0].length;
        float[] data = new float[x.length * cols];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) x[i][j];
            }
        }
        return new DMatrix(data, x.length, cols, Float.NaN);
    }

    static IllegalStateException failure(String what, XGBoostError e) {
        return new IllegalStateException("XGBoost failed to " + what + ": " + e.getMessage(), e);
    }
}
