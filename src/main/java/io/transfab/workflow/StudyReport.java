package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.design.ActiveLearningOptions;
import io.transfab.design.ActiveLearningResult;
import io.transfab.design.InverseDesignOptions;
import io.transfab.design.InverseDesignResult;
import io.transfab.design.SearchMethod;
import io.transfab.design.StudyMethod;
import io.transfab.model.Json;
import io.transfab.report.Block;
import io.transfab.report.CurveSeries;
import io.transfab.report.HtmlReport;
import io.transfab.report.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Files, report and console summary of the design studies ({@code transfab study}). */
public final class StudyReport {
    private StudyReport() {
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }

    private static String reach(OptionalInt n, int largest) {
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "not reached (> " + largest + ")";
    }

    // ---- active learning ------------------------------------------------------------------------------

    /** Writes curves.csv, results.json and report.html into {@code out}. */
    public static void write(ActiveLearningResult r, Path out) throws IOException {
        int[] sizes = r.sizes();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < r.properties().size(); k++) {
            for (StudyMethod m : r.methods()) {
                for (int j = 0; j < sizes.length; j++) {
                    double[] v = r.overSeeds(m, k, j);
                    double h = r.halfBand(m, k, j);
                    double mean = r.mean(m, k, j);
                    rows.add(List.of(r.properties().get(k), m.label(), Integer.toString(sizes[j]), f3(mean),
                            f3(mean - h), f3(mean + h), f3(r.median(m, k, j)),
                            f3(java.util.Arrays.stream(v).min().orElse(Double.NaN)),
                            f3(java.util.Arrays.stream(v).max().orElse(Double.NaN))));
                }
            }
        }
        List<String> header = List.of("property", "method", "experiments", "mean_r2", "band_lower", "band_upper",
                "median_r2", "min_r2", "max_r2");
        CsvWriter.write(Table.of("curves", header, Collections.nCopies(header.size(), ""), rows),
                out.resolve("curves.csv"));
        AtomicOutput.writeString(out.resolve("results.json"), Json.toString(json(r)) + "\n");
        report(r).write(out.resolve("report.html"));
    }

    private static Map<String, Object> json(ActiveLearningResult r) {
        ActiveLearningOptions o = r.options();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("study", "active-learning");
        j.put("chemistry", r.chemistry());
        j.put("options", o);
        j.put("sizes", r.sizes());
        Map<String, Object> props = new LinkedHashMap<>();
        for (int k = 0; k < r.properties().size(); k++) {
            Map<String, Object> methods = new LinkedHashMap<>();
            for (StudyMethod m : r.methods()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                OptionalInt n = r.experimentsToReach(m, k, o.targetR2());
                mm.put("experimentsToReachTarget", n.isPresent() ? n.getAsInt() : null);
                mm.put("seedsReachingTargetAtLargestSize", r.seedsReaching(m, k, o.targetR2()));
                List<Double> mean = new ArrayList<>();
                List<Double> half = new ArrayList<>();
                List<double[]> perSeed = new ArrayList<>();
                for (int s = 0; s < o.seeds(); s++) {
                    perSeed.add(new double[r.sizes().length]);
                }
                for (int i = 0; i < r.sizes().length; i++) {
                    mean.add(r.mean(m, k, i));
                    double h = r.halfBand(m, k, i);
                    half.add(Double.isFinite(h) ? h : null);
                    for (int s = 0; s < o.seeds(); s++) {
                        perSeed.get(s)[i] = r.r2(m, k, s, i);
                    }
                }
                mm.put("meanR2", mean);
                mm.put("band95HalfWidth", half);
                mm.put("r2PerSeed", perSeed);
                methods.put(m.label(), mm);
            }
            props.put(r.properties().get(k), methods);
        }
        j.put("properties", props);
        return j;
    }

    private static HtmlReport report(ActiveLearningResult r) {
        ActiveLearningOptions o = r.options();
        int[] sizes = r.sizes();
        double[] x = new double[sizes.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = sizes[j];
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.Paragraph.of(String.format(Locale.ROOT, "The simulator (%s) is the lab. Active learning "
                + "starts from a maximin LHS of %d experiments and adds %d per round, chosen by suggest --goal "
                + "explore (integrated variance reduction, ALC, with fantasised covariance updates) from a Gaussian "
                + "process refitted every round%s. Random sampling adds uniform random "
                + "experiments; the one-shot LHS is a fresh maximin Latin hypercube of each size. R2 is measured on "
                + "a fixed test set of %d uniform random points (%s); curves show the mean over %d seeds "
                + "with a 95%% band of the mean (1.96 standard errors).", r.chemistry(), o.initial(), o.batch(),
                o.compareMaxStd() ? "; active-learning-max-std uses --goal explore:max-std (largest predictive "
                        + "std with an exclusion radius) instead" : "",
                o.testRows(), o.noisyTest() ? "one noisy measurement each" : "noise-free simulator values",
                o.seeds())));
        for (int k = 0; k < r.properties().size(); k++) {
            String prop = r.properties().get(k);
            blocks.add(Block.Heading.of(1, prop));
            List<CurveSeries> series = new ArrayList<>();
            for (StudyMethod m : r.methods()) {
                double[] mean = new double[sizes.length];
                double[] lo = new double[sizes.length];
                double[] up = new double[sizes.length];
                for (int j = 0; j < sizes.length; j++) {
                    mean[j] = r.mean(m, k, j);
                    double h = r.halfBand(m, k, j);
                    lo[j] = mean[j] - h;
                    up[j] = mean[j] + h;
                }
                series.add(CurveSeries.of(m.label(), x, mean, lo, up));
            }
            blocks.add(Block.Figure.of(Plots.learningCurves("Test R2 of " + prop + " against experiments",
                    "test R2 (mean over seeds)", series), "Mean test R2 over seeds with a 95% band of the mean; the "
                    + "x axis counts experiments run in the simulated lab."));
            List<String> header = new ArrayList<>(List.of("experiments"));
            for (StudyMethod m : r.methods()) {
                header.add(m.label());
            }
            List<List<String>> rows = new ArrayList<>();
            for (int j = 0; j < sizes.length; j++) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(sizes[j])));
                for (StudyMethod m : r.methods()) {
                    row.add(f3(r.mean(m, k, j)) + " \u00b1 " + f3(r.halfBand(m, k, j)));
                }
                rows.add(row);
            }
            blocks.add(Block.DataTable.of(header, rows, "Mean test R2 \u00b1 95% band half-width."));
            List<List<String>> reachRows = new ArrayList<>();
            for (StudyMethod m : r.methods()) {
                reachRows.add(List.of(m.label(), reach(r.experimentsToReach(m, k, o.targetR2()),
                        sizes[sizes.length - 1]), r.seedsReaching(m, k, o.targetR2()) + " of " + o.seeds()));
            }
            blocks.add(Block.DataTable.of(List.of("method", "experiments to reach mean R2 " + o.targetR2(),
                    "seeds at R2 " + o.targetR2() + " with " + sizes[sizes.length - 1] + " experiments"), reachRows,
                    "Experiments needed: the first size whose mean test R2 reaches the target."));
        }
        return HtmlReport.of("Active learning with the simulator in the loop", r.chemistry() + ", seed "
                + o.seed(), blocks);
    }

    /** The console summary. */
    public static String summary(ActiveLearningResult r) {
        StringBuilder sb = new StringBuilder();
        int[] sizes = r.sizes();
        for (int k = 0; k < r.properties().size(); k++) {
            sb.append(String.format(Locale.ROOT, "Mean test R2 of %s over %d seeds (%s):%n", r.properties().get(k),
                    r.options().seeds(), r.chemistry()));
            sb.append(String.format(Locale.ROOT, "  %11s", "experiments"));
            for (StudyMethod m : r.methods()) {
                sb.append(String.format(Locale.ROOT, " %15s", m.label()));
            }
            sb.append('\n');
            for (int j = 0; j < sizes.length; j++) {
                sb.append(String.format(Locale.ROOT, "  %11d", sizes[j]));
                for (StudyMethod m : r.methods()) {
                    sb.append(String.format(Locale.ROOT, " %8s \u00b1%5s", f3(r.mean(m, k, j)),
                            f3(r.halfBand(m, k, j))));
                }
                sb.append('\n');
            }
            sb.append(String.format(Locale.ROOT, "  Experiments to reach mean R2 %s:", r.options().targetR2()));
            for (StudyMethod m : r.methods()) {
                sb.append(' ').append(m.label()).append(' ')
                        .append(reach(r.experimentsToReach(m, k, r.options().targetR2()), sizes[sizes.length - 1]))
                        .append(';');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---- inverse design -------------------------------------------------------------------------------

    /** Writes hits.csv, results.json and report.html into {@code out}. */
    public static void write(InverseDesignResult r, Path out) throws IOException {
        List<String> header = List.of("target", "method", "runs", "hit_rate", "measured_hit_rate", "success_rate",
                "mean_abs_deviation");
        List<List<String>> rows = new ArrayList<>();
        double[] targets = r.targets();
        for (int t = 0; t < targets.length; t++) {
            for (SearchMethod m : SearchMethod.values()) {
                rows.add(List.of(Double.toString(targets[t]), m.label(), Integer.toString(r.outcome(m, t, 0).runs()),
                        f3(r.hitRate(m, t)), f3(r.measuredHitRate(m, t)), f3(r.successRate(m, t)),
                        String.format(Locale.ROOT, "%.4g", r.meanAbsDeviation(m, t))));
            }
        }
        CsvWriter.write(Table.of("hits", header, Collections.nCopies(header.size(), ""), rows),
                out.resolve("hits.csv"));
        AtomicOutput.writeString(out.resolve("results.json"), Json.toString(json(r)) + "\n");
        report(r).write(out.resolve("report.html"));
    }

    private static Map<String, Object> json(InverseDesignResult r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("study", "inverse-design");
        j.put("chemistry", r.chemistry());
        j.put("options", r.options());
        j.put("targets", r.targets());
        j.put("tolerance", r.tolerance());
        j.put("replicateSd", r.replicateSd());
        j.put("meanModelEvaluationsPerRequest", r.modelEvaluations());
        Map<String, Object> methods = new LinkedHashMap<>();
        for (SearchMethod m : SearchMethod.values()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("overallHitRate", r.overallHitRate(m));
            mm.put("overallSuccessRate", r.overallSuccessRate(m));
            List<Object> perTarget = new ArrayList<>();
            for (int t = 0; t < r.targets().length; t++) {
                Map<String, Object> tt = new LinkedHashMap<>();
                tt.put("target", r.targets()[t]);
                tt.put("hitRate", r.hitRate(m, t));
                tt.put("measuredHitRate", r.measuredHitRate(m, t));
                tt.put("successRate", r.successRate(m, t));
                tt.put("meanAbsDeviation", r.meanAbsDeviation(m, t));
                List<InverseDesignResult.Outcome> seeds = new ArrayList<>();
                for (int s = 0; s < r.options().seeds(); s++) {
                    seeds.add(r.outcome(m, t, s));
                }
                tt.put("perSeed", seeds);
                perTarget.add(tt);
            }
            mm.put("perTarget", perTarget);
            methods.put(m.label(), mm);
        }
        j.put("methods", methods);
        return j;
    }

    private static List<List<String>> hitRows(InverseDesignResult r) {
        List<List<String>> rows = new ArrayList<>();
        double[] targets = r.targets();
        for (int t = 0; t <= targets.length; t++) {
            List<String> row = new ArrayList<>();
            row.add(t < targets.length ? String.format(Locale.ROOT, "%.4g", targets[t]) : "mean");
            for (SearchMethod m : SearchMethod.values()) {
                if (t < targets.length) {
                    row.add(String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * r.hitRate(m, t),
                            100 * r.successRate(m, t)));
                } else {
                    row.add(String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * r.overallHitRate(m),
                            100 * r.overallSuccessRate(m)));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static HtmlReport report(InverseDesignResult r) {
        InverseDesignOptions o = r.options();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.Paragraph.of(String.format(Locale.ROOT, "The simulator (%s) is the lab. Per seed a "
                + "Gaussian process of %s is trained on a maximin LHS of %d measured experiments. For each requested "
                + "value, optimize proposes %d parameter sets; random search on the same model scores as many "
                + "uniform random points as optimize did (%d on average) and keeps the %d with the smallest root "
                + "expected squared deviation; random experiments spend the whole budget of %d runs on uniform "
                + "random points without a model. A run hits when its noise-free value lies within %.4g of the "
                + "request (twice the replicate standard deviation %.4g unless set).", r.chemistry(), o.property(),
                o.trainRuns(), o.proposals(), r.modelEvaluations(), o.proposals(), o.trainRuns() + o.proposals(),
                r.tolerance(), r.replicateSd())));
        List<String> header = new ArrayList<>(List.of("requested " + o.property()));
        for (SearchMethod m : SearchMethod.values()) {
            header.add(m.label());
        }
        blocks.add(Block.DataTable.of(header, hitRows(r), "Hit rate (share of runs within the tolerance) / "
                + "success rate (share of seeds with at least one hit), over " + o.seeds() + " seeds."));
        List<List<String>> measured = new ArrayList<>();
        for (int t = 0; t < r.targets().length; t++) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%.4g", r.targets()[t])));
            for (SearchMethod m : SearchMethod.values()) {
                row.add(String.format(Locale.ROOT, "%.0f%% (|dev| %.3g)", 100 * r.measuredHitRate(m, t),
                        r.meanAbsDeviation(m, t)));
            }
            measured.add(row);
        }
        blocks.add(Block.DataTable.of(header, measured, "Measured hit rate (one noisy measurement within the "
                + "tolerance) and mean absolute deviation of the true value from the request."));
        return HtmlReport.of("Inverse design with the simulator in the loop", r.chemistry() + ", " + o.property()
                + ", seed " + o.seed(), blocks);
    }

    /** The console summary. */
    public static String summary(InverseDesignResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Hit rate / success rate of %s within +-%.4g over %d seeds (%s, %d "
                + "training runs, %d proposals):%n", r.options().property(), r.tolerance(), r.options().seeds(),
                r.chemistry(), r.options().trainRuns(), r.options().proposals()));
        sb.append(String.format(Locale.ROOT, "  %9s", "requested"));
        for (SearchMethod m : SearchMethod.values()) {
            sb.append(String.format(Locale.ROOT, " %22s", m.label()));
        }
        sb.append('\n');
        for (List<String> row : hitRows(r)) {
            sb.append(String.format(Locale.ROOT, "  %9s", row.get(0)));
            for (int c = 1; c < row.size(); c++) {
                sb.append(String.format(Locale.ROOT, " %22s", row.get(c)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
