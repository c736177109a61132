package io.transfab.workflow;

import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import java.nio.file.Path;
import java.util.List;

/**
 * How use cases load a saved model: the model's own loader, then what it found worth telling (e.g. a
 * model saved before checksums, which cannot be checked for damage) logged as "warning: ...".
 */
public final class SavedModels {
    private SavedModels() {
    }

    /** A tabular model directory (see {@link TrainedModel#load}). */
    public static TrainedModel tabular(Path dir, JobListener log) {
        TrainedModel m = TrainedModel.load(dir);
        warn(m.loadWarnings(), log);
        return m;
    }

    /** A hybrid model directory (see {@link HybridModel#load}). */
    public static HybridModel hybrid(Path dir, JobListener log) {
        HybridModel m = HybridModel.load(dir);
        warn(m.loadWarnings(), log);
        return m;
    }

    private static void warn(List<String> warnings, JobListener log) {
        for (String w : warnings) {
            log.log("warning: " + w);
        }
    }
}
