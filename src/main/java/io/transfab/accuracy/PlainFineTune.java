package io.transfab.accuracy;

import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.FineTuneSpec;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpRegressor;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import java.util.List;

/**
 * Reference peer of issue 13: a plain fine-tune as a PyTorch user would write it. One 64-64 ReLU
 * network is pre-trained on the source (inputs and target standardised on the source; transfab's
 * pre-training optimiser settings {@link TrainingOptions#defaults()}); on each draw of target rows
 * all layers are fine-tuned for {@value #STEPS} full-batch Adam steps at learning rate 1e-3 with
 * weight decay 1e-3 (decoupled, on weight matrices, as {@link MlpTrainer} does it), with inputs and
 * target standardised on the target rows. No early stopping, no ensemble, no strategy choice.
 */
public final class PlainFineTune {
    /** Full-batch fine-tuning steps. */
    static final int STEPS = 300;
    /** The pre-trained architecture: 64-64 ReLU. */
    static final MlpOptions ARCHITECTURE = new MlpOptions(List.of(64, 64), Activation.RELU, TrainingOptions.defaults());
    /** 300 full-batch steps, lr 1e-3, weight decay 1e-3, no dropout, no early stopping. */
    static final TrainingOptions FINE_TUNING = new TrainingOptions(1e-3, STEPS, 0, 1e-3, 0.0, 0.0, 1);

    private final MlpRegressor base;

    private PlainFineTune(MlpRegressor base) {
        this.base = base;
    }

    /** Pre-trains the network on the source rows (one target column). */
    public static PlainFineTune pretrain(double[][] xSource, double[] ySource, long seed) {
        Normalizer in = Normalizer.standardize(xSource);
        double[][] y = PlainGp.column(ySource);
        Normalizer out = Normalizer.standardize(y);
        return new PlainFineTune(MlpTrainer.fit(in.apply(xSource), out.apply(y), ARCHITECTURE, seed, Progress.NONE));
    }

    /** Fine-tunes a copy of the pre-trained network on the draw and predicts {@code xTest} in target units. */
    public double[] fitPredict(double[][] xTrain, double[] yTrain, double[][] xTest, long seed) {
        Normalizer in = Normalizer.standardize(xTrain);
        double[][] y = PlainGp.column(yTrain);
        Normalizer out = Normalizer.standardize(y);
        MlpRegressor tuned = MlpTrainer.fineTune(base, in.apply(xTrain), out.apply(y), FineTuneSpec.full(FINE_TUNING),
                seed, Progress.NONE);
        double[][] mean = out.invert(tuned.predict(in.apply(xTest)).mean());
        double[] p = new double[mean.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = mean[i][0];
        }
        return p;
    }
}
