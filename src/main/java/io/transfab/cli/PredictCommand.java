package io.transfab.cli;

import io.transfab.data.CsvReader;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.model.InputCheck;
import io.transfab.model.Prediction;
import io.transfab.model.PredictionIntervals;
import io.transfab.model.TrainedModel;
import io.transfab.model.UnseenDomainRule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Predicts a table with a saved model: the input rows plus {@code <target>_pred} and {@code <target>_std}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict new rows with a saved model; writes the input rows plus <target>_pred, "
                + "<target>_std (calibrated std at 90 %), <target>_lower and <target>_upper (interval at --level) columns (and domain_status for a model with a domain column). If the table also has the measured targets, prints R2/MAE/RMSE.")
final class PredictCommand implements Callable<Integer> {
    /** Column flagging rows whose domain the model never saw (models with a domain column only). */
    static final String DOMAIN_STATUS = "domain_status";

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows to predict.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV; - writes it to "
            + "standard output (the summary then goes to standard error).")
    Path out;

    @Option(names = "--unseen-domain", paramLabel = "RULE", description = "For a model with a domain column: input "
            + "statistics of rows whose domain the model never saw: pooled (the training rows') or own-rows (their own "
            + "rows in this table, at least 5; else pooled) (default: pooled). Such rows are flagged in "
            + "domain_status and their adapter is the mean of the trained ones.")
    String unseenDomain;

    @Option(names = "--strict", description = "Refuse rows with a parameter outside the model's training range "
            + "(exit 2 naming the first row and column) instead of predicting and flagging them in "
            + InputCheck.OUTSIDE + " and " + InputCheck.EXCESS + ".")
    boolean strict;

    @Mixin
    MediaRootOptions media;

    @Mixin
    CommonOptions common;

    @Mixin
    IntervalOptions intervals;

    @Override
    public Integer call() throws Exception {
        CsvOutput.check(out, List.of(data, model));
        if (io.transfab.model.nn.HybridModel.isHybrid(model)) {
            return HybridCommands.predict(this);
        }
        TrainedModel m = SavedModels.tabular(model);
        InputCheck.Aligned aligned = InputCheck.alignUnits(CsvReader.read(data), m.schema());
        aligned.conversions().forEach(c -> System.err.println("note: " + c));
        Table table = aligned.table();
        UnseenDomainRule rule = unseenDomain == null ? UnseenDomainRule.POOLED
                : UnseenDomainRule.fromCliName(unseenDomain);
        InputCheck.Result check = InputCheck.check(m, table);
        if (strict) {
            InputCheck.requireInside(check, table);
        }
        PredictionIntervals pi = m.predictIntervals(table, rule, intervals.level());
        InputCheck.requireFinite(pi.prediction(), check, m, table, m.schema().targetNames());
        System.err.println(check.summary());
        table = table.withColumns(check.columnNames(), check.cells());
        write(table, m.schema().targetNames(), pi, m.domainColumn() != null ? pi.unseen() : null, m.method());
        return 0;
    }

    /** {@link #write(Table, List, PredictionIntervals, boolean[], String)} of a model without calibration. */
    void write(Table table, List<String> targets, Prediction p, boolean[] unseen, String method, List<String> notes)
            throws java.io.IOException {
        PredictionIntervals pi = PredictionIntervals.of(new TrainedModel.DomainPrediction(p,
                unseen != null ? unseen : new boolean[p.rows()], notes), p, null, null, intervals.level(), targets);
        write(table, targets, pi, unseen, method);
    }

    /**
     * Writes the input rows plus {@code <target>_pred}, {@code <target>_std}, {@code <target>_lower} and
     * {@code <target>_upper} (and {@value #DOMAIN_STATUS}
     * when {@code unseen} is given) to {@code --out}, then prints the summary, any notes, and R2/MAE/RMSE
     * of every target the table holds in full. Tabular and hybrid models share it.
     *
     * @param unseen per row whether its domain is new to the model; null for a model without a domain column
     */
    void write(Table table, List<String> targets, PredictionIntervals pi, boolean[] unseen, String method)
            throws java.io.IOException {
        Prediction p = pi.prediction();
        List<String> notes = pi.notes();
        List<String> names = new ArrayList<>();
        for (String t : targets) {
            names.add(t + "_pred");
            names.add(t + "_std");
            names.addAll(IntervalOptions.names(t));
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
                row.addAll(IntervalOptions.values(pi, i, t));
            }
            if (unseen != null) {
                row.add(unseen[i] ? "unseen" : "known");
            }
            values.add(row);
        }
        PrintStream info = CsvOutput.write(table.withColumns(names, values), out);
        info.printf("Predicted %d rows with %s (%s, %s) -> %s%n", table.rowCount(), model, method,
                IntervalOptions.describe(pi), CsvOutput.name(out));
        for (String note : notes) {
            System.err.println("warning: " + note + (note.contains(" is not in the model") ? " (see " + DOMAIN_STATUS
                    + " in " + CsvOutput.name(out) + ")" : ""));
        }
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
                info.printf("  %-24s R2 %.3f  MAE %.4g  RMSE %.4g%n", targets.get(t), s.r2(), s.mae(), s.rmse());
            }
        }
    }
}
