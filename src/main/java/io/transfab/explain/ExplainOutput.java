package io.transfab.explain;

import io.transfab.data.AtomicOutput;
import io.transfab.data.Column;
import io.transfab.data.CsvWriter;
import io.transfab.data.Numbers;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.report.Block;
import io.transfab.report.HtmlReport;
import io.transfab.report.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Explanation} as a directory, atomically: {@code shap.csv}, {@code importance.csv},
 * {@code explain.json}, {@code explain.html} and, in kernel mode, {@code shap_se.csv}.
 */
public final class ExplainOutput {
    /** ICE curves drawn per plot (the PD is the mean over all dependence rows). */
    static final int ICE_CURVES_DRAWN = 50;

    private ExplainOutput() {
    }

    /**
     * @param waterfallRow 0-based row of the table for the waterfall plot
     * @param settings     what the user asked for (recorded in explain.json and the report)
     */
    public static void write(Path dir, Explanation e, int waterfallRow, Map<String, Object> settings)
            throws IOException {
        write(OutputTarget.of(dir, OutputKind.EXPLANATION), e, waterfallRow, settings);
    }

    /** As {@link #write(Path, Explanation, int, Map)}, to a target the command checked before explaining. */
    public static void write(OutputTarget dir, Explanation e, int waterfallRow, Map<String, Object> settings)
            throws IOException {
        if (waterfallRow < 0 || waterfallRow >= e.shap().rowCount()) {
            throw new IllegalArgumentException("waterfall row " + waterfallRow + " outside 0.." + (e.shap().rowCount() - 1));
        }
        AtomicOutput.writeDirectory(dir, tmp -> {
            CsvWriter.write(shapTable(e, false), tmp.resolve("shap.csv"));
            if (e.shap().method() == ShapMethod.KERNEL) {
                CsvWriter.write(shapTable(e, true), tmp.resolve("shap_se.csv"));
            }
            CsvWriter.write(importanceTable(e), tmp.resolve("importance.csv"));
            Json.write(tmp.resolve("explain.json"), json(e, settings));
            report(e, waterfallRow, settings).write(tmp.resolve("explain.html"));
        });
    }

