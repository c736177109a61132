package io.transfab.model.boost;

import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import io.transfab.model.RegressorTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits {@link BoostedTrees}: one squared-error XGBoost booster per output column, single-threaded
 * and seeded with the fit's seed, so the same seed gives bit-identical boosters and each column's
 * booster does not depend on the other columns.
 */
public final class BoostedTreesTrainer implements RegressorTrainer {
    private final BoostOptions options;

    private BoostedTreesTrainer(BoostOptions options) {
        this.options = options;
    }

    public static BoostedTreesTrainer of(BoostOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new BoostedTreesTrainer(options);
    }

    /** A trainer with {@link BoostOptions#defaults()}. */
    public static BoostedTreesTrainer withDefaults() {
        return of(BoostOptions.defaults());
    }

    public BoostOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return BoostedTrees.KIND;
    }

    @Override
    public BoostedTrees fit(double[][] x, double[][] y, long seed, Progress progress) {
        int inputs = Matrices.columns(x, "x");
        int outputCount = Matrices.columns(y, "y");
        if (y.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        Map<String, Object> params = options.xgboostParameters(seed);
        List<Booster> boosters = new ArrayList<>(outputCount);
        try {
            for (int t = 0; t < outputCount; t++) {
                float[] label = new float[y.length];
                for (int i = 0; i < y.length; i++) {
                    label[i] = (float) y[i][t];
                }
                // a fresh matrix per output, so nothing cached from another column can leak in
                DMatrix m = Xgb.matrix(x);
                try {
                    m.setLabel(label);
                    boosters.add(XGBoost.train(m, params, options.rounds(), Map.of(), null, null));
                } finally {
                    m.dispose();
                }
                progress.update("xgboost", t + 1, outputCount);
            }
        } catch (XGBoostError e) {
            throw Xgb.failure("train", e);
        }
        return new BoostedTrees(inputs, options, boosters);
    }
}
