package io.transfab.assess;

import io.transfab.data.Dataset;
import io.transfab.model.Compositions;
import io.transfab.model.LogRatio;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Progress;
import io.transfab.model.RegressorTrainer;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import io.transfab.transfer.GpTransfer;
import java.util.Map;

/**
 * Trains one {@link Method} on target rows, exactly as the CLI's {@code train}, {@code finetune}
 * and {@code assess} recommendation would, so that assessed and delivered models are the same.
 */
public final class MethodTrainer {
    private final TrainedModel base;
    private final MlpOptions architecture;
    private final FineTuneOptions fineTune;
    private final int ensemble;
    private final boolean calibrate;
    private final Compositions.Choice compositions;

    /**
     * @param base         the pre-trained network (ensemble) for the transfer methods
     * @param architecture the network options of the base, reused for the from-scratch MLP
     * @param fineTune     fine-tuning options (their strategy is replaced per method)
     * @param ensemble     members of every network ensemble
     */
    public MethodTrainer(TrainedModel base, MlpOptions architecture, FineTuneOptions fineTune, int ensemble) {
        this(base, architecture, fineTune, ensemble, true, Compositions.Choice.OFF);
    }

    /**
     * @param calibrate    whether the non-transfer methods get their intervals' out-of-fold calibration
     * @param compositions the composition groups of the non-transfer methods (off or declared)
     */
    private MethodTrainer(TrainedModel base, MlpOptions architecture, FineTuneOptions fineTune, int ensemble,
            boolean calibrate, Compositions.Choice compositions) {
        if (compositions.mode() == Compositions.Choice.Mode.AUTO) {
            throw new IllegalArgumentException("a trainer takes resolved composition groups (off or declared), "
                    + "not auto: the groups must not change from one draw to the next");
        }
        this.base = base;
        this.architecture = architecture;
        this.fineTune = fineTune.withEnsemble(ensemble);
        this.ensemble = ensemble;
        this.calibrate = calibrate;
        this.compositions = compositions;
    }

    /**
     * This trainer with composition inputs: the non-transfer methods turn {@code groups} (off, or
     * the groups as declared, resolved once for the whole assessment by {@link Compositions#resolve})
     * into log-ratio coordinates fitted on each draw's training rows, as {@code train} with those
     * groups would; the transfer methods take the base model's, as {@code finetune} does.
     */
    public MethodTrainer withCompositions(Compositions.Choice groups) {
        return new MethodTrainer(base, architecture, fineTune, ensemble, calibrate, groups);
    }

    /** The composition groups of the non-transfer methods (off or declared). */
    Compositions.Choice compositions() {
        return compositions;
    }

    /** The pre-trained network (null without a source). */
    TrainedModel base() {
        return base;
    }

    MlpOptions architecture() {
        return architecture;
    }

    /** The fine-tuning options, with this trainer's ensemble size. */
    FineTuneOptions fineTune() {
        return fineTune;
    }

    int ensemble() {
        return ensemble;
    }

    /** Epochs of a network in the comparator's inner cross-validation, as a fraction of the full count. */
    static final int INNER_EPOCH_DIVISOR = 4;

    /**
     * A cheaper trainer for the inner cross-validation that picks a verdict's comparator: one
     * network per fold instead of an ensemble, trained for a quarter of the epochs, and no
     * calibration refits (only the means are scored). Only the ranking of the candidates matters
     * there; the comparator itself is the fully trained model.
     */
    MethodTrainer forInnerSelection() {
        FineTuneOptions f = fineTune;
        FineTuneOptions quick = new FineTuneOptions(f.strategy(), f.normalization(), f.frozenLayers(), f.l2spAlpha(),
                f.learningRate(), Math.max(1, f.epochs() / INNER_EPOCH_DIVISOR), 1, f.innerFolds(), f.scheme(),
                f.domainColumn());
        return new MethodTrainer(base, architecture, quick, 1, false, compositions);
    }

    /** The result of training: the model and, for {@code auto}, what it chose. */
    public record Trained(TrainedModel model, String autoChoice) {
    }

    public Trained train(Method method, Dataset target, long seed, Progress progress) {
        return switch (method) {
            case MLP -> plain(fit(target, MlpTrainer.trainer(FineTuner.scratchOptions(architecture, fineTune)),
                    ensemble, seed, progress));
            case RIDGE -> plain(fit(target, RidgeRegressionTrainer.withDefaults(), 1, seed, progress));
            case GP -> plain(fit(target, GaussianProcessTrainer.withDefaults(), 1, seed, progress));
            case XGBOOST -> plain(fit(target, BoostedTreesTrainer.withDefaults(), 1, seed, progress));
            case FULL, FREEZE, HEAD, L2SP, AUTO -> {
                FineTuner.Result r = FineTuner.fineTune(base, target,
                        fineTune.withStrategy(FineTuneStrategy.fromCliName(method.cliName())), seed, progress);
                yield new Trained(r.model(), r.selection() == null ? null : r.selection().chosen());
            }
            case TRANSFER_GP -> plain(GpTransfer.fit(base, target, fineTune.normalization(), seed, progress));
            case HYBRID_TRANSFER, HYBRID_SCRATCH -> throw new IllegalArgumentException(method.cliName()
                    + " needs image or series columns among the features (see HybridAssessment)");
        };
    }

    private TrainedModel fit(Dataset target, RegressorTrainer trainer, int members, long seed, Progress progress) {
        LogRatio lr = Compositions.resolve(compositions, target.schema(), target.x()).logRatio();
        return calibrate ? Training.fit(target, NormalizationScheme.STANDARD, null, null, lr, trainer, members, seed,
                Map.of(), progress) : Training.fitUncalibrated(target, lr, trainer, members, seed, Map.of(), progress);
    }

    private static Trained plain(TrainedModel m) {
        return new Trained(m, null);
    }
}
