package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Finetune;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fine-tunes a pre-trained model on the small target table. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Adapt a pre-trained model to the target table. --strategy auto (default) compares full, "
                + "freeze, head, l2sp, transfer-gp and a from-scratch network by inner cross-validation and reports "
                + "its choice.")
final class FinetuneCommand implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Model directory from pretrain.")
    Path base;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--strategy", description = "full, freeze, head, l2sp, transfer-gp, adapter (per-domain adapters "
            + "on the frozen network; needs --domain) or auto, which considers adapter only with --domain (default: auto).")
    String strategy;

    @Option(names = "--normalize", description = "Statistics that standardise the target inputs: target (the target "
            + "rows' own) or source (the pre-trained model's) (default: target; see docs/transfer.md).")
    String normalize;

    @Option(names = "--frozen-layers", description = "Lower hidden layers frozen by 'freeze' (default: 1).")
    Integer frozenLayers;

    @Option(names = "--l2sp-alpha", description = "Pull towards the pre-trained weights for 'l2sp' "
            + "(default: 0.01).")
    Double l2spAlpha;

    @Option(names = "--lr", description = "Fine-tuning learning rate (default: 0.003).")
    Double learningRate;

    @Option(names = "--epochs", description = "Full-batch fine-tuning epochs (default: 300).")
    Integer epochs;

    @Option(names = "--ensemble", description = "Members; 0 = one per pre-trained network (default: 0).")
    Integer ensemble;

    @Mixin
    DomainOptions domains;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; --normalize is checked here. */
    Finetune.Options options() {
        return new Finetune.Options(base, data.settings(), out, strategy, normalize, frozenLayers, l2spAlpha,
                learningRate, epochs, ensemble, domains.settings(), output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Finetune.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
