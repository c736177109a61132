package io.transfab.transfer;

import io.transfab.model.gp.GpOptions;

/**
 * What {@code auto} considers besides the transfer strategies (issue 13, robust defaults; every
 * default is measured in docs/accuracy-components.md).
 *
 * @param gpCandidate       a Gaussian process on the target rows alone is a candidate ({@code gp})
 * @param stacking          a stack of the candidates is a candidate ({@code stack}): non-negative
 *                          weights on the inner-CV out-of-fold predictions (Breiman 1996)
 * @param smallTableRepeats repeats of the inner cross-validation (new fold assignments each) on
 *                          tables of at most {@link #REPEAT_UP_TO_ROWS} rows; 1 = one k-fold CV
 * @param isotropicGp       the GPs of auto ({@code gp}, the residual GP of {@code transfer-gp}) share
 *                          one length scale across inputs
 * @param noiseFloor        lower bound of the GPs' noise variance as a fraction of the target variance,
 *                          applied when {@link Outliers#present} finds outliers among the target rows;
 *                          0 = the ordinary bound of {@link GpOptions#defaults()}
 */
public record AutoOptions(boolean gpCandidate, boolean stacking, int smallTableRepeats, boolean isotropicGp,
        double noiseFloor) {
    /** Row count up to which {@link #smallTableRepeats} applies. */
    public static final int REPEAT_UP_TO_ROWS = 40;

    public AutoOptions {
        if (smallTableRepeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1; got " + smallTableRepeats);
        }
        if (!(noiseFloor >= 0 && noiseFloor < 1)) {
            throw new IllegalArgumentException("noise floor must be in [0, 1); got " + noiseFloor);
        }
    }

    /** The defaults kept by the measurements of docs/accuracy-components.md. */
    public static AutoOptions defaults() {
        return new AutoOptions(true, true, 2, false, 0.0);
    }

    /** auto as it was before issue 13: the transfer strategies and a network from scratch, one CV. */
    public static AutoOptions before() {
        return new AutoOptions(false, false, 1, false, 0.0);
    }

    /** Repeats of the inner CV for {@code n} target rows. */
    int repeats(int n) {
        return n <= REPEAT_UP_TO_ROWS ? smallTableRepeats : 1;
    }

    /** The options of auto's GPs on standardised targets {@code ys} (the rule of {@link #noiseFloor}). */
    GpOptions gp(double[][] ys) {
        GpOptions g = GpOptions.defaults().withIsotropic(isotropicGp);
        return noiseFloor > 0 && Outliers.present(ys) ? g.withNoiseFloor(noiseFloor) : g;
    }

    public AutoOptions withGpCandidate(boolean on) {
        return new AutoOptions(on, stacking, smallTableRepeats, isotropicGp, noiseFloor);
    }

    public AutoOptions withStacking(boolean on) {
        return new AutoOptions(gpCandidate, on, smallTableRepeats, isotropicGp, noiseFloor);
    }

    public AutoOptions withRepeats(int r) {
        return new AutoOptions(gpCandidate, stacking, r, isotropicGp, noiseFloor);
    }

    public AutoOptions withIsotropicGp(boolean on) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, on, noiseFloor);
    }

    public AutoOptions withNoiseFloor(double floor) {
        return new AutoOptions(gpCandidate, stacking, smallTableRepeats, isotropicGp, floor);
    }
}
