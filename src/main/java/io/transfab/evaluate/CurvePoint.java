package io.transfab.evaluate;

/** One learning-curve measurement: a method's metric value at a training size in one repeat. */
public record CurvePoint(String method, int size, double value) {
    public CurvePoint {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method name is required");
        }
        if (size < 1) {
            throw new IllegalArgumentException("training size must be >= 1; got " + size);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + method + " at size " + size + " is not finite: " + value);
        }
    }
}
