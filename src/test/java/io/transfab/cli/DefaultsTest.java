package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.nn.MlpOptions;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.InputNormalization;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's stated defaults are the library's defaults, and the help text says so. */
class DefaultsTest {

    @Test
    void networkOptionsWithoutFlagsAreTheLibraryDefaults() {
        PretrainCommand cmd = new PretrainCommand();
        new CommandLine(cmd).parseArgs("--data", "x.csv", "--targets", "y", "--out", "o");
        assertThat(cmd.network.toOptions()).isEqualTo(MlpOptions.defaults());
    }

    @Test
    void helpStatesTheDefaultsThatApply() {
        MlpOptions d = MlpOptions.defaults();
        String help = new CommandLine(new PretrainCommand()).getUsageMessage();
        assertThat(help).contains("default: " + d.training().maxEpochs() + ")")
                .contains("default: " + d.activation().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .contains("default: " + d.training().batchSize() + ")");
        FineTuneOptions f = FineTuneOptions.defaults();
        String ft = new CommandLine(new FinetuneCommand()).getUsageMessage();
        assertThat(f.strategy()).isEqualTo(FineTuneStrategy.AUTO);
        assertThat(f.normalization()).isEqualTo(InputNormalization.TARGET);
        assertThat(ft).contains("(default: auto)").contains("default: target;")
                .contains("(default: " + f.epochs() + ")").contains("(default: " + f.l2spAlpha() + ")")
                .contains("(default: " + f.learningRate() + ")").contains("(default: " + f.frozenLayers() + ")");
    }
}
