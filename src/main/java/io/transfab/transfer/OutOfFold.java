package io.transfab.transfer;

import io.transfab.evaluate.Splits;
import io.transfab.model.Calibration;
import io.transfab.model.Normalizer;
import io.transfab.model.Prediction;
import io.transfab.model.Seeds;
import io.transfab.model.TrainingRounds;
import java.util.List;

/**
 * Out-of-fold predictions on the target rows and the conformal {@link Calibration} they give a
 * transferred model (see {@link Calibration}; the fold models are refits of the final model's
 * method on the other folds).
 */
final class OutOfFold {
    /** Folds of the refits (auto reuses its inner CV instead). */
    static final int FOLDS = 5;
    /** Folds of the cheap GP refits. */
    static final int GP_FOLDS = 10;

    private OutOfFold() {
    }

    /** A refit on rows {@code train} predicting rows {@code test}, in target units. */
    interface FoldFit {
        Prediction predict(int[] train, int[] test, long seed);
    }

    /** Means and standard deviations of every row when it was held out, [row][target], target units. */
    record Predictions(double[][] mean, double[][] std) {
    }

    /** The k-fold out-of-fold predictions (k clipped to the rows), null below 3 rows. */
    static Predictions kFold(int n, int folds, long seed, FoldFit fit) {
        if (n < 3) {
            return null;
        }
        int k = Math.min(folds, n);
        double[][] mu = new double[n][];
        double[][] sd = new double[n][];
        List<Splits.Split> splits = Splits.kFold(n, k, Seeds.derive(seed, "calibration"));
        // The refits are participants of one training round: their networks train as one batched program.
        List<java.util.function.Supplier<Prediction>> refits = new java.util.ArrayList<>();
        for (int f = 0; f < k; f++) {
            Splits.Split s = splits.get(f);
            long foldSeed = Seeds.derive(seed, 1000L + f);
            refits.add(() -> fit.predict(s.train(), s.test(), foldSeed));
        }
        List<Prediction> predicted = TrainingRounds.all(refits);
        for (int f = 0; f < k; f++) {
            int[] te = splits.get(f).test();
            Prediction p = predicted.get(f);
            for (int i = 0; i < te.length; i++) {
                mu[te[i]] = p.mean()[i];
                sd[te[i]] = p.std()[i];
            }
        }
        return new Predictions(mu, sd);
    }

    /**
     * The calibration in the final model's standardised target units ({@code out}): absolute scores
     * are residuals over the target's scale; normalised ones are unit-free. Null without predictions.
     */
    static Calibration calibration(double[][] y, Predictions p, Normalizer out, String source) {
        if (p == null) {
            return null;
        }
        double[][] ys = out.apply(y);
        double[][] mus = out.apply(p.mean());
        double[] scale = out.scale();
        double[][] sds = new double[y.length][scale.length];
        for (int i = 0; i < y.length; i++) {
            for (int t = 0; t < scale.length; t++) {
                sds[i][t] = p.std()[i][t] / scale[t];
            }
        }
        return Calibration.fromOutOfFold(ys, mus, sds, source);
    }
}
