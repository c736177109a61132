package io.transfab.model;

import io.transfab.model.boost.BoostedTrees;
import io.transfab.model.gp.GaussianProcess;
import io.transfab.model.linear.RidgeRegression;
import io.transfab.model.nn.AdaptedMlp;
import io.transfab.model.nn.MlpRegressor;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a saved regressor by the kind recorded in model.json. */
public final class Regressors {
    private Regressors() {
    }

    public static Regressor load(String kind, Path dir) throws IOException {
        return switch (kind) {
            case Ensemble.KIND -> Ensemble.load(dir);
            case MlpRegressor.KIND -> MlpRegressor.load(dir);
            case AdaptedMlp.KIND -> AdaptedMlp.load(dir);
            case GaussianProcess.KIND -> GaussianProcess.load(dir);
            case RidgeRegression.KIND -> RidgeRegression.load(dir);
            case BoostedTrees.KIND -> BoostedTrees.load(dir);
            case MeanFunctionGp.KIND -> MeanFunctionGp.load(dir);
            case StackedRegressor.KIND -> StackedRegressor.load(dir);
            case TransformedTargetRegressor.LOG_KIND, TransformedTargetRegressor.RANK_KIND ->
                    TransformedTargetRegressor.load(kind, dir);
            default -> throw new IOException("unknown regressor kind '" + kind + "'");
        };
    }
}
