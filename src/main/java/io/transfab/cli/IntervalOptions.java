package io.transfab.cli;

import io.transfab.data.Numbers;
import io.transfab.model.PredictionIntervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --level}: the coverage of the {@code <target>_lower}/{@code <target>_upper} columns that
 * predict, suggest and optimize write beside {@code _pred} and {@code _std}, and the writing of
 * those columns (one place, so every command names and formats them alike).
 */
final class IntervalOptions {
    static final String LOWER = "_lower";
    static final String UPPER = "_upper";

    @Option(names = "--level", defaultValue = "0.9", paramLabel = "L", description = "Coverage of the "
            + "<target>_lower/<target>_upper interval columns, in (0, 1): conformal (calibrated on the model's "
            + "out-of-fold residuals) when the model has a calibration, else normal-theory (default: "
            + "${DEFAULT-VALUE}). <target>_std is the calibrated std at 90 % whatever L is.")
    double level;

    /** The level, checked: a value outside (0, 1) is bad input. */
    double level() {
        if (!(level > 0 && level < 1)) {
            throw io.transfab.data.DataException.option("--level must be in (0, 1), e.g. 0.9; got " + level);
        }
        return level;
    }

    /** {@code <t>_lower, <t>_upper} of one target. */
    static List<String> names(String target) {
        return List.of(target + LOWER, target + UPPER);
    }

    /** Row {@code i}'s bounds of target {@code t}: numbers, "-inf"/"inf" where unbounded, "NaN" where none. */
    static List<String> values(PredictionIntervals p, int i, int t) {
        return List.of(bound(p.lower()[i][t]), bound(p.upper()[i][t]));
    }

    private static String bound(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Numbers.format(v);
    }

    /** The notes of the intervals, one warning line each, on standard error. */
    static void warn(PredictionIntervals p) {
        for (String note : p.notes()) {
            System.err.println("warning: " + note);
        }
    }

    /** "90 % conformal" or "90 % normal-theory" for a summary line. */
    static String describe(PredictionIntervals p) {
        return String.format(Locale.ROOT, "%.4g %% %s intervals", 100 * p.level(),
                p.calibrated() ? "conformal" : "uncalibrated normal-theory");
    }

    /** The intervals at {@code --level} of a proposal's predictions, warning if they are uncalibrated. */
    PredictionIntervals of(io.transfab.model.TrainedModel m, io.transfab.design.Proposal p) {
        int w = p.targets().size();
        double[][] mean = new double[p.runs()][w];
        double[][] std = new double[p.runs()][w];
        for (int i = 0; i < p.runs(); i++) {
            for (int t = 0; t < w; t++) {
                mean[i][t] = p.mean(i, t);
                std[i][t] = p.std(i, t);
            }
        }
        PredictionIntervals pi = m.intervalsOf(new io.transfab.model.Prediction(mean, std), level());
        warn(pi);
        return pi;
    }

    /** Appends lower/upper columns of every target after the given table's columns. */
    static io.transfab.data.Table append(io.transfab.data.Table table, List<String> targets, PredictionIntervals p) {
        List<String> names = new ArrayList<>();
        for (String t : targets) {
            names.addAll(names(t));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                row.addAll(values(p, i, t));
            }
            rows.add(row);
        }
        return table.withColumns(names, rows);
    }
}
