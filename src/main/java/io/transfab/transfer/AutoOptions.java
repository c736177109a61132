package io.transfab.transfer;

import io.transfab.model.gp.GpOptions;
import io.transfab.model.Matrices;
import io.transfab.model.gp.KernelChoice;
import io.transfab.model.nn.Loss;

/**
 * What {@code auto} considers besides the transfer strategies (issue 13, robust defaults; every
 * default is measured in docs/accuracy-components.md).
 *
 * @param gpCandidate       a Gaussian process on the target rows alone is a candidate ({@code gp})
 * @param stacking          a stack of the candidates is a candidate ({@code stack}): non-negative
 *                          weights on the inner-CV out-of-fold predictions (Breiman 1996)
 * @param smallTableRepeats repeats of the inner cross-validation (new fold assignments each) on
 *                          tables of at most {@link #REPEAT_UP_TO_ROWS} rows; 1 = one k-fold CV
 * @param noiseFloor        lower bound of the GPs' noise variance as a fraction of the target variance,
 *                          applied when {@link Outliers#present} finds outliers among the target rows;
 *                          0 = the ordinary bound of {@link GpOptions#defaults()}
 * @param huberOnOutliers   auto's networks (fine-tuned and from scratch) minimise the Huber loss
 *                          ({@link Loss#HUBER}) instead of the squared error where {@link Outliers#present}
 *                          finds outliers among the rows they are trained on
 * @param logTarget         a GP on the logarithm of the targets is a candidate ({@code gp-log}) when
 *                          every target value is positive and every target column is right-skewed
 *                          (sample skewness above {@link #SKEWED})
 * @param l2spGrid          the L2-SP strength and the fine-tuning epochs are chosen by the inner CV too:
 *                          {@code l2sp-strong} (10 x alpha) and {@code l2sp-short} (a third of the epochs)
 *                          are candidates beside {@code l2sp} (two more network fits per fold)
 * @param isotropicCandidate a GP on the target rows alone with one length scale shared by every input is a
 *                          candidate ({@code gp-iso}) beside the ARD {@code gp}: with 10 rows and several
 *                          inputs the per-input length scales are not identifiable, and the inner CV decides
 * @param gentleCandidate   a full fine-tune with the plain schedule (a third of the learning rate, weight decay
 *                          1e-3 on the weight matrices) is a candidate ({@code full-gentle})
 * @param gpKernel          the {@link KernelChoice} of every GP of auto ({@code gp}, the residual GP of
 *                          {@code transfer-gp}): one length scale per input (ARD), one shared scale, or a
 *                          choice between the two on each fit's training rows (EVIDENCE, BIC)
 * @param rankTarget        a GP on the normal scores of the targets is a candidate ({@code gp-rank}) when every
 *                          target column looks bounded ({@link #rankCandidate})
 */
