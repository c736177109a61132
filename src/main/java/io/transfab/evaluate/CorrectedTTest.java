package io.transfab.evaluate;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The corrected resampled t-test of Nadeau and Bengio (2003, <i>Machine Learning</i> 52:239-281,
 * section 4) for paired errors of two methods on J resampled train/test splits of one table.
 * The splits share training rows, so their differences are positively correlated and the plain
 * paired t-test is anti-conservative; the correction inflates the variance of the mean difference
 * from s^2 / J to
 *
 * <pre>  Var(d_bar) = (1/J + n_test/n_train) s^2,   t = d_bar / sqrt(Var(d_bar)),   df = J - 1</pre>
 *
 * where d_j = errorA_j - errorB_j, d_bar their mean and s^2 their sample variance (divisor J - 1).
 * The p-value is two-sided from the Student-t distribution with J - 1 degrees of freedom (Apache
 * Commons Statistics). Bouckaert and Frank (2004) use the same correction for repeated k-fold
 * (n_test/n_train = 1/(k-1)). When every difference is equal, s^2 = 0: p = 1 when they are all
 * zero, else p = 0 (scipy's {@code ttest_rel} gives t = +-inf, p = 0 there too).
 *
 * @param splits          J, the number of paired splits
 * @param meanDifference  d_bar (negative: A's errors are lower)
 * @param standardError   sqrt((1/J + n_test/n_train) s^2)
 * @param t               the corrected statistic
 * @param degreesOfFreedom J - 1
 * @param pValue          two-sided
 * @param testTrainRatio  n_test/n_train of the splits (0 gives the plain paired t-test)
 */
public record CorrectedTTest(int splits, double meanDifference, double standardError, double t,
        int degreesOfFreedom, double pValue, double testTrainRatio) {

    /**
     * Tests errors A against errors B on the same splits.
     *
     * @param testTrainRatio n_test/n_train of one split (averaged if they differ), >= 0
     */
    public static CorrectedTTest of(double[] errorsA, double[] errorsB, double testTrainRatio) {
        if (errorsA.length != errorsB.length || errorsA.length < 2) {
            throw new IllegalArgumentException("the corrected t-test needs equally many errors per method, at least "
                    + "two splits; got " + errorsA.length + " and " + errorsB.length);
        }
        if (!(testTrainRatio >= 0) || Double.isInfinite(testTrainRatio)) {
            throw new IllegalArgumentException("n_test/n_train must be finite and >= 0; got " + testTrainRatio);
        }
        int j = errorsA.length;
        double[] d = new double[j];
        double mean = 0;
        for (int i = 0; i < j; i++) {
            d[i] = errorsA[i] - errorsB[i];
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("errors must be finite; split " + i + " gives " + d[i]);
            }
            mean += d[i];
        }
        mean /= j;
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double variance = ss / (j - 1);
        double se = Math.sqrt((1.0 / j + testTrainRatio) * variance);
        int df = j - 1;
        if (se == 0) {
            return new CorrectedTTest(j, mean, 0, mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), df,
                    mean == 0 ? 1 : 0, testTrainRatio);
        }
        double t = mean / se;
        double p = Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
        return new CorrectedTTest(j, mean, se, t, df, p, testTrainRatio);
    }
}
