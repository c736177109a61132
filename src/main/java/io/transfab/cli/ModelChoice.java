package io.transfab.cli;

import io.transfab.model.RegressorTrainer;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import java.util.Locale;

/** The from-scratch model families of {@code train --model}. */
enum ModelChoice {
    MLP, RIDGE, GP, XGBOOST;

    static ModelChoice fromCliName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --model '" + name + "'; choose mlp, ridge, gp or xgboost");
        }
    }

    RegressorTrainer trainer(MlpOptions mlp) {
        return switch (this) {
            case MLP -> MlpTrainer.trainer(mlp);
            case RIDGE -> RidgeRegressionTrainer.withDefaults();
            case GP -> GaussianProcessTrainer.withDefaults();
            case XGBOOST -> BoostedTreesTrainer.withDefaults();
        };
    }
}
