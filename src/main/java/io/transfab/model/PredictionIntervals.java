package io.transfab.model;

import io.transfab.evaluate.NormalDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predictions with central intervals at one level, [row][target]. With a {@link Calibration}
 * {@code lower}/{@code upper} are the conformal interval at {@code level} ({@code -/+infinity} where
 * it is unbounded) and the standard deviations the calibrated ones at
 * {@link Calibration#REFERENCE_LEVEL}, whatever {@code level} is (one meaning of {@code _std}
 * everywhere); without one they are the model's own sigma and {@code mu -/+ z sigma} (NaN where
 * there is no sigma). {@code notes} say which.
 *
 * @param prediction means and standard deviations as {@link TrainedModel#predict} reports them
 * @param unseen     per row whether its domain was new to the model
 * @param calibrated whether the intervals are conformal
 */
public record PredictionIntervals(Prediction prediction, double[][] lower, double[][] upper, double level,
        boolean calibrated, boolean[] unseen, List<String> notes) {
    public PredictionIntervals {
        unseen = unseen.clone();
        notes = List.copyOf(notes);
    }

    @Override
    public boolean[] unseen() {
        return unseen.clone();
    }

    /**
     * Intervals of a raw (uncalibrated) prediction, calibrated when {@code calibration} is not null.
     *
     * @param reported    the prediction to report (means and reference-level standard deviations)
     * @param targetScale per target, the training scale of absolute scores (unused without calibration)
     */
    public static PredictionIntervals of(TrainedModel.DomainPrediction raw, Prediction reported,
            Calibration calibration, double[] targetScale, double level, List<String> targets) {
        Calibration.requireLevel(level);
        List<String> notes = new ArrayList<>(raw.notes());
        Prediction p = raw.prediction();
        if (calibration == null) {
            notes.add(String.format(Locale.ROOT, "the model has no calibration block (saved by an older transfab, "
                    + "or a hybrid model, which transfab does not calibrate yet); the %s intervals are normal-theory mu +- z sigma, not calibrated", percent(level)));
        } else {
            p = calibration.calibrate(p, targetScale, level);
            for (int t = 0; t < targets.size(); t++) {
                if (!calibration.bounded(t, level)) {
                    notes.add(String.format(Locale.ROOT, "%s: the conformal %s interval is unbounded: %d out-of-fold "
                            + "residuals, a bounded interval needs at least %d (lower/upper are -inf/inf)",
                            targets.get(t), percent(level), calibration.targets().get(t).size(),
                            Calibration.minimumRows(level)));
                }
                if (!calibration.bounded(t, Calibration.REFERENCE_LEVEL)) {
                    notes.add(targets.get(t) + ": too few out-of-fold residuals for a calibrated std; _std is the "
                            + "model's own");
                }
            }
        }
        double z = NormalDistribution.quantile(0.5 + level / 2);
        int n = p.rows();
        int w = targets.size();
        double[][] lower = new double[n][w];
        double[][] upper = new double[n][w];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < w; t++) {
                double half = z * p.std()[i][t];
                lower[i][t] = p.mean()[i][t] - half;
                upper[i][t] = p.mean()[i][t] + half;
            }
        }
        return new PredictionIntervals(reported, lower, upper, level, calibration != null, raw.unseen(), notes);
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.4g %%", 100 * level);
    }
}
