package io.transfab.cli;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import io.transfab.model.UnseenDomainRule;
import java.nio.file.Path;
import java.util.List;

/** Human-readable summaries printed by the training commands. */
final class Summaries {
    private Summaries() {
    }

    /** One line per target with the fit on the training rows (optimistic, says so). */
    static void printFit(TrainedModel model, Dataset data, String verb, Path out) {
        printFit(model, data, null, verb, out);
    }

    /** {@link #printFit} with each row's domain label (null without a domain column). */
    static void printFit(TrainedModel model, Dataset data, String[] labels, String verb, Path out) {
        System.out.printf("%s %s on %d rows x %d features (%s) -> %s%n", verb, model.method(), data.size(),
                data.schema().features().size(), data.source(), out);
        Prediction p = model.predictEncoded(data.x(), model.domainColumn() == null ? null : labels,
                UnseenDomainRule.POOLED).prediction();
        printTargetFits(data.y(), p, data.schema().targetNames());
    }

    /**
     * One line per target: R2 and RMSE of the predictions {@code p} against the measured training
     * targets {@code y} (rows by targets), marked optimistic because the rows were seen in training.
     */
    static void printTargetFits(double[][] y, Prediction p, List<String> targetNames) {
        for (int t = 0; t < y[0].length; t++) {
            double[] measured = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                measured[i] = y[i][t];
            }
            Metrics m = Metrics.of(measured, p.meanOf(t));
            System.out.printf("  %-26s training-set R2 %.3f  RMSE %.4g (optimistic: rows seen in training)%n",
                    targetNames.get(t), m.r2(), m.rmse());
        }
    }
}
