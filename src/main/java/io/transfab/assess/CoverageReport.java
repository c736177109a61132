package io.transfab.assess;

import io.transfab.evaluate.NormalDistribution;
import io.transfab.evaluate.UncertaintyQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interval quality per phase/size, method and target, pooled over every scored row of the draws:
 * the empirical coverage of the calibrated 90 % interval {@code mu +- z std} (conformal where the
 * model has a calibration), the coverage of the model's own normal-theory interval
 * {@code mu +- z sigma} beside it, and the calibrated interval's mean width. Rows without a
 * standard deviation are left out (NaN when none has one).
 */
final class CoverageReport {
    private CoverageReport() {
    }

    /** One method on one target: pooled coverages, mean width (target units) and the rows behind them. */
    record Cell(double coverage, double uncalibratedCoverage, double meanWidth, int rows) {
    }

    /** Key "curve n=20" or "cv", then method, then one cell per target. */
    static Map<String, Map<String, List<Cell>>> of(List<SplitResult.Unit> units, List<String> targets) {
        Map<String, Map<String, List<List<SplitResult>>>> grouped = new TreeMap<>((a, b) -> order(a) - order(b));
        for (SplitResult.Unit u : units) {
            String key = u.phase().equals("cv") ? "cv" : "curve n=" + u.size();
            for (SplitResult r : u.results()) {
                grouped.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.method(), k -> new ArrayList<>()).add(List.of(r));
            }
        }
        double z = NormalDistribution.quantile(0.5 + UncertaintyQuality.DEFAULT_LEVEL / 2);
        Map<String, Map<String, List<Cell>>> out = new LinkedHashMap<>();
        for (var g : grouped.entrySet()) {
            Map<String, List<Cell>> methods = new LinkedHashMap<>();
            for (var m : g.getValue().entrySet()) {
                List<Cell> cells = new ArrayList<>();
                for (int t = 0; t < targets.size(); t++) {
                    int used = 0;
                    int covered = 0;
                    int rawUsed = 0;
                    int rawCovered = 0;
                    double width = 0;
                    for (List<SplitResult> one : m.getValue()) {
                        SplitResult r = one.get(0);
                        for (int i = 0; i < r.measured().length; i++) {
                            double e = Math.abs(r.measured()[i][t] - r.mean()[i][t]);
                            double s = r.std()[i][t];
                            if (s > 0) {
                                used++;
                                covered += e <= z * s ? 1 : 0;
                                width += 2 * z * s;
                            }
                            double rs = r.rawStd()[i][t];
                            if (rs > 0 && Double.isFinite(rs)) {
                                rawUsed++;
                                rawCovered += e <= z * rs ? 1 : 0;
                            }
                        }
                    }
                    cells.add(new Cell(used == 0 ? Double.NaN : (double) covered / used,
                            rawUsed == 0 ? Double.NaN : (double) rawCovered / rawUsed,
                            used == 0 ? Double.NaN : width / used, used));
                }
                methods.put(m.getKey(), cells);
            }
            out.put(g.getKey(), methods);
        }
        return out;
    }

    /** Curve sizes in increasing order, then cv. */
    private static int order(String key) {
        return key.equals("cv") ? Integer.MAX_VALUE : Integer.parseInt(key.substring("curve n=".length()));
    }

    /** The {@code coverage} block of metrics.json. */
    static Map<String, Object> toJson(Map<String, Map<String, List<Cell>>> cells, List<String> targets) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("level", UncertaintyQuality.DEFAULT_LEVEL);
        root.put("note", "coverage: calibrated (conformal) interval mu +- z std; uncalibratedCoverage: the model's "
                + "own mu +- z sigma; meanWidth: calibrated interval, target units; pooled over every scored row");
        Map<String, Object> groups = new LinkedHashMap<>();
        for (var g : cells.entrySet()) {
            Map<String, Object> methods = new LinkedHashMap<>();
            for (var m : g.getValue().entrySet()) {
                Map<String, Object> perTarget = new LinkedHashMap<>();
                for (int t = 0; t < targets.size(); t++) {
                    perTarget.put(targets.get(t), m.getValue().get(t));
                }
                methods.put(m.getKey(), perTarget);
            }
            groups.put(g.getKey(), methods);
        }
        root.put("groups", groups);
        return root;
    }
}
