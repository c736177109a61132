package io.transfab.cli;

import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.workflow.TableSettings;
import io.transfab.workflow.Summaries;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Pre-trains a network (ensemble) on the large source table. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pre-train a neural network (an ensemble of K seeded networks) on the source table.")
final class PretrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--ensemble", defaultValue = "5", description = "Networks with different seeds; their spread "
            + "is the uncertainty and fine-tuning adapts each (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Mixin
    NetworkOptions network;

    @Mixin
    DomainOptions domains;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        domains.settings().requireUsed();
        OutputTarget target = output.directory(out, OutputKind.MODEL, data.data);
        TableSettings.Loaded loaded = data.settings().load(domains.domain, CliListener.stderr());
        Table table = loaded.table();
        Schema detected = domains.settings().schema(loaded);
        if (detected.hasMedia()) {
            return HybridCommands.pretrain(this, target, table, detected); // media are probed once, here
        }
        Dataset ds = Dataset.of(table, detected);
        TableSettings.warnLeakage(ds, CliListener.stderr());
        MlpOptions options = network.toOptions();
        ProgressBar bar = common.progress();
        Map<String, Object> details = loaded.details();
        details.put("options", options);
        TrainedModel model = Training.fit(ds, domains.scheme(), domains.domain, domains.labels(table),
                MlpTrainer.trainer(options), ensemble, common.seed, details, bar);
        bar.finishLine();
        model.save(target);
        OutputOptions.printReplaced(target, System.out);
        Summaries.fit(model, ds, domains.labels(table), "Pre-trained", out).forEach(System.out::println);
        return 0;
    }
}
