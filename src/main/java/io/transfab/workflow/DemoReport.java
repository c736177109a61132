package io.transfab.workflow;

import io.transfab.evaluate.Metrics;
import io.transfab.model.TrainedModel;
import io.transfab.report.Block;
import io.transfab.report.HtmlReport;
import io.transfab.report.Plots;
import io.transfab.transfer.FineTuner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's one-page HTML report. */
final class DemoReport {
    private DemoReport() {
    }

    static HtmlReport of(DemoResult r) {
        List<Block> blocks = new ArrayList<>();
        DemoResult.MethodResult transfer = r.methods.get(0);
        DemoResult.MethodResult scratch = r.methods.get(1);
        blocks.add(Block.Paragraph.of(String.format(Locale.ROOT,
                "A network ensemble was pre-trained on %d simulated NMC cathodes, then fine-tuned on only %d "
                        + "silicon-graphite anodes (a water-based slurry with other densities, capacities and a "
                        + "solid-content range that does not overlap the source's). The same %d rows trained a "
                        + "network from scratch and a Gaussian process. All three predict %d held-out "
                        + "silicon-graphite anodes they never saw.", r.source.rowCount(), r.targetTrain.rowCount(),
                r.targetTrain.rowCount(), r.targetTest.rowCount())));
        blocks.add(verdict(transfer, scratch));
        blocks.add(Block.KeyValues.of(
                "Source", "NMC cathodes, " + r.source.rowCount() + " rows (simulated)",
                "Target", "silicon-graphite anodes, " + r.targetTrain.rowCount() + " training rows, "
                        + r.targetTest.rowCount() + " test rows (simulated)",
                "Manufacturing parameters", String.join(", ", DemoResult.FEATURES),
                "Predicted properties", String.join(", ", DemoResult.TARGETS),
                "Seed", Long.toString(r.seed)));

        blocks.add(Block.Note.info("How sure are we? The assessment in assessment/report.html (next to this file) "
                + "repeats the comparison on seeded draws of 5, 10 and 20 target rows, with learning curves, "
                + "paired Wilcoxon verdicts per size and bootstrap intervals."));
        blocks.add(Block.Heading.of(1, "Accuracy on the held-out target rows"));
        blocks.addAll(metricsTables(r));

        blocks.add(Block.Heading.of(1, "What auto chose"));
        FineTuner.Selection s = r.selection;
        List<List<String>> rows = new ArrayList<>();
        for (FineTuner.CandidateScore c : s.scores()) {
            rows.add(List.of(c.candidate() + (c.candidate().equals(s.chosen()) ? " (chosen)" : ""),
                    String.format(Locale.ROOT, "%.4f", c.cvRmse())));
        }
        blocks.add(Block.DataTable.of(List.of("candidate", "inner CV RMSE (standardised)"), rows,
                "Inner " + s.folds() + "-fold cross-validation on the " + r.targetTrain.rowCount()
                        + " target rows only; lower is better.",
                List.of(Block.Best.NONE, Block.Best.MIN)));
        blocks.add(Block.Paragraph.of("Why: " + s.reason() + "."));
        blocks.addAll(r.comparison.blocks());

        for (int t = 0; t < DemoResult.TARGETS.size(); t++) {
            blocks.add(Block.Heading.of(1, "Parity: " + DemoResult.TARGETS.get(t)));
            List<Block.Figure> figs = new ArrayList<>();
            for (DemoResult.MethodResult m : r.methods) {
                double[] measured = column(r, t);
                figs.add(Block.Figure.of(Plots.parity(m.name(), label(r, t), measured, m.test().meanOf(t),
                        m.test().stdOf(t)), m.description() + "; bars: +-1 standard deviation where the model "
                        + "gives one."));
            }
            blocks.add(Block.FigureGrid.of(figs));
        }

        blocks.add(Block.Heading.of(1, "Provenance"));
        List<List<String>> prov = new ArrayList<>();
        prov.add(provenanceRow("pre-trained base", r.pretrained));
        for (DemoResult.MethodResult m : r.methods) {
            prov.add(provenanceRow(m.name(), m.model()));
        }
        blocks.add(Block.DataTable.of(List.of("model", "method", "rows", "data SHA-256", "source data SHA-256",
                "seed"), prov, "Every model directory under models/ carries this in its model.json, with library "
                        + "versions (" + versions(r.pretrained) + ")."));
        return HtmlReport.of("Transfer learning demo: NMC cathode to silicon-graphite anode",
                "transfab demo, seed " + r.seed, blocks);
    }

