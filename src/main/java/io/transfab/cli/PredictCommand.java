package io.transfab.cli;

import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Predicts a table with a saved model: the input rows plus {@code <target>_pred} and {@code <target>_std}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict new rows with a saved model; writes the input rows plus <target>_pred and "
                + "<target>_std columns. If the table also has the measured targets, prints R2/MAE/RMSE.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows to predict.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV.")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (io.transfab.model.nn.HybridModel.isHybrid(model)) {
            return HybridCommands.predict(this);
        }
        TrainedModel m = TrainedModel.load(model);
        Table table = CsvReader.read(data);
        Prediction p = m.predict(table);
        List<String> targets = m.schema().targetNames();
        List<String> names = new ArrayList<>();
        for (String t : targets) {
            names.add(t + "_pred");
            names.add(t + "_std");
        }
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                row.add(Numbers.format(p.mean()[i][t]));
                row.add(Numbers.format(p.std()[i][t]));
            }
            values.add(row);
        }
        CsvWriter.write(table.withColumns(names, values), out);
        System.out.printf("Predicted %d rows with %s (%s) -> %s%n", table.rowCount(), model, m.method(), out);
        for (int t = 0; t < targets.size(); t++) {
            int c = table.indexOf(targets.get(t));
            if (c < 0) {
                continue;
            }
            double[] measured = new double[table.rowCount()];
            boolean complete = true;
            for (int i = 0; i < measured.length; i++) {
                measured[i] = table.number(i, c);
                complete &= Double.isFinite(measured[i]);
            }
            if (complete) {
                Metrics s = Metrics.of(measured, p.meanOf(t));
                System.out.printf("  %-24s R2 %.3f  MAE %.4g  RMSE %.4g%n", targets.get(t), s.r2(), s.mae(), s.rmse());
            }
        }
        return 0;
    }
}
