package io.transfab.evaluate;

/**
 * Quality of Gaussian predictive distributions over test rows. {@code used} rows had a finite,
 * positive standard deviation; {@code skipped} rows did not (NaN for models without uncertainty,
 * zero for degenerate ones) and are left out of every average. With no usable row the scores
 * are NaN.
 *
 * @param coverage fraction of used rows whose measurement lies in mu +- z sigma, z = Phi^-1((1 + level) / 2)
 * @param meanNlpd mean negative log predictive density
 * @param msll mean standardised log loss (negative is better than the trivial predictor)
 */
public record UncertaintyScores(int used, int skipped, double level, double coverage, double meanNlpd,
        double msll) {
}