    /** One row per explained experiment and target: row, target, one column per parameter, base_value, prediction. */
    public static Table shapTable(Explanation e, boolean standardErrors) {
        ShapValues s = e.shap();
        List<String> names = new ArrayList<>(List.of("row", "target"));
        names.addAll(s.players());
        names.add("base_value");
        names.add("prediction");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.rowCount(); i++) {
            for (int t = 0; t < s.targets().size(); t++) {
                List<String> r = new ArrayList<>();
                r.add(Integer.toString(i));
                r.add(s.targets().get(t));
                for (int j = 0; j < s.players().size(); j++) {
                    r.add(Numbers.format(standardErrors ? s.standardError(i, t, j) : s.value(i, t, j)));
                }
                r.add(Numbers.format(s.baseValue(t)));
                r.add(Numbers.format(s.prediction(i, t)));
                rows.add(r);
            }
        }
        return Table.of(standardErrors ? "shap_se" : "shap", names, java.util.Collections.nCopies(names.size(), ""),
                rows);
    }

    /** target, parameter, mean_abs_shap with its interval, permutation importance with its spread, rank. */
    public static Table importanceTable(Explanation e) {
        List<String> names = List.of("target", "parameter", "mean_abs_shap", "mean_abs_shap_lo", "mean_abs_shap_hi",
                "perm_importance", "perm_importance_sd", "rank");
        List<List<String>> rows = new ArrayList<>();
        ShapValues s = e.shap();
        for (int t = 0; t < s.targets().size(); t++) {
            int[] rank = e.importance().ranking(t);
            for (int k = 0; k < rank.length; k++) {
                final int j = rank[k];
                final int tf = t;
                rows.add(List.of(s.targets().get(t), s.players().get(j), Numbers.format(e.importance().mean(t, j)),
                        Numbers.format(e.importance().lower(t, j)), Numbers.format(e.importance().upper(t, j)),
                        e.permutation().map(pi -> Numbers.format(pi.increase(tf, j))).orElse(""),
                        e.permutation().map(pi -> Numbers.format(pi.spread(tf, j))).orElse(""), Integer.toString(k + 1)));
            }
        }
        return Table.of("importance", names, java.util.Collections.nCopies(names.size(), ""), rows);
    }

    private static Map<String, Object> json(Explanation e, Map<String, Object> settings) {
        ShapValues s = e.shap();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "transfab-explain");
        root.put("settings", settings);
        root.put("method", s.method().name().toLowerCase(java.util.Locale.ROOT));
        root.put("players", s.players());
        List<String> media = new ArrayList<>();
        for (int j = 0; j < e.players().count(); j++) {
            if (e.players().isMedia(j)) {
                media.add(s.players().get(j));
            }
        }
        if (!media.isEmpty()) {
            root.put("mediaPlayers", media);
        }
        root.put("targets", s.targets());
        root.put("rowsExplained", s.rowCount());
        root.put("background", Map.of("source", e.background().source(), "rows", e.background().rowCount()));
        root.put("modelRowsEvaluated", s.evaluations());
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("maxAdditivityError", s.maxAdditivityError());
        err.put("maxStandardError", s.maxStandardError());
        Map<String, Object> perTarget = new LinkedHashMap<>();
        for (int t = 0; t < s.targets().size(); t++) {
            double sum = 0;
            double max = 0;
            for (double[] r : s.standardErrors(t)) {
                for (double v : r) {
                    sum += v;
                    max = Math.max(max, v);
                }
            }
            perTarget.put(s.targets().get(t), Map.of("meanStandardError", sum / (s.rowCount() * s.players().size()),
                    "maxStandardError", max));
        }
        err.put("perTarget", perTarget);
        err.put("note", s.method() == ShapMethod.EXACT
                ? "exact enumeration of all coalitions: no sampling error given the background"
                : "Kernel SHAP: standard errors per value in shap_se.csv (sandwich estimate over coalition pairs)");
        root.put("errors", err);
        Map<String, Object> perm = new LinkedHashMap<>();
        if (e.permutation().isPresent()) {
            PermutationImportance p = e.permutation().get();
            perm.put("repeats", p.repeats());
            Map<String, Double> base = new LinkedHashMap<>();
            for (int t = 0; t < s.targets().size(); t++) {
                base.put(s.targets().get(t), p.baselineRmse(t));
            }
            perm.put("baselineRmse", base);
        } else {
            perm.put("skipped", e.permutationNote());
        }
        root.put("permutationImportance", perm);
        root.put("seconds", e.seconds());
        return root;
    }

    private static String label(Explanation e, int player) {
        return e.players().column(player).label();
    }

    private static String targetLabel(Explanation e, int t) {
        return e.schema().targets().get(t).label();
    }

    static HtmlReport report(Explanation e, int row, Map<String, Object> settings) {
        ShapValues s = e.shap();
        int p = s.players().size();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.Paragraph.of("Which manufacturing parameters drive each predicted property. A Shapley value "
                + "is how much one parameter moves one prediction away from the base value (the mean prediction over "
                + "the background rows), in the property's own units; the values of an experiment add up to its "
                + "prediction."));
        Map<String, String> kv = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : settings.entrySet()) {
            kv.put(en.getKey(), String.valueOf(en.getValue()));
        }
        kv.put("method", s.method() == ShapMethod.EXACT ? "exact (all 2^" + p + " coalitions)"
                : "Kernel SHAP (sampled coalitions; max standard error " + io.transfab.data.Numbers.format(
                        s.maxStandardError()) + ")");
        kv.put("background", e.background().source());
        kv.put("rows explained", Integer.toString(s.rowCount()));
        kv.put("model rows evaluated", Long.toString(s.evaluations()));
        kv.put("largest additivity error", String.format(java.util.Locale.ROOT, "%.2g", s.maxAdditivityError()));
        e.seconds().forEach((k, v) -> kv.put("time: " + k, String.format(java.util.Locale.ROOT, "%.2f s", v)));
        blocks.add(Block.KeyValues.of(kv));

        double[][] x = e.x();
        double[][] colour = colour(e, x);
        blocks.add(Block.Heading.of(1, "Importance"));
        for (int t = 0; t < s.targets().size(); t++) {
            String tl = targetLabel(e, t);
            String unit = e.schema().targets().get(t).unit();
            int[] rank = e.importance().ranking(t);
            List<String> labels = new ArrayList<>();
            double[] mean = new double[p];
            double[] lo = new double[p];
            double[] hi = new double[p];
            double[][] vals = s.values(t);
            double[][] sorted = new double[vals.length][p];
            double[][] colSorted = new double[vals.length][p];
            for (int k = 0; k < p; k++) {
                int j = rank[k];
                labels.add(s.players().get(j));
                mean[k] = e.importance().mean(t, j);
                lo[k] = e.importance().lower(t, j);
                hi[k] = e.importance().upper(t, j);
                for (int i = 0; i < vals.length; i++) {
                    sorted[i][k] = vals[i][j];
                    colSorted[i][k] = colour[i][j];
                }
            }
            String u = unit.isEmpty() ? "" : " [" + unit + "]";
            List<Block.Figure> figs = new ArrayList<>();
            figs.add(Block.Figure.of(Plots.beeswarm("SHAP summary: " + s.targets().get(t), "Shapley value" + u, labels,
                    sorted, colSorted), "Each dot is one experiment: how far this parameter moves its predicted "
                    + tl + " from the base value " + readable(s.baseValue(t)) + ". Colour: the parameter's value "
                    + "(blue low, vermillion high)."));
            figs.add(Block.Figure.of(Plots.bars("Mean |SHAP|: " + s.targets().get(t), "mean |Shapley value|" + u, labels,
                    mean, lo, hi), "Average size of each parameter's effect on " + tl + " with a "
                    + Math.round(e.importance().level() * 100) + " % bootstrap interval over the explained rows."));
            if (e.permutation().isPresent()) {
                PermutationImportance pi = e.permutation().get();
                double[] inc = new double[p];
                double[] ilo = new double[p];
                double[] ihi = new double[p];
                for (int k = 0; k < p; k++) {
                    inc[k] = pi.increase(t, rank[k]);
                    double sd = pi.spread(t, rank[k]);
                    ilo[k] = inc[k] - sd;
                    ihi[k] = inc[k] + sd;
                }
                figs.add(Block.Figure.of(Plots.bars("Permutation importance: " + s.targets().get(t),
                        "RMSE increase" + u, labels, inc, ilo, ihi), "Increase in RMSE of " + tl + " on these rows "
                        + "when the parameter is shuffled (mean ± 1 sd over " + pi.repeats() + " shuffles; baseline "
                        + "RMSE " + readable(pi.baselineRmse(t)) + ")."));
            }
            blocks.add(Block.Heading.of(2, tl));
            blocks.add(Block.FigureGrid.of(figs));
        }
        if (e.permutation().isEmpty()) {
            blocks.add(Block.Note.info("No permutation importance: " + e.permutationNote() + "."));
        }

        blocks.add(Block.Heading.of(1, "Dependence"));
        blocks.add(Block.Paragraph.of("Partial dependence (thick line): the mean prediction as one parameter is swept "
                + "with every other parameter kept as in each experiment; thin lines are single experiments (ICE). "
                + "Crossing or fanning thin lines mean the parameter's effect depends on the others."));
        for (int t = 0; t < s.targets().size(); t++) {
            List<Block.Figure> figs = new ArrayList<>();
            for (int j : e.topPlayers(t)) {
                PartialDependence.OneWay d = e.dependence(j).orElseThrow();
                double[][] ice = d.ice(t);
                double[][] drawn = java.util.Arrays.copyOf(ice, Math.min(ICE_CURVES_DRAWN, ice.length));
                String xl = label(e, j) + (d.grid().categorical() ? " (" + categoryKey(d.grid()) + ")" : "");
                figs.add(Block.Figure.of(Plots.dependence(s.targets().get(t) + " vs " + s.players().get(j), xl,
                        targetLabel(e, t), d.grid().axis(), drawn, d.pd(t)), "Partial dependence and ICE of "
                        + s.targets().get(t) + " on " + s.players().get(j) + "."));
            }
            if (e.twoWay(t).isPresent()) {
                PartialDependence.TwoWay tw = e.twoWay(t).get();
                String xl = label(e, tw.first().player()) + (tw.first().categorical() ? " (" + categoryKey(tw.first())
                        + ")" : "");
                String yl = label(e, tw.second().player()) + (tw.second().categorical() ? " ("
                        + categoryKey(tw.second()) + ")" : "");
                figs.add(Block.Figure.of(Plots.heatmap("Two-way PD: " + s.targets().get(t), xl, yl, targetLabel(e, t),
                        tw.first().axis(), tw.second().axis(), tw.pd(t)), "Mean predicted " + s.targets().get(t)
                        + " over both top parameters at once; curved or tilted colour bands show an interaction."));
            }
            blocks.add(Block.Heading.of(2, targetLabel(e, t)));
            blocks.add(Block.FigureGrid.of(figs));
        }

        blocks.add(Block.Heading.of(1, "Experiment " + row));
        List<Block.Figure> figs = new ArrayList<>();
        for (int t = 0; t < s.targets().size(); t++) {
            int[] rank = e.importance().ranking(t);
            List<String> labels = new ArrayList<>();
            double[] c = new double[p];
            for (int k = 0; k < p; k++) {
                int j = rank[k];
                labels.add(e.players().isMedia(j) ? s.players().get(j) + " (this row's)"
                        : s.players().get(j) + " = " + valueText(e, x[row], j));
                c[k] = s.value(row, t, j);
            }
            String unit = e.schema().targets().get(t).unit();
            figs.add(Block.Figure.of(Plots.waterfall("Row " + row + ": " + s.targets().get(t), s.targets().get(t)
                    + (unit.isEmpty() ? "" : " [" + unit + "]"), labels, c, s.baseValue(t), s.prediction(row, t)),
                    "From the base value to the prediction of experiment " + row + " (0-based data row), one "
                    + "parameter at a time."));
        }
        blocks.add(Block.FigureGrid.of(figs));
        return HtmlReport.of("Explanations: what drives each property", "transfab explain", blocks);
    }

    private static String categoryKey(PartialDependence.Grid g) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < g.labels().size(); k++) {
            parts.add(k + " = " + g.labels().get(k));
        }
        return String.join(", ", parts);
    }

    private static String valueText(Explanation e, double[] row, int player) {
        Column c = e.players().column(player);
        int[] cols = e.players().group(player);
        if (c.type() == io.transfab.data.ColumnType.CATEGORICAL) {
            for (int k = 0; k < cols.length; k++) {
                if (row[cols[k]] == 1.0) {
                    return c.categories().get(k);
                }
            }
            return "?";
        }
        return Numbers.format(row[cols[0]]);
    }

    /** Each numeric parameter min-max scaled over the explained rows; categories by their index. */
    private static double[][] colour(Explanation e, double[][] x) {
        int p = e.players().count();
        double[][] c = new double[x.length][p];
        for (int j = 0; j < p; j++) {
            if (e.players().isMedia(j)) { // an image or a series has no value on a colour scale
                for (double[] r : c) {
                    r[j] = 0.5;
                }
                continue;
            }
            int[] cols = e.players().group(j);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (cols.length == 1) {
                    v[i] = x[i][cols[0]];
                } else {
                    v[i] = Double.NaN;
                    for (int k = 0; k < cols.length; k++) {
                        if (x[i][cols[k]] == 1.0) {
                            v[i] = k;
                        }
                    }
                }
                if (Double.isFinite(v[i])) {
                    lo = Math.min(lo, v[i]);
                    hi = Math.max(hi, v[i]);
                }
            }
            for (int i = 0; i < x.length; i++) {
                c[i][j] = hi > lo ? (v[i] - lo) / (hi - lo) * 0.999999 : 0.5;
            }
        }
        return c;
    }

    /** Four significant digits for prose (the CSV files keep full precision). */
    private static String readable(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
