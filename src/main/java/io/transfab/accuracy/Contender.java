package io.transfab.accuracy;

import io.transfab.assess.Method;
import io.transfab.model.gp.KernelChoice;
import io.transfab.data.CliNamed;
import io.transfab.transfer.AutoOptions;
import io.transfab.transfer.FineTuneOptions;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the accuracy harness trains on each split: transfab's default, the two plain reference peers
 * of issue 13, the assess recommendation rule, or one of assess's methods on its own (for the
 * per-component measurements of docs/accuracy.md).
 */
public enum Contender implements CliNamed {
    /**
     * transfab's default: {@code finetune --strategy auto} with the pre-trained ensemble where the task
     * has a source; without one, the {@link #ASSESS_RULE} among the non-transfer methods (what
     * {@code assess --sizes all} recommends without --source).
     */
    DEFAULT("default", null),
    /** {@link PlainGp}. */
    PLAIN_GP("plain-gp", null),
    /** {@link PlainFineTune}; needs a source. */
    PLAIN_FINETUNE("plain-finetune", null),
    /**
     * assess's recommendation rule on the draw: a 5-fold CV of the assessed methods on the training
     * rows (all ten tabular methods with a source, the four non-transfer ones without) and assess's
     * one-standard-error rule over the folds, then the chosen method trained on all of them.
     */
    ASSESS_RULE("assess-rule", null),
    /** {@code finetune --strategy auto} as it was before issue 13 ({@link io.transfab.transfer.AutoOptions#before()}). */
    AUTO_BEFORE("auto-before", Method.AUTO, o -> o.withAuto(AutoOptions.before())),
    MLP("mlp", Method.MLP),
    RIDGE("ridge", Method.RIDGE),
    GP("gp", Method.GP),
    /** {@code gp} with one length scale shared by every input ({@link KernelChoice#ISOTROPIC}). */
    GP_ISO("gp-iso", null),
    /** {@code gp} with the kernel chosen by the Laplace evidence on the training rows ({@link KernelChoice#EVIDENCE}). */
    GP_EVIDENCE("gp-evidence", null),
    /** {@code gp} with the kernel chosen by the BIC on the training rows ({@link KernelChoice#BIC}). */
    GP_BIC("gp-bic", null),
    XGBOOST("xgboost", Method.XGBOOST),
    FULL("full", Method.FULL),
    FREEZE("freeze", Method.FREEZE),
    HEAD("head", Method.HEAD),
    L2SP("l2sp", Method.L2SP),
    AUTO("auto", Method.AUTO),
    TRANSFER_GP("transfer-gp", Method.TRANSFER_GP),
    /** {@code full} at a third of the learning rate (the plain fine-tune's 1e-3). */
    FULL_SLOW("full-slow", Method.FULL, o -> o.withLearningRate(o.learningRate() / 3)),
    // auto variants, one component each on top of AutoOptions.defaults() (docs/accuracy-components.md)
    /** Every GP of auto with one shared length scale. */
    AUTO_ISO("auto-iso", Method.AUTO, o -> o.withAuto(o.auto().withIsotropicGp(true))),
    /** An isotropic GP as a candidate beside the ARD one. */
    AUTO_ISO_CANDIDATE("auto-iso-candidate", Method.AUTO, o -> o.withAuto(o.auto().withIsotropicCandidate(true))),
    /** The plain fine-tune's schedule as a candidate ({@code full-gentle}). */
    AUTO_GENTLE("auto-gentle", Method.AUTO, o -> o.withAuto(o.auto().withGentleCandidate(true))),
    /** The Huber loss for auto's networks where the training rows have outliers. */
    AUTO_HUBER("auto-huber", Method.AUTO, o -> o.withAuto(o.auto().withHuberOnOutliers(true))),
    /** A noise floor of 5 % of the target variance for auto's GPs where the training rows have outliers. */
    AUTO_FLOOR("auto-floor", Method.AUTO, o -> o.withAuto(o.auto().withNoiseFloor(0.05))),
    /** A GP on the log target as a candidate for positive right-skewed targets. */
    AUTO_LOG("auto-log", Method.AUTO, o -> o.withAuto(o.auto().withLogTarget(true))),
    /** A GP on the normal scores of the target as a candidate for bounded targets. */
    AUTO_RANK("auto-rank", Method.AUTO, o -> o.withAuto(o.auto().withRankTarget(true))),
    /** L2-SP strength and epochs chosen by the inner CV. */
    AUTO_GRID("auto-grid", Method.AUTO, o -> o.withAuto(o.auto().withL2spGrid(true))),
    /** Every GP of auto chooses ARD or isotropic by the Laplace evidence on its training rows. */
    AUTO_EVIDENCE("auto-evidence", Method.AUTO, o -> o.withAuto(o.auto().withGpKernel(KernelChoice.EVIDENCE))),
    /** Every GP of auto chooses ARD or isotropic by the BIC on its training rows. */
    AUTO_BIC("auto-bic", Method.AUTO, o -> o.withAuto(o.auto().withGpKernel(KernelChoice.BIC))),
    /** Both new candidates: gp-iso and full-gentle. */
    AUTO_ISO_GENTLE("auto-iso-gentle", Method.AUTO, o -> o.withAuto(o.auto().withIsotropicCandidate(true).withGentleCandidate(true)));

    private final String cliName;
    private final Method method;
    private final UnaryOperator<FineTuneOptions> variant;

    Contender(String cliName, Method method) {
        this(cliName, method, null);
    }

    Contender(String cliName, Method method, UnaryOperator<FineTuneOptions> variant) {
        this.cliName = cliName;
        this.method = method;
        this.variant = variant;
    }

    /** For a variant of transfab's options: its options, from the defaults {@code defaults}. */
    public Optional<FineTuneOptions> variantOf(FineTuneOptions defaults) {
        return variant == null ? Optional.empty() : Optional.of(variant.apply(defaults));
    }

    @Override
    public String cliName() {
        return cliName;
    }

    /** The assess method this contender trains, where it is one. */
    public Optional<Method> method() {
        return Optional.ofNullable(method);
    }

    /** Whether it cannot run without a source table. */
    public boolean needsSource() {
        return this == PLAIN_FINETUNE || (method != null && method.isTransfer());
    }

    /** Column heading in the comparison table. */
    public String heading() {
        return switch (this) {
            case DEFAULT -> "transfab default";
            case PLAIN_GP -> "plain GP";
            case PLAIN_FINETUNE -> "plain fine-tune";
            case ASSESS_RULE -> "assess rule";
            default -> cliName;
        };
    }

    public static Contender fromCliName(String name) {
        return CliNamed.parse(Contender.class, name, "contender");
    }
}