public record AutoOptions(boolean gpCandidate, boolean stacking, int smallTableRepeats,
        double noiseFloor, boolean huberOnOutliers, boolean logTarget, boolean l2spGrid, boolean isotropicCandidate,
        boolean gentleCandidate, KernelChoice gpKernel, boolean rankTarget) {
    /** Sample skewness above which a positive target counts as right-skewed. */
    public static final double SKEWED = 0.5;

    /** Row count up to which {@link #smallTableRepeats} applies. */
    public static final int REPEAT_UP_TO_ROWS = 40;

    public AutoOptions {
        if (gpKernel == null) {
            throw new IllegalArgumentException("gpKernel must not be null");
        }
        if (smallTableRepeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1; got " + smallTableRepeats);
        }
        if (!(noiseFloor >= 0 && noiseFloor < 1)) {
            throw new IllegalArgumentException("noise floor must be in [0, 1); got " + noiseFloor);
        }
    }

    /** The defaults kept by the measurements of docs/accuracy-components.md. */
    public static AutoOptions defaults() {
        return new AutoOptions(true, true, 2, 0.0, false, false, false, false, false, KernelChoice.ARD, false);
    }

    /** auto as it was before issue 13: the transfer strategies and a network from scratch, one CV. */
    public static AutoOptions before() {
        return new AutoOptions(false, false, 1, 0.0, false, false, false, false, false, KernelChoice.ARD, false);
    }

    /** Repeats of the inner CV for {@code n} target rows. */
    int repeats(int n) {
        return n <= REPEAT_UP_TO_ROWS ? smallTableRepeats : 1;
    }

    /** The options of auto's GPs on standardised targets {@code ys} (the rule of {@link #noiseFloor}). */
    GpOptions gp(double[][] ys) {
        GpOptions g = GpOptions.defaults().withKernel(gpKernel);
        return noiseFloor > 0 && Outliers.present(ys) ? g.withNoiseFloor(noiseFloor) : g;
    }

    public AutoOptions withHuberOnOutliers(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, on, logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    /** The loss of auto's networks on standardised targets {@code ys} (the rule of {@link #huberOnOutliers}). */
    Loss loss(double[][] ys) {
        return huberOnOutliers && Outliers.present(ys) ? Loss.HUBER : Loss.SQUARED;
    }

    public AutoOptions withLogTarget(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers, on, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    /** Whether {@code gp-log} is a candidate for targets {@code y} ([row][target], raw units). */
    boolean logCandidate(double[][] y) {
        if (!logTarget) {
            return false;
        }
        for (int t = 0; t < y[0].length; t++) {
            double[] col = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                if (!(y[i][t] > 0)) {
                    return false;
                }
                col[i] = y[i][t];
            }
            if (!(skewness(col) > SKEWED)) {
                return false;
            }
        }
        return true;
    }

    /** The sample skewness m3 / m2^(3/2) (population moments; 0 for a constant column). */
    static double skewness(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= v.length;
        m3 /= v.length;
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    public AutoOptions withL2spGrid(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers,
                logTarget, on, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    public AutoOptions withGpCandidate(boolean on) {
        return new AutoOptions(on, stacking, smallTableRepeats, noiseFloor, huberOnOutliers, logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    public AutoOptions withStacking(boolean on) {
        return new AutoOptions(gpCandidate, on, smallTableRepeats, noiseFloor, huberOnOutliers, logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    public AutoOptions withRepeats(int r) {
        return new AutoOptions(gpCandidate, stacking, r, noiseFloor, huberOnOutliers, logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    /** These options with every GP of auto isotropic ({@link KernelChoice#ISOTROPIC}) or ARD. */
    public AutoOptions withIsotropicGp(boolean on) {
        return withGpKernel(on ? KernelChoice.ISOTROPIC : KernelChoice.ARD);
    }

    public AutoOptions withNoiseFloor(double floor) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, floor, huberOnOutliers, logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, rankTarget);
    }

    public AutoOptions withIsotropicCandidate(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers,
                logTarget, l2spGrid, on, gentleCandidate, gpKernel, rankTarget);
    }

    public AutoOptions withGentleCandidate(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers,
                logTarget, l2spGrid, isotropicCandidate, on, gpKernel, rankTarget);
    }

    /** Fraction of the rows tied at a column's minimum or maximum from which it counts as floored/ceilinged. */
    public static final double TIED_AT_BOUND = 0.2;

    /** Distance to a bound, as a fraction of its range ([0, 1] or [0, 100]), that counts as at the bound. */
    public static final double NEAR_BOUND = 0.02;

    /** Part of [0, 1] or [0, 100] the values must spread over to count as a fraction or a percentage. */
    public static final double SPREAD = 0.1;

    public AutoOptions withRankTarget(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers,
                logTarget, l2spGrid, isotropicCandidate, gentleCandidate, gpKernel, on);
    }

    /**
     * Whether {@code gp-rank} is a candidate for targets {@code y} ([row][target], raw units), decided
     * from these rows alone: {@link #rankTarget} is on and every target column, with at least 3 distinct
     * values, looks bounded, i.e.
     * <ul>
     * <li>at least {@link #TIED_AT_BOUND} of its rows, and 2, are tied at its minimum or at its maximum: a floor or
     * a ceiling, as a threshold response or a detection limit makes; a GP on the raw values spends its
     * smooth mean on the step, the normal scores spread the tied rows to one score and the clamped
     * back-transform returns the floor exactly; or
     * <li>every value lies in [0, 1], else in [0, 100] (a fraction or a percentage) and some value lies within
     * {@link #NEAR_BOUND} of that range of a bound, where the raw GP's symmetric errors cross the bound, and
     * the values spread over at least {@link #SPREAD} of the range (else any column of values between 0 and
     * 2, a density in g/cm3 say, would count as a percentage near 0: it fired so on electrode-corrupted).
     * </ul>
     * With fewer than 3 distinct values there is no shape to transform.
     */
    boolean rankCandidate(double[][] y) {
        if (!rankTarget) {
            return false;
        }
        for (int t = 0; t < y[0].length; t++) {
            if (!bounded(Matrices.column(y, t))) {
                return false;
            }
        }
        return true;
    }

    /** The rule of {@link #rankCandidate} for one column. */
    static boolean bounded(double[] v) {
        double min = java.util.Arrays.stream(v).min().orElse(0);
        double max = java.util.Arrays.stream(v).max().orElse(0);
        if (java.util.Arrays.stream(v).distinct().count() < 3) {
            return false;
        }
        long atMin = java.util.Arrays.stream(v).filter(x -> x == min).count();
        long atMax = java.util.Arrays.stream(v).filter(x -> x == max).count();
        if (Math.max(atMin, atMax) >= Math.max(2, TIED_AT_BOUND * v.length)) {
            return true;
        }
        // fractions in [0, 1] are in [0, 100] too: the smaller range that holds them is their bound; the
        // values must spread over SPREAD of it (a density of 1.4-1.8 g/cm3 is no percentage near 0)
        double range = max <= 1 ? 1 : 100;
        return min >= 0 && max <= range && max - min >= SPREAD * range
                && (min <= NEAR_BOUND * range || max >= (1 - NEAR_BOUND) * range);
    }

    public AutoOptions withGpKernel(KernelChoice choice) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, noiseFloor, huberOnOutliers,
                logTarget, l2spGrid, isotropicCandidate, gentleCandidate, choice, rankTarget);
    }
}
