package io.transfab.assess;

import io.transfab.data.Table;
import io.transfab.evaluate.ShiftDiagnostics;
import io.transfab.model.Provenance;
import io.transfab.model.TrainedModel;
import io.transfab.report.Block;
import io.transfab.report.CurveSeries;
import io.transfab.report.HtmlReport;
import io.transfab.report.Plots;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The assessment's HTML report and its console summary. */
public final class AssessmentReport {
    private AssessmentReport() {
    }

    /** A model as the report names it: its method and provenance (tabular and hybrid models alike). */
    record ModelInfo(String method, Provenance provenance) {
        static ModelInfo of(TrainedModel m) {
            return new ModelInfo(m.method(), m.provenance());
        }
    }

    static HtmlReport of(Summary s, AssessmentRun.Settings settings, Table source, Table target, Table test,
            TrainedModel base, TrainedModel recommended, ImportanceComparison importance, ShiftDiagnostics shift,
            List<String> compositions) {
        List<String> notes = new ArrayList<>();
        if (source == null) {
            notes.add("No --source: the non-transfer methods are compared with each other by resampling the target "
                    + "table alone.");
        }
        for (String line : compositions) {
            notes.add("Every method read the " + line
                    + " (--composition " + settings.composition() + ").");
        }
        return of(s, settings, source, target, test, base == null ? null : ModelInfo.of(base),
                ModelInfo.of(recommended), importance, shift, notes);
    }

