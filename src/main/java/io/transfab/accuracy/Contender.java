package io.transfab.accuracy;

import io.transfab.assess.Method;
import io.transfab.data.CliNamed;
import java.util.Optional;

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
    AUTO_BEFORE("auto-before", Method.AUTO),
    MLP("mlp", Method.MLP),
    RIDGE("ridge", Method.RIDGE),
    GP("gp", Method.GP),
    XGBOOST("xgboost", Method.XGBOOST),
    FULL("full", Method.FULL),
    FREEZE("freeze", Method.FREEZE),
    HEAD("head", Method.HEAD),
    L2SP("l2sp", Method.L2SP),
    AUTO("auto", Method.AUTO),
    TRANSFER_GP("transfer-gp", Method.TRANSFER_GP);

    private final String cliName;
    private final Method method;

    Contender(String cliName, Method method) {
        this.cliName = cliName;
        this.method = method;
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
