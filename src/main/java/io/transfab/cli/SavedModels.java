package io.transfab.cli;

import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import java.nio.file.Path;
import java.util.List;

/**
 * How commands load a saved model: the model's own loader, then what it found worth telling (e.g. a
 * model saved before checksums, which cannot be checked for damage) printed to stderr as
 * "warning: ...".
 */
final class SavedModels {
    private SavedModels() {
    }

    /** A tabular model directory (see {@link TrainedModel#load}). */
    static TrainedModel tabular(Path dir) {
        TrainedModel m = TrainedModel.load(dir);
        warn(m.loadWarnings());
        return m;
    }

    /** A hybrid model directory (see {@link HybridModel#load}). */
    static HybridModel hybrid(Path dir) {
        HybridModel m = HybridModel.load(dir);
        warn(m.loadWarnings());
        return m;
    }

    private static void warn(List<String> warnings) {
        for (String w : warnings) {
            System.err.println("warning: " + w);
        }
    }
}