    /**
     * @param importance null: no importance section (a note should say why)
     * @param shift      null: no shift section (a note should say why)
     * @param source     null: no source table (non-transfer methods only; base is null too)
     * @param notes      sentences shown under the summary (the hybrid path explains its methods here)
     */
    static HtmlReport of(Summary s, AssessmentRun.Settings settings, Table source, Table target, Table test,
            ModelInfo base, ModelInfo recommended, ImportanceComparison importance, ShiftDiagnostics shift,
            List<String> notes) {
        List<Block> b = new ArrayList<>();
        b.add(Block.Paragraph.of(String.format(Locale.ROOT, "Question: with only a few experiments on the target "
                + "material, does pre-training on the source data help, and how sure are we? Every method was trained "
                + "on the same seeded draws of target rows (%d repeats per size) and scored on target rows it never "
                + "saw%s. Lower RMSE and higher R2 are better.", settings.repeats(),
                test == null ? "" : " (the separate test table " + test.source() + ")")));
        b.add(Block.Note.info("Recommended: " + s.recommended().cliName() + ". " + s.recommendation()
                + ". It was trained on all " + target.rowCount() + " target rows and saved in recommended/ "
                + "(use it with 'transfab predict --model recommended')."));
        for (String n : notes) {
            b.add(Block.Note.info(n));
        }
        b.add(Block.KeyValues.of(
                "Source", source == null ? "none" : source.source() + " (" + source.rowCount() + " rows)",
                "Target", target.source() + " (" + target.rowCount() + " rows)",
                "Properties", String.join(", ", s.targets()),
                "Methods", String.join(", ", s.methods().stream().map(Method::cliName).toList()),
                "Resampling", settings.protocol() + (settings.groups() == null ? "" : " by " + settings.groups()),
                "Seed", Long.toString(settings.seed())));
        if (shift != null) {
            shiftSection(b, shift);
        }
        if (!s.curves().isEmpty()) {
            b.add(Block.Heading.of(1, "Learning curves"));
            List<Block.Figure> figs = new ArrayList<>();
            for (int t = 0; t < s.targets().size(); t++) {
                List<CurveSeries> series = new ArrayList<>();
                for (Method m : s.methods()) {
                    List<Double> x = new ArrayList<>();
                    List<double[]> v = new ArrayList<>();
                    for (var e : s.curves().entrySet()) {
                        List<Summary.TargetScores> ts = e.getValue().get(m);
                        if (ts != null) {
                            x.add((double) e.getKey());
                            Summary.Spread r2 = ts.get(t).r2();
                            v.add(new double[] {r2.median(), r2.p10(), r2.p90()});
                        }
                    }
                    if (!x.isEmpty()) {
                        series.add(CurveSeries.of(m.cliName(), x.stream().mapToDouble(Double::doubleValue).toArray(),
                                v.stream().mapToDouble(a -> a[0]).toArray(), v.stream().mapToDouble(a -> a[1])
                                        .toArray(), v.stream().mapToDouble(a -> a[2]).toArray()));
                    }
                }
                figs.add(Block.Figure.of(Plots.learningCurves(s.targets().get(t), "test R2 (median, 10-90 % band)",
                        series), "Median test R2 of " + s.targets().get(t) + " against the number of target training "
                        + "rows; the band spans the 10th to 90th percentile over the repeats."));
            }
            b.add(Block.FigureGrid.of(figs));

            verdictSection(b, s, settings);
            b.add(Block.Heading.of(1, "Median scores per size"));
            for (int t = 0; t < s.targets().size(); t++) {
                b.add(scoreTable(s, t));
            }
            if (!s.autoChoices().isEmpty()) {
                b.add(Block.Heading.of(1, "What auto chose"));
                List<List<String>> ac = new ArrayList<>();
                for (var e : s.autoChoices().entrySet()) {
                    ac.add(List.of(Integer.toString(e.getKey()), e.getValue().toString()));
                }
                b.add(Block.DataTable.of(List.of("rows", "choices over the repeats"), ac,
                        "auto's pick per draw (inner cross-validation with the one-standard-error rule)."));
            }
        }
        if (s.curves().isEmpty() && !s.resamplingVerdicts().isEmpty()) {
            verdictSection(b, s, settings);
        }
        if (!s.resampling().isEmpty()) {
            b.add(Block.Heading.of(1, "Whole-table resampling (" + settings.protocol() + ")"));
            for (int t = 0; t < s.targets().size(); t++) {
                List<List<String>> rows = new ArrayList<>();
                for (var e : s.resampling().entrySet()) {
                    Summary.PooledScores p = e.getValue().get(t);
                    rows.add(List.of(e.getKey().cliName(), withCi(p.metrics().r2(), p.intervals().get("r2")),
                            withCi(p.metrics().rmse(), p.intervals().get("rmse")),
                            withCi(p.metrics().mae(), p.intervals().get("mae")), fmt(p.coverage90()), fmt(p.msll())));
                }
                b.add(Block.DataTable.of(List.of("method", "R2 [95% CI]", "RMSE [95% CI]", "MAE [95% CI]",
                        "90% coverage", "MSLL"), rows, s.targets().get(t) + ": out-of-fold predictions of every "
                        + "target row, bootstrap 95 % intervals; coverage should be near 0.90 and MSLL below 0.",
                        List.of(Block.Best.NONE, Block.Best.MAX, Block.Best.MIN, Block.Best.MIN, Block.Best.NONE,
                                Block.Best.MIN)));
            }
            List<Block.Figure> figs = new ArrayList<>();
            for (int t = 0; t < s.targets().size(); t++) {
                double[][] pooled = pooled(s, s.recommended(), t);
                if (pooled[0].length > 0) {
                    figs.add(Block.Figure.of(Plots.parity(s.recommended().cliName() + ": " + s.targets().get(t),
                            s.targets().get(t), pooled[0], pooled[1], pooled[2]), "Out-of-fold predictions of the "
                            + "recommended method."));
                    double[] res = new double[pooled[0].length];
                    for (int i = 0; i < res.length; i++) {
                        res[i] = pooled[0][i] - pooled[1][i];
                    }
                    figs.add(Block.Figure.of(Plots.residuals(s.recommended().cliName() + ": " + s.targets().get(t),
                            s.targets().get(t), pooled[1], res), "Residual = measured - predicted."));
                }
            }
            b.add(Block.FigureGrid.of(figs));
        }
        coverageSection(b, s);
        if (importance != null) {
            importanceSection(b, importance);
        }
        b.add(Block.Heading.of(1, "Provenance"));
        b.add(Block.KeyValues.of(
                "Pre-trained model", base == null ? "none (no --source)" : base.method() + " on "
                        + base.provenance().rows() + " source rows, data SHA-256 " + base.provenance().dataSha256(),
                "Recommended model", recommended.method() + " on " + recommended.provenance().rows()
                        + " target rows, data SHA-256 " + recommended.provenance().dataSha256(),
                "Versions", recommended.provenance().versions().toString(),
                "Training time per method [s]", formatSeconds(s.seconds())));
        return HtmlReport.of("Assessment: does transfer learning help?", source == null ? target.source()
                : source.source() + " -> " + target.source(), b);
    }

