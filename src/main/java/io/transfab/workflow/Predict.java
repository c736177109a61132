package io.transfab.workflow;

import io.transfab.data.CsvReader;
import io.transfab.data.MediaDataset;
import io.transfab.data.Numbers;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.model.InputCheck;
import io.transfab.model.Prediction;
import io.transfab.model.PredictionIntervals;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code predict}: the input rows plus {@code <target>_pred}, {@code <target>_std}, {@code <target>_lower}
 * and {@code <target>_upper} (and {@value #DOMAIN_STATUS} for a model with a domain column), written to
 * --out (the CLI writes it when --out is standard output).
 */
public final class Predict {
    /** Column flagging rows whose domain the model never saw (models with a domain column only). */
    public static final String DOMAIN_STATUS = "domain_status";

    private final PredictOptions options;

    private Predict(PredictOptions options) {
        this.options = options;
    }

    public static Predict of(PredictOptions options) {
        return new Predict(options);
    }

    /**
     * What was predicted: the output table (already written unless it goes to standard output), the
     * summary line, the warnings of the intervals, and R2/MAE/RMSE of every target the table holds in full.
     */
    public record Result(Table table, String summary, List<String> warnings, List<String> metrics) {
        public Result {
            warnings = List.copyOf(warnings);
            metrics = List.copyOf(metrics);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        PredictOptions o = options;
        OutputTarget target = CsvTarget.check(o.out(), OutputKind.PREDICTIONS, o.force(), o.data(), o.model());
        if (HybridModel.isHybrid(o.model())) {
            return hybrid(target, listener, cancellation);
        }
        TrainedModel m = SavedModels.tabular(o.model(), listener);
        InputCheck.Aligned aligned = InputCheck.alignUnits(CsvReader.read(o.data()), m.schema());
        aligned.conversions().forEach(c -> listener.log("note: " + c));
        Table table = aligned.table();
        InputCheck.Result check = InputCheck.check(m, table);
        if (o.strict()) {
            InputCheck.requireInside(check, table);
        }
        cancellation.check();
        PredictionIntervals pi = m.predictIntervals(table, o.unseenDomain(), o.level());
        InputCheck.requireFinite(pi.prediction(), check, m, table, m.schema().targetNames());
        listener.log(check.summary());
        table = table.withColumns(check.columnNames(), check.cells());
        return write(target, table, m.schema().targetNames(), pi, m.domainColumn() != null ? pi.unseen() : null,
                m.method(), listener);
    }

    private Result hybrid(OutputTarget target, JobListener listener, Cancellation cancellation) throws IOException {
        HybridModel m = SavedModels.hybrid(options.model(), listener);
        Table table = TableSettings.withMediaRoot(CsvReader.read(options.data()), options.mediaRoot());
        List<String> targets = m.schema().targetNames();
        Prediction p = m.predict(MediaDataset.featuresOnly(table, m.schema()), cancellation.watching(listener));
        PredictionIntervals pi = PredictionIntervals.of(new TrainedModel.DomainPrediction(p, new boolean[p.rows()],
                List.of()), p, null, null, options.level(), targets);
        return write(target, table, targets, pi, null, m.method(), listener);
    }

    /**
     * The input rows plus the prediction columns (and {@value #DOMAIN_STATUS} when {@code unseen} is given),
     * written to --out unless that is standard output. Tabular and hybrid models share it.
     *
     * @param target the checked --out, null for standard output
     * @param unseen per row whether its domain is new to the model; null for a model without a domain column
     */
    private Result write(OutputTarget target, Table table, List<String> targets, PredictionIntervals pi,
            boolean[] unseen, String method, JobListener listener) throws IOException {
        Prediction p = pi.prediction();
        List<String> names = new ArrayList<>();
        for (String t : targets) {
            names.add(t + "_pred");
            names.add(t + "_std");
            names.addAll(Intervals.names(t));
        }
        if (unseen != null) {
            names.add(DOMAIN_STATUS);
        }
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                row.add(Numbers.format(p.mean()[i][t]));
                row.add(Numbers.format(p.std()[i][t]));
                row.addAll(Intervals.values(pi, i, t));
            }
            if (unseen != null) {
                row.add(unseen[i] ? "unseen" : "known");
            }
            values.add(row);
        }
        Table output = table.withColumns(names, values);
        if (target != null) {
            Outputs.writeCsv(target, output).forEach(listener::info);
        }
        String where = CsvTarget.name(options.out());
        String summary = String.format("Predicted %d rows with %s (%s, %s) -> %s", table.rowCount(), options.model(),
                method, Intervals.describe(pi), where);
        List<String> warnings = new ArrayList<>();
        for (String note : pi.notes()) {
            warnings.add("warning: " + note + (note.contains(" is not in the model") ? " (see " + DOMAIN_STATUS
                    + " in " + where + ")" : ""));
        }
        List<String> metrics = new ArrayList<>();
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
                metrics.add(String.format("  %-24s R2 %.3f  MAE %.4g  RMSE %.4g", targets.get(t), s.r2(), s.mae(),
                        s.rmse()));
            }
        }
        return new Result(output, summary, warnings, metrics);
    }
}
