package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summaries of repeated learning-curve measurements: per method and training size, the median
 * and a quantile band (default 10th to 90th percentile, linear interpolation as numpy).
 */
public final class CurveSummary {
    public static final double DEFAULT_LOWER = 0.10;
    public static final double DEFAULT_UPPER = 0.90;

    private CurveSummary() {
    }

    /** Median and 10-90 % band per (method, size). */
    public static List<CurveBand> of(List<CurvePoint> points) {
        return of(points, DEFAULT_LOWER, DEFAULT_UPPER);
    }

    /**
     * Median and [lowerQuantile, upperQuantile] band per (method, size); methods in order of first
     * appearance, sizes ascending.
     */
    public static List<CurveBand> of(List<CurvePoint> points, double lowerQuantile, double upperQuantile) {
        if (!(lowerQuantile >= 0 && lowerQuantile <= upperQuantile && upperQuantile <= 1)) {
            throw new IllegalArgumentException("need 0 <= lower <= upper <= 1; got " + lowerQuantile + ", "
                    + upperQuantile);
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no learning-curve points to summarise");
        }
        Map<String, TreeMap<Integer, List<Double>>> byMethod = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            byMethod.computeIfAbsent(p.method(), m -> new TreeMap<>())
                    .computeIfAbsent(p.size(), s -> new ArrayList<>()).add(p.value());
        }
        List<CurveBand> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, List<Double>>> m : byMethod.entrySet()) {
            for (Map.Entry<Integer, List<Double>> s : m.getValue().entrySet()) {
                double[] v = s.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                out.add(new CurveBand(m.getKey(), s.getKey(), v.length, Quantiles.ofSorted(v, 0.5),
                        Quantiles.ofSorted(v, lowerQuantile), Quantiles.ofSorted(v, upperQuantile), lowerQuantile,
                        upperQuantile));
            }
        }
        return out;
    }
}
