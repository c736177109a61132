package io.transfab.evaluate;

/**
 * A learning-curve summary of one method at one training size over its repeats: the median and a
 * band between the {@code lowerQuantile} and {@code upperQuantile} sample quantiles.
 */
public record CurveBand(String method, int size, int repeats, double median, double lower, double upper,
        double lowerQuantile, double upperQuantile) {
}