    /** The verdict table (curve sizes and resampling), the comparators chosen, and how the test was run. */
    private static void verdictSection(List<Block> b, Summary s, AssessmentRun.Settings settings) {
        boolean transfer = s.methods().stream().anyMatch(Method::isTransfer);
        b.add(Block.Heading.of(1, transfer ? "Does transfer help? Verdict per size" : "Which method is better? "
                + "Verdict per size"));
        for (int size : s.verdicts().keySet()) {
            if (s.seedVariabilityOnly(size)) {
                b.add(Block.Note.info("At " + size + " rows every draw trains on the whole target table, so the "
                        + "repeats differ only in their seed: only seed variability is measured there and the "
                        + "verdict is 'not tested' (no p-value)."));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (var e : s.verdicts().entrySet()) {
            for (Summary.Verdict v : e.getValue()) {
                rows.add(verdictRow(Integer.toString(e.getKey()), v));
            }
        }
        for (Summary.Verdict v : s.resamplingVerdicts()) {
            rows.add(verdictRow("resampling", v));
        }
        String what = transfer ? "Transfer (" + (s.methods().contains(Method.HYBRID_TRANSFER) ? "hybrid-transfer"
                : "auto if assessed, else the first of l2sp, transfer-gp, freeze, full, head") + ") against "
                + (settings.baseline() != null ? "--baseline " + settings.baseline().cliName()
                        : s.methods().contains(Method.HYBRID_TRANSFER) ? "hybrid-scratch"
                                : "the non-transfer method chosen inside each draw by inner cross-validation on its "
                                        + "training rows")
                : "Every pair of methods" + (settings.baseline() != null ? " with --baseline "
                        + settings.baseline().cliName() : "");
        b.add(Block.DataTable.of(List.of("rows", "property", "comparison", "verdict", "p (corrected t)",
                "p (Holm)", "p (Wilcoxon)", "numbers behind it"), rows, what + "; the comparator is fixed before "
                + "the test. Verdicts use the Nadeau-Bengio corrected resampled t-test on the per-split RMSE (the "
                + "splits share training rows), Holm-adjusted over all " + s.testedComparisons() + " tested "
                + "comparisons at alpha = 0.05; Wilcoxon p-values are shown for reference (see docs/statistics.md)."));
        List<List<String>> choices = new ArrayList<>();
        for (int size : s.verdicts().keySet()) {
            s.comparatorChoices(size).forEach((t, c) -> choices.add(List.of(Integer.toString(size), t,
                    c.toString())));
        }
        s.comparatorChoices(Summary.RESAMPLING_KEY).forEach((t, c) -> choices.add(List.of("resampling", t,
                c.toString())));
        if (transfer && settings.baseline() == null && !s.methods().contains(Method.HYBRID_TRANSFER)
                && !choices.isEmpty()) {
            b.add(Block.DataTable.of(List.of("rows", "property", "comparator chosen over the splits"), choices,
                    String.format(Locale.ROOT, "Inner cross-validation on each split's training rows (leave-one-out "
                            + "below %d rows, else %d-fold; the mlp candidate as one network at a quarter of the "
                            + "epochs) picked the comparator; it took %.1f s in all.", BaselineSelection.LOO_BELOW,
                            BaselineSelection.FOLDS, s.selectionSeconds())));
        }
    }

    private static List<String> verdictRow(String rows, Summary.Verdict v) {
        return List.of(rows, v.target(), v.method() + " vs " + v.comparator(), v.verdict().toLowerCase(Locale.ROOT)
                .replace('_', ' '), pFmt(v.pValue()), pFmt(v.adjustedPValue()), pFmt(v.wilcoxonPValue()),
                v.sentence());
    }

    private static String pFmt(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** Calibrated and uncalibrated 90 % coverage and mean width per size, method and target. */
    private static void coverageSection(List<Block> b, Summary s) {
        var cells = CoverageReport.of(s.units(), s.targets());
        if (cells.isEmpty()) {
            return;
        }
        b.add(Block.Heading.of(1, "Interval coverage (nominal 90 %)"));
        for (int t = 0; t < s.targets().size(); t++) {
            List<List<String>> rows = new ArrayList<>();
            for (var g : cells.entrySet()) {
                for (var m : g.getValue().entrySet()) {
                    CoverageReport.Cell c = m.getValue().get(t);
                    rows.add(List.of(g.getKey(), m.getKey(), fmt(c.coverage()), fmt(c.uncalibratedCoverage()),
                            fmt(c.meanWidth()), Integer.toString(c.rows())));
                }
            }
            b.add(Block.DataTable.of(List.of("draws", "method", "90% coverage (calibrated)",
                    "90% coverage (model's own std)", "mean width", "rows"), rows, s.targets().get(t)
                    + ": share of scored rows inside the 90 % interval, pooled over the draws. Calibrated: conformal "
                    + "from each draw's own out-of-fold residuals on its training rows; model's own: mu +- 1.645 "
                    + "sigma (blank where the model gives no sigma). Mean width of the calibrated interval in "
                    + "target units."));
        }
    }

    private static void shiftSection(List<Block> b, ShiftDiagnostics shift) {
        b.add(Block.Heading.of(1, "Does the source cover the target?"));
        for (String w : shift.warnings()) {
            b.add(Block.Note.warning(w + "."));
        }
        List<List<String>> shiftRows = new ArrayList<>();
        for (ShiftDiagnostics.ParameterShift p : shift.parameters()) {
            shiftRows.add(List.of(p.name(), String.format(Locale.ROOT, "%.4g - %.4g", p.sourceMin(), p.sourceMax()),
                    String.format(Locale.ROOT, "%.4g - %.4g", p.targetMin(), p.targetMax()),
                    String.format(Locale.ROOT, "%.0f %%", 100 * p.fractionOutside()),
                    String.format(Locale.ROOT, "%+.2f", p.standardizedMeanDifference())));
        }
        b.add(Block.DataTable.of(List.of("parameter", "source range", "target range", "target rows outside",
                "mean shift [source sd]"), shiftRows, String.format(Locale.ROOT, "%.0f %% of the target rows lie "
                + "outside the source range in at least one parameter; maximum mean discrepancy test of the whole "
                + "parameter distribution: MMD^2 = %.3g, permutation p = %.3g (%d permutations).",
                100 * shift.fractionOutsideSupport(), shift.mmd2(), shift.mmdPValue(), shift.permutations())));
    }

    private static void importanceSection(List<Block> b, ImportanceComparison importance) {
        b.add(Block.Heading.of(1, "Which parameters matter: target against source"));
        for (ImportanceComparison.PerTarget pt : importance.targets()) {
            List<List<String>> rows = new ArrayList<>();
            Integer[] order = new Integer[pt.targetRank().length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (x, y) -> Integer.compare(pt.targetRank()[x], pt.targetRank()[y]));
            for (int j : order) {
                rows.add(List.of(importance.parameters().get(j), Integer.toString(pt.targetRank()[j]),
                        String.format(Locale.ROOT, "%.3g", pt.targetImportance()[j]),
                        Integer.toString(pt.sourceRank()[j]), String.format(Locale.ROOT, "%.3g",
                                pt.sourceImportance()[j])));
            }
            String agreement = pt.spearman() >= 0.7 ? "the rankings agree: the target responds to the same levers"
                    : pt.spearman() >= 0.3 ? "the rankings partly agree"
                            : "the rankings differ: the new material responds to other levers than the source";
            b.add(Block.DataTable.of(List.of("parameter", "rank on target", "mean |SHAP| (target)", "rank on source",
                    "mean |SHAP| (source)"), rows, String.format(Locale.ROOT, "%s: Spearman rank correlation %.2f, %s. "
                    + "Target: the recommended model explained on the target rows; source: the pre-trained network "
                    + "on up to %d source rows (exact interventional Shapley values, see docs/explain.md).",
                    pt.target(), pt.spearman(), agreement, ImportanceComparison.MAX_ROWS)));
        }
    }

    private static Block scoreTable(Summary s, int t) {
        List<String> header = new ArrayList<>();
        header.add("method");
        List<Block.Best> best = new ArrayList<>();
        best.add(Block.Best.NONE);
        for (int size : s.curves().keySet()) {
            header.add(size + " rows: R2");
            header.add(size + " rows: RMSE");
            best.add(Block.Best.MAX);
            best.add(Block.Best.MIN);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Method m : s.methods()) {
            List<String> row = new ArrayList<>();
            row.add(m.cliName());
            for (var e : s.curves().values()) {
                List<Summary.TargetScores> ts = e.get(m);
                row.add(ts == null ? "" : fmt(ts.get(t).r2().median()));
                row.add(ts == null ? "" : String.format(Locale.ROOT, "%.4g", ts.get(t).rmse().median()));
            }
            rows.add(row);
        }
        return Block.DataTable.of(header, rows, s.targets().get(t) + ": median over the repeats.", best);
    }

    private static double[][] pooled(Summary s, Method m, int t) {
        List<double[]> v = new ArrayList<>();
        for (SplitResult.Unit u : s.units()) {
            if (!u.phase().equals("cv")) {
                continue;
            }
            for (SplitResult r : u.results()) {
                if (r.method().equals(m.cliName())) {
                    for (int i = 0; i < r.measured().length; i++) {
                        v.add(new double[] {r.measured()[i][t], r.mean()[i][t], r.std()[i][t]});
                    }
                }
            }
        }
        double[][] out = new double[3][v.size()];
        for (int i = 0; i < v.size(); i++) {
            for (int k = 0; k < 3; k++) {
                out[k][i] = v.get(i)[k];
            }
        }
        return out;
    }

    private static String withCi(double v, double[] ci) {
        return ci == null ? fmt(v) : String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", v, ci[0], ci[1]);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String formatSeconds(Map<String, Double> seconds) {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", v)));
        return sb.toString();
    }

