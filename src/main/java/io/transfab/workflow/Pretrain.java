package io.transfab.workflow;

import io.transfab.data.Dataset;
import io.transfab.data.MediaDataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code pretrain}: a network ensemble trained on the large source table (a hybrid network when the
 * features hold image or series columns), saved as a model directory; the summary goes to
 * {@link JobListener#info}.
 */
public final class Pretrain {
    /**
     * The options of {@code pretrain}.
     *
     * @param ensemble networks with different seeds
     */
    public record Options(TableSettings table, Path out, int ensemble, NetworkSettings network,
            DomainSettings domains, boolean force, long seed) {
        public Options {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(domains, "domains");
            domains.requireUsed();
        }

        static Options of(JobParams p) {
            Integer ensemble = p.integer("ensemble");
            return new Options(TableSettings.of(p), p.output("out"), ensemble != null ? ensemble : 5,
                    NetworkSettings.of(p), DomainSettings.of(p), p.flag("force"), p.seed());
        }
    }

    private final Options options;

    private Pretrain(Options options) {
        this.options = options;
    }

    public static Pretrain of(Options options) {
        return new Pretrain(options);
    }

    /** Where the model was saved, and its method (e.g. "mlp-ensemble-5"). */
    public record Result(OutputTarget target, String method) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget target = Outputs.directory(o.out(), OutputKind.MODEL, o.force(), o.table().data());
        TableSettings.Loaded loaded = o.table().load(o.domains().domain(), listener);
        Table table = loaded.table();
        Schema detected = o.domains().schema(loaded);
        Progress progress = cancellation.watching(listener);
        cancellation.check();
        if (detected.hasMedia()) {
            // media are probed once, here
            MediaDataset data = MediaDataset.of(table, detected);
            HybridModel model = HybridTrainer.fit(data, o.network().hybridOptions(), o.ensemble(), o.seed(),
                    progress);
            cancellation.check();
            model.save(target);
            Outputs.replaced(target).forEach(listener::info);
            Hybrids.fit(model, data, "Pre-trained", o.out(), progress, listener);
            return new Result(target, model.method());
        }
        Dataset ds = Dataset.of(table, detected);
        TableSettings.warnLeakage(ds, listener);
        MlpOptions mlp = o.network().toOptions();
        Map<String, Object> details = loaded.details();
        details.put("options", mlp);
        TrainedModel model = Training.fit(ds, o.domains().scheme(), o.domains().domain(), o.domains().labels(table),
                o.table().compositions(ds, table, listener),
                MlpTrainer.trainer(mlp), o.ensemble(), o.seed(), details, progress);
        cancellation.check();
        model.save(target);
        Outputs.replaced(target).forEach(listener::info);
        Summaries.fit(model, ds, o.domains().labels(table), "Pre-trained", o.out()).forEach(listener::info);
        return new Result(target, model.method());
    }
}
