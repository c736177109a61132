package io.transfab.workflow;

import io.transfab.data.CliNamed;
import io.transfab.model.RegressorTrainer;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import java.util.Locale;

/** The from-scratch model families of {@code train --model}. */
public enum ModelChoice implements CliNamed {
    MLP, RIDGE, GP, XGBOOST;

    /** The lower-case constant name ({@code mlp, ridge, gp, xgboost}). */
    @Override
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelChoice fromCliName(String name) {
        return CliNamed.parse(ModelChoice.class, name, "--model");
    }

    public RegressorTrainer trainer(MlpOptions mlp) {
        return switch (this) {
            case MLP -> MlpTrainer.trainer(mlp);
            case RIDGE -> RidgeRegressionTrainer.withDefaults();
            case GP -> GaussianProcessTrainer.withDefaults();
            case XGBOOST -> BoostedTreesTrainer.withDefaults();
        };
    }
}
