package io.transfab.assess;

import java.util.List;

/**
 * One method's result on one split: per-target scores and the test predictions.
 *
 * @param phase     "curve" (a learning-curve draw of {@code size} rows) or "cv" (whole-table resampling)
 * @param size      training rows
 * @param repeat    repeat index (curve) or resampling repeat (cv)
 * @param fold      fold index (cv), -1 for a curve draw
 * @param method    the method's CLI name
 * @param autoChoice what {@code auto} chose, or null
 * @param testRows  row indices of the scored rows (in the target or test table)
 * @param measured  measured values, [row][target]
 * @param mean      predicted means, [row][target]
 * @param std       predicted standard deviations, calibrated where the model has a calibration, [row][target]
 *                  (NaN where none)
 * @param seconds   training time (including the calibration's out-of-fold refits)
 * @param rawStd    the model's own, uncalibrated standard deviations; null (units saved before it
 *                  existed) reads as {@code std}
 */
public record SplitResult(String phase, int size, int repeat, int fold, String method, String autoChoice,
        int[] testRows, double[][] measured, double[][] mean, double[][] std, double seconds, double[][] rawStd) {
    public SplitResult {
        testRows = testRows.clone();
        if (rawStd == null) {
            rawStd = std;
        }
    }

    /** Column {@code t} of a [row][target] matrix. */
    static double[] column(double[][] m, int t) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][t];
        }
        return out;
    }

    /**
     * A unit of work: every method on one split.
     *
     * @param baselines        per target, the non-transfer method that inner cross-validation on this
     *                         split's training rows chose as the verdict's comparator (empty: none chosen
     *                         here, the comparator is fixed)
     * @param selectionSeconds time the inner cross-validation took
     */
    public record Unit(String phase, int size, int repeat, int fold, List<SplitResult> results,
            List<String> baselines, double selectionSeconds) {
        public Unit {
            results = List.copyOf(results);
            baselines = baselines == null ? List.of() : List.copyOf(baselines);
        }

        public String key() {
            return phase + "-n" + size + "-r" + repeat + "-f" + fold;
        }
    }
}