    private static Block verdict(DemoResult.MethodResult transfer, DemoResult.MethodResult scratch) {
        int better = 0;
        StringBuilder detail = new StringBuilder();
        for (int t = 0; t < DemoResult.TARGETS.size(); t++) {
            double a = transfer.metrics().get(t).r2();
            double b = scratch.metrics().get(t).r2();
            if (a > b) {
                better++;
            }
            detail.append(String.format(Locale.ROOT, "%s%s R2 %.3f vs %.3f", t == 0 ? "" : "; ",
                    DemoResult.TARGETS.get(t), a, b));
        }
        String text = String.format(Locale.ROOT, "Transfer learning beats the network trained from scratch on %d of %d "
                + "properties (test R2, transfer vs scratch: %s).", better, DemoResult.TARGETS.size(), detail);
        return better == DemoResult.TARGETS.size() ? Block.Note.info(text) : Block.Note.warning(text);
    }

    /** One table per metric (rows: methods, columns: targets), so that "best per column" compares methods. */
    private static List<Block> metricsTables(DemoResult r) {
        List<Block> out = new ArrayList<>();
        String[] names = {"R2", "MAE", "RMSE"};
        for (int k = 0; k < names.length; k++) {
            List<String> header = new ArrayList<>();
            header.add("method");
            List<Block.Best> best = new ArrayList<>();
            best.add(Block.Best.NONE);
            for (String t : DemoResult.TARGETS) {
                header.add(t);
                best.add(k == 0 ? Block.Best.MAX : Block.Best.MIN);
            }
            List<List<String>> rows = new ArrayList<>();
            for (DemoResult.MethodResult m : r.methods) {
                List<String> row = new ArrayList<>();
                row.add(m.name());
                for (Metrics x : m.metrics()) {
                    double v = k == 0 ? x.r2() : k == 1 ? x.mae() : x.rmse();
                    row.add(String.format(Locale.ROOT, k == 0 ? "%.3f" : "%.4g", v));
                }
                rows.add(row);
            }
            out.add(Block.DataTable.of(header, rows, names[k] + " on " + r.targetTest.rowCount()
                    + " held-out silicon-graphite rows" + (k == 0 ? " (1 is perfect)." : " (in the property's unit)."),
                    best));
        }
        return out;
    }

    private static double[] column(DemoResult r, int t) {
        int c = r.targetTest.indexOf(DemoResult.TARGETS.get(t));
        double[] v = new double[r.targetTest.rowCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.targetTest.number(i, c);
        }
        return v;
    }

    private static String label(DemoResult r, int t) {
        String unit = r.targetTest.units().get(r.targetTest.indexOf(DemoResult.TARGETS.get(t)));
        return unit.isEmpty() ? DemoResult.TARGETS.get(t) : DemoResult.TARGETS.get(t) + " [" + unit + "]";
    }

    private static List<String> provenanceRow(String name, TrainedModel m) {
        String base = m.provenance().baseDataSha256();
        return List.of(name, m.method(), Integer.toString(m.provenance().rows()),
                m.provenance().dataSha256().substring(0, Math.min(12, m.provenance().dataSha256().length())),
                base == null ? "" : base.substring(0, Math.min(12, base.length())),
                Long.toString(m.provenance().seed()));
    }

    private static String versions(TrainedModel m) {
        StringBuilder sb = new StringBuilder();
        m.provenance().versions().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v));
        return sb.toString();
    }
}
