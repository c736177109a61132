package io.transfab.cli;

import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a model from scratch on one table. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model from scratch on one table: mlp, ridge, gp (Matern 5/2 Gaussian process) or "
                + "xgboost.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--model", defaultValue = "gp", description = "mlp, ridge, gp or xgboost (default: "
            + "${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--ensemble", description = "Members with different seeds; prediction = mean, uncertainty = "
            + "spread (default: 5 for mlp, 1 otherwise; a GP gives its own predictive standard deviation).")
    Integer ensemble;

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
        ModelChoice choice = ModelChoice.fromCliName(model);
        OutputTarget target = output.directory(out, OutputKind.MODEL, data.data);
        domains.requireUsed();
        DataOptions.Loaded loaded = data.load(domains.domain);
        Table table = loaded.table();
        Dataset ds = Dataset.of(table, domains.schema(loaded));
        DataOptions.warnLeakage(ds);
        ProgressBar bar = common.progress();
        Map<String, Object> details = loaded.details();
        if (choice == ModelChoice.MLP) {
            details.put("options", network.toOptions());
        }
        int k = ensemble != null ? ensemble : (choice == ModelChoice.MLP ? 5 : 1);
        TrainedModel m = Training.fit(ds, domains.scheme(), domains.domain, domains.labels(table),
                choice.trainer(network.toOptions()), k, common.seed, details, bar);
        bar.finishLine();
        m.save(target);
        OutputOptions.printReplaced(target, System.out);
        Summaries.printFit(m, ds, domains.labels(table), "Trained", out);
        return 0;
    }
}
