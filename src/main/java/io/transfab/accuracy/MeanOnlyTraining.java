package io.transfab.accuracy;

import io.transfab.assess.Method;
import io.transfab.data.Dataset;
import io.transfab.evaluate.SourceRanges;
import io.transfab.model.Ensemble;
import io.transfab.model.InputScaling;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.TrainingRanges;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.model.gp.KernelChoice;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-transfer methods trained as {@link io.transfab.assess.MethodTrainer} and
 * {@link io.transfab.model.Training#fit} train them (same trainer, standardisation, member seeds), but
 * without the out-of-fold refits that calibrate the intervals: those change only the standard
 * deviations, never the mean the accuracy harness scores, and cost up to ten refits per model.
 * {@code MeanOnlyTrainingTest} checks that the means equal the full training's.
 */
final class MeanOnlyTraining {
    private MeanOnlyTraining() {
    }

    /** Whether {@code m} is trained here (the four non-transfer tabular methods). */
    static boolean handles(Method m) {
        return m == Method.MLP || m == Method.RIDGE || m == Method.GP || m == Method.XGBOOST;
    }

    /** Predicted means of {@code xTest} (encoded inputs) in target units, for target column 0. */
    static double[] fitPredict(Method m, int ensemble, Dataset train, double[][] xTest, long seed) {
        RegressorTrainer trainer = switch (m) {
            case MLP -> MlpTrainer.trainer(FineTuner.scratchOptions(MlpOptions.defaults(),
                    FineTuneOptions.defaults().withEnsemble(ensemble)));
            case RIDGE -> RidgeRegressionTrainer.withDefaults();
            case GP -> GaussianProcessTrainer.withDefaults();
            case XGBOOST -> BoostedTreesTrainer.withDefaults();
            default -> throw new IllegalArgumentException(m.cliName() + " is not a non-transfer tabular method");
        };
        return fit(trainer, m == Method.MLP ? ensemble : 1, train, seed).predictEncoded(xTest).meanOf(0);
    }

    /** {@link #fitPredict} of {@link Method#GP} with another {@link KernelChoice} (same seed, same standardisation). */
    static double[] fitPredictGp(KernelChoice kernel, Dataset train, double[][] xTest, long seed) {
        return fit(GaussianProcessTrainer.of(GpOptions.defaults().withKernel(kernel)), 1, train, seed)
                .predictEncoded(xTest).meanOf(0);
    }

    /**
     * {@link io.transfab.model.Training#fit} with the standard scheme, without the calibration: the same
     * standardisation, member seeds, details and provenance (the harness also pre-trains its base so).
     */
    static TrainedModel fit(RegressorTrainer trainer, int members, Dataset data, long seed) {
        double[][] x = data.x();
        InputScaling in = InputScaling.fit(NormalizationScheme.STANDARD, x, TrainedModel.numericMask(data.schema()),
                null, null);
        Normalizer out = Normalizer.fit(NormalizationScheme.STANDARD, data.y());
        double[][] xs = in.apply(x, null);
        double[][] ys = out.apply(data.y());
        Regressor r;
        if (members == 1) {
            r = trainer.fit(xs, ys, seed, Progress.NONE);
        } else {
            List<Regressor> ms = new ArrayList<>();
            for (int k = 0; k < members; k++) {
                ms.add(trainer.fit(xs, ys, Seeds.derive(seed, k), Progress.NONE));
            }
            r = Ensemble.of(ms);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ensemble", members);
        d.put("normalizationScheme", NormalizationScheme.STANDARD.cliName());
        d.put("inputRanges", SourceRanges.of(data.schema().encodedNames(), x));
        d.put(TrainingRanges.KEY, TrainingRanges.of(data.schema(), x));
        return TrainedModel.of(data.schema(), in, out, r, trainer.kind(), d,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null), null);
    }
}
