package io.transfab.workflow;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import io.transfab.model.UnseenDomainRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Human-readable summaries of the training use cases (the CLI prints them on standard output). */
public final class Summaries {
    private Summaries() {
    }

    /**
     * One line naming the model, rows and output, then one per target with the fit on the training rows
     * (optimistic, says so).
     *
     * @param labels each row's domain label (null without a domain column)
     */
    public static List<String> fit(TrainedModel model, Dataset data, String[] labels, String verb, Path out) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s %s on %d rows x %d features (%s) -> %s", verb, model.method(), data.size(),
                data.schema().features().size(), data.source(), out));
        Prediction p = model.predictEncoded(data.x(), model.domainColumn() == null ? null : labels,
                UnseenDomainRule.POOLED).prediction();
        lines.addAll(targetFits(data.y(), p, data.schema().targetNames()));
        return lines;
    }

    /**
     * One line per target: R2 and RMSE of the predictions {@code p} against the measured training
     * targets {@code y} (rows by targets), marked optimistic because the rows were seen in training.
     */
    public static List<String> targetFits(double[][] y, Prediction p, List<String> targetNames) {
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < y[0].length; t++) {
            double[] measured = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                measured[i] = y[i][t];
            }
            Metrics m = Metrics.of(measured, p.meanOf(t));
            lines.add(String.format("  %-26s training-set R2 %.3f  RMSE %.4g (optimistic: rows seen in training)",
                    targetNames.get(t), m.r2(), m.rmse()));
        }
        return lines;
    }
}