    /** The console summary printed by the assess command. */
    public static void printSummary(AssessmentRun.Outcome o, Path out, PrintStream ps) {
        printSummary(o.summary(), o.shift(), o.importance(), o.units(), o.resumedUnits(), out, ps);
    }

    /** As above for any assessment; a null shift or importance is left out. */
    static void printSummary(Summary s, ShiftDiagnostics shift, ImportanceComparison importance, int units,
            int resumed, Path out, PrintStream ps) {
        if (shift != null) {
            ps.println(shift.summary());
        }
        printScores(s, units, resumed, ps);
        for (ImportanceComparison.PerTarget pt : importance == null ? List.<ImportanceComparison.PerTarget>of()
                : importance.targets()) {
            ps.printf(Locale.ROOT, "  importance ranking of %s, target vs source: Spearman %.2f%n", pt.target(),
                    pt.spearman());
        }
        ps.println("Recommended: " + s.recommended().cliName() + " (" + s.recommendation() + ")");
        ps.println("Report: " + out.resolve("report.html") + "   metrics: " + out.resolve("metrics.json")
                + "   model: " + out.resolve("recommended"));
    }

    /** The median test R2 per method and size, and the verdicts (shared by the tabular and hybrid paths). */
    static void printScores(Summary s, int units, int resumed, PrintStream ps) {
        ps.printf("Assessed %d splits (%d resumed from an interrupted run).%n", units, resumed);
        for (int t = 0; t < s.targets().size(); t++) {
            ps.println(s.targets().get(t) + ": median test R2");
            ps.printf("  %-16s", "rows");
            for (int size : s.curves().keySet()) {
                ps.printf("%9d", size);
            }
            ps.printf("%12s%n", s.resampling().isEmpty() ? "" : "resampling");
            for (Method m : s.methods()) {
                ps.printf("  %-16s", m.cliName());
                for (var e : s.curves().values()) {
                    List<Summary.TargetScores> ts = e.get(m);
                    ps.printf("%9s", ts == null ? "" : fmt(ts.get(t).r2().median()));
                }
                List<Summary.PooledScores> p = s.resampling().get(m);
                ps.printf("%12s%n", p == null ? "" : fmt(p.get(t).metrics().r2()));
            }
        }
        for (var e : s.verdicts().entrySet()) {
            for (Summary.Verdict v : e.getValue()) {
                ps.printf("  %d rows, %s: %s (%s)%n", e.getKey(), v.target(), v.verdict().toLowerCase(Locale.ROOT)
                        .replace('_', ' '), v.sentence());
            }
        }
        for (Summary.Verdict v : s.resamplingVerdicts()) {
            ps.printf("  resampling, %s: %s (%s)%n", v.target(), v.verdict().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), v.sentence());
        }
        if (s.testedComparisons() > 0) {
            ps.printf(Locale.ROOT, "  verdicts: %s, Holm-adjusted over %d tests at alpha = 0.05%s%n", Verdicts.TEST,
                    s.testedComparisons(), s.selectionSeconds() > 0 ? String.format(Locale.ROOT, "; comparator "
                            + "choice by inner CV took %.1f s", s.selectionSeconds()) : "");
        }
    }
}