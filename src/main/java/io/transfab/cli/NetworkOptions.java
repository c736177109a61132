package io.transfab.cli;

import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.workflow.NetworkSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Architecture and training options of a network trained from scratch (pretrain, train --model
 * mlp). An option left out takes its value from {@link MlpOptions#defaults()}.
 */
final class NetworkOptions {
    private static final MlpOptions DEFAULTS = MlpOptions.defaults();
    private static final TrainingOptions TRAINING = DEFAULTS.training();

    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Hidden layer sizes (default: 64,64).")
    List<Integer> hidden;

    @Option(names = "--activation", description = "relu, tanh, silu or gelu (default: relu).")
    String activation;

    @Option(names = "--epochs", description = "Maximum epochs (default: 300).")
    Integer epochs;

    @Option(names = "--lr", description = "Adam learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--batch-size", description = "Mini-batch size; 0 = full batch (default: 32).")
    Integer batchSize;

    @Option(names = "--dropout", description = "Dropout rate (default: 0).")
    Double dropout;

    @Option(names = "--weight-decay", description = "Decoupled (AdamW) weight decay (default: 0.0001).")
    Double weightDecay;

    @Option(names = "--validation", description = "Share of rows held out for early stopping; 0 trains all "
            + "epochs (default: 0.15).")
    Double validation;

    @Option(names = "--patience", description = "Epochs without validation improvement before stopping "
            + "(default: 30).")
    Integer patience;

    /** The options as the use cases take them. */
    NetworkSettings settings() {
        return new NetworkSettings(hidden, activation, epochs, learningRate, batchSize, dropout, weightDecay,
                validation, patience);
    }

    MlpOptions toOptions() {
        return settings().toOptions();
    }
}
