package io.transfab.workflow;

import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code train}: a model trained from scratch on one table, saved as a model directory. */
public final class Train {
    private final TrainOptions options;

    private Train(TrainOptions options) {
        this.options = options;
    }

    public static Train of(TrainOptions options) {
        return new Train(options);
    }

    /** The saved model and the summary the CLI prints (replaced output, fit per target). */
    public record Result(TrainedModel model, OutputTarget target, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        TrainOptions o = options;
        OutputTarget target = Outputs.directory(o.out(), OutputKind.MODEL, o.force(), o.table().data());
        TableSettings.Loaded loaded = o.table().load(o.domains().domain(), listener);
        Table table = loaded.table();
        Dataset ds = Dataset.of(table, o.domains().schema(loaded));
        TableSettings.warnLeakage(ds, listener);
        Map<String, Object> details = loaded.details();
        if (o.model() == ModelChoice.MLP) {
            details.put("options", o.network().toOptions());
        }
        cancellation.check();
        TrainedModel m = Training.fit(ds, o.domains().scheme(), o.domains().domain(), o.domains().labels(table),
                o.table().compositions(ds, table, listener),
                o.model().trainer(o.network().toOptions()), o.members(), o.seed(), details,
                cancellation.watching(listener));
        cancellation.check();
        m.save(target);
        List<String> summary = new ArrayList<>(Outputs.replaced(target));
        summary.addAll(Summaries.fit(m, ds, o.domains().labels(table), "Trained", o.out()));
        return new Result(m, target, summary);
    }
}
