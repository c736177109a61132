package io.transfab.evaluate;

/**
 * Scores for Gaussian predictive distributions N(mu_i, sigma_i^2) against measurements y_i:
 * <ul>
 * <li>coverage of the central interval mu +- z sigma, z = Phi^-1((1 + level) / 2) (1.6449 for 90 %);
 * <li>mean negative log predictive density NLPD = mean_i [log(sigma_i sqrt(2 pi)) + (y_i - mu_i)^2 / (2 sigma_i^2)];
 * <li>mean standardised log loss (Rasmussen and Williams 2006, Gaussian Processes for Machine
 * Learning, sec. 2.5 after eq. 2.34): mean_i [NLPD_i - NLPD_i of N(m, s^2)] where m and s^2 are the
 * mean and variance (divisor n) of the training targets; 0 is the trivial predictor, lower is
 * better.
 * </ul>
 * Rows whose sigma is NaN, infinite, zero or negative are skipped and counted.
 */
public final class UncertaintyQuality {
    public static final double DEFAULT_LEVEL = 0.90;

    private UncertaintyQuality() {
    }

    /** Scores at the 90 % level with the trivial predictor fitted to the training targets. */
    public static UncertaintyScores of(double[] measured, double[] mean, double[] std, double[] trainTargets) {
        return of(measured, mean, std, trainTargets, DEFAULT_LEVEL);
    }

    /** Scores at the given coverage level with the trivial predictor fitted to the training targets. */
    public static UncertaintyScores of(double[] measured, double[] mean, double[] std, double[] trainTargets,
            double level) {
        if (trainTargets.length < 2) {
            throw new IllegalArgumentException("need at least 2 training targets for the trivial predictor; got "
                    + trainTargets.length);
        }
        double m = 0;
        for (double t : trainTargets) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("training target is not finite: " + t);
            }
            m += t;
        }
        m /= trainTargets.length;
        double v = 0;
        for (double t : trainTargets) {
            v += (t - m) * (t - m);
        }
        v /= trainTargets.length;
        return of(measured, mean, std, m, v, level);
    }

    /** Scores with an explicit trivial predictor N(trainMean, trainVariance). */
    public static UncertaintyScores of(double[] measured, double[] mean, double[] std, double trainMean,
            double trainVariance, double level) {
        if (measured.length != mean.length || measured.length != std.length) {
            throw new IllegalArgumentException("measured, mean and std need equal lengths; got " + measured.length
                    + ", " + mean.length + ", " + std.length);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("coverage level must be in (0, 1); got " + level);
        }
        if (!Double.isFinite(trainMean) || !(trainVariance > 0) || Double.isInfinite(trainVariance)) {
            throw new IllegalArgumentException("trivial predictor needs a finite mean and a positive variance; got "
                    + trainMean + ", " + trainVariance);
        }
        double z = NormalDistribution.quantile(0.5 + level / 2);
        double trivialSd = Math.sqrt(trainVariance);
        int used = 0;
        int covered = 0;
        double nlpd = 0;
        double sll = 0;
        for (int i = 0; i < measured.length; i++) {
            if (!Double.isFinite(measured[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("row " + i + " is not finite: measured " + measured[i]
                        + ", mean " + mean[i]);
            }
            double s = std[i];
            if (!(s > 0) || Double.isInfinite(s)) {
                continue;
            }
            used++;
            covered += Math.abs(measured[i] - mean[i]) <= z * s ? 1 : 0;
            double rowNlpd = -NormalDistribution.logPdf(measured[i], mean[i], s);
            nlpd += rowNlpd;
            sll += rowNlpd + NormalDistribution.logPdf(measured[i], trainMean, trivialSd);
        }
        int skipped = measured.length - used;
        if (used == 0) {
            return new UncertaintyScores(0, skipped, level, Double.NaN, Double.NaN, Double.NaN);
        }
        return new UncertaintyScores(used, skipped, level, (double) covered / used, nlpd / used, sll / used);
    }
}
