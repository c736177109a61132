package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.design.Proposal;
import io.transfab.model.Prediction;
import io.transfab.model.PredictionIntervals;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code <target>_lower}/{@code <target>_upper} columns that predict, suggest and optimize write
 * beside {@code _pred} and {@code _std} at --level (one place, so every use case names and formats them alike).
 */
public final class Intervals {
    public static final String LOWER = "_lower";
    public static final String UPPER = "_upper";

    private Intervals() {
    }

    /** The level, checked: a value outside (0, 1) is bad input. */
    public static double checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw DataException.option("--level must be in (0, 1), e.g. 0.9; got " + level);
        }
        return level;
    }

    /** {@code <t>_lower, <t>_upper} of one target. */
    public static List<String> names(String target) {
        return List.of(target + LOWER, target + UPPER);
    }

    /** Row {@code i}'s bounds of target {@code t}: numbers, "-inf"/"inf" where unbounded, "NaN" where none. */
    public static List<String> values(PredictionIntervals p, int i, int t) {
        return List.of(bound(p.lower()[i][t]), bound(p.upper()[i][t]));
    }

    private static String bound(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Numbers.format(v);
    }

    /** The notes of the intervals, one "warning: " line each. */
    public static void warn(PredictionIntervals p, JobListener log) {
        for (String note : p.notes()) {
            log.log("warning: " + note);
        }
    }

    /** "90 % conformal" or "90 % normal-theory" for a summary line. */
    public static String describe(PredictionIntervals p) {
        return String.format(Locale.ROOT, "%.4g %% %s intervals", 100 * p.level(),
                p.calibrated() ? "conformal" : "uncalibrated normal-theory");
    }

    /** The intervals at {@code level} of a proposal's predictions, warning if they are uncalibrated. */
    public static PredictionIntervals of(TrainedModel m, Proposal p, double level, JobListener log) {
        int w = p.targets().size();
        double[][] mean = new double[p.runs()][w];
        double[][] std = new double[p.runs()][w];
        for (int i = 0; i < p.runs(); i++) {
            for (int t = 0; t < w; t++) {
                mean[i][t] = p.mean(i, t);
                std[i][t] = p.std(i, t);
            }
        }
        PredictionIntervals pi = m.intervalsOf(new Prediction(mean, std), checkLevel(level));
        warn(pi, log);
        return pi;
    }

    /**
     * Writes a proposal to {@code out} (a checked CSV target) with its intervals at {@code level} beside the
     * predictions; the "replaced the previous ..." line when it replaced an earlier one.
     */
    public static List<String> writeProposal(TrainedModel m, Proposal p, OutputTarget out, double level,
            JobListener log) throws IOException {
        return Outputs.writeCsv(out, append(p.toTable(out.path().toString()), p.targets(), of(m, p, level, log)));
    }

    /** Appends lower/upper columns of every target after the given table's columns. */
    public static Table append(Table table, List<String> targets, PredictionIntervals p) {
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
