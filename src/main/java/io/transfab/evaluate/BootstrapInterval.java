package io.transfab.evaluate;

/**
 * Bootstrap confidence intervals of one metric: the estimate on all rows, the percentile
 * interval, the BCa interval, and BCa's bias correction z0 and acceleration a (NaN when
 * undefined, e.g. when every jackknife value is equal; the BCa bounds are then NaN too).
 */
public record BootstrapInterval(MetricKind metric, double estimate, ConfidenceInterval percentile,
        ConfidenceInterval bca, int resamples, double biasCorrection, double acceleration) {
}
