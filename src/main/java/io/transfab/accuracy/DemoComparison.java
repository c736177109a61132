package io.transfab.accuracy;

import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.report.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's look at a real table (issue 13): transfab's default against the plain GP peer on the
 * WMG calendering conditions the jar carries, one 6-fold CV grouped by condition, the default's
 * networks as single members so that it adds seconds, not minutes. The full comparison is
 * {@code transfab study accuracy} (docs/accuracy.md).
 *
 * @param result  the harness's result on that task
 * @param seconds how long it took
 */
public record DemoComparison(AccuracyStudy.TaskResult result, double seconds) {
    static final List<Contender> CONTENDERS = List.of(Contender.DEFAULT, Contender.PLAIN_GP);

    /** Runs the comparison with a seed derived from the demo's. */
    public static DemoComparison run(long seed, Progress progress) {
        long t0 = System.nanoTime();
        AccuracyStudy.TaskResult r = AccuracyStudy.run(AccuracyTasks.embeddedWmgConditions(),
                new AccuracyStudy.Options(CONTENDERS, 1, 1, Seeds.derive(seed, "accuracy")), progress);
        return new DemoComparison(r, (System.nanoTime() - t0) / 1e9);
    }

    private AccuracyStudy.Cell cell(Contender c) {
        return result.cell(0, c);
    }

    /** One line per contender for the demo's summary. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Real table (WMG NMC622 calendering, 18 conditions, 6-fold CV grouped by "
                + "condition, %.0f s): density R2", seconds));
        for (Contender c : CONTENDERS) {
            lines.add(String.format(Locale.ROOT, "  %-28s%8.3f%s", c.heading(), cell(c).median(), choice(c)));
        }
        return lines;
    }

    private String choice(Contender c) {
        return cell(c).choices().isEmpty() ? "" : "   (chose per fold: " + cell(c).choices().get(0) + ")";
    }

    /** The report's section. */
    public List<Block> blocks() {
        List<Block> b = new ArrayList<>();
        b.add(Block.Heading.of(1, "On a real table: transfab's default against a plain GP"));
        List<List<String>> rows = new ArrayList<>();
        for (Contender c : CONTENDERS) {
            rows.add(List.of(c.heading(), String.format(Locale.ROOT, "%.3f", cell(c).median()),
                    cell(c).choices().isEmpty() ? "" : cell(c).choices().get(0)));
        }
        b.add(Block.DataTable.of(List.of("method", "R2 of density after calendering", "chosen per fold"), rows,
                result.description() + "; pooled out-of-fold predictions of one cross-validation. Plain GP: "
                        + "scikit-learn's GaussianProcessRegressor (Matern 5/2 + white noise, normalize_y, 2 "
                        + "restarts) reimplemented. The full comparison on every public table: docs/accuracy.md."));
        return b;
    }

    /** For metrics.json. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", result.description());
        for (Contender c : CONTENDERS) {
            m.put(c.cliName(), Map.of("r2", cell(c).median(), "choices", cell(c).choices()));
        }
        m.put("seconds", seconds);
        return m;
    }
}
