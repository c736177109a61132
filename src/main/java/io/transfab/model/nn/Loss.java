package io.transfab.model.nn;

/**
 * The data term a network is trained on, per residual {@code r = prediction - target} in the
 * standardised target units the trainers work in (targets arrive divided by their training-table
 * standard deviation, see {@code model.Normalizer}), averaged over rows and targets.
 *
 * <p>{@link #HUBER} is Huber's (1964, "Robust estimation of a location parameter") loss, scaled by 2
 * so that it equals the squared error inside the threshold: {@code r^2} for {@code |r| <= delta},
 * {@code 2 delta |r| - delta^2} beyond. The factor keeps the learning rate, weight decay and L2-SP
 * strength meaning the same for both losses; the minimiser is Huber's. The threshold
 * {@link #HUBER_DELTA} = 1.345 standard deviations gives 95 % efficiency at normally distributed
 * errors (Huber 1981; scikit-learn's {@code HuberRegressor} default {@code epsilon = 1.35}), so a
 * clean fit is nearly that of the squared error while a gross outlier pulls only linearly.
 */
public enum Loss {
    /** Mean squared error. */
    SQUARED,
    /** Mean Huber loss with threshold {@link #HUBER_DELTA} (times 2, see the type's javadoc). */
    HUBER;

    /** Huber's threshold, in standard deviations of the standardised targets. */
    public static final double HUBER_DELTA = 1.345;

    /** The loss of one residual, in double precision (the formula the tensor version follows). */
    public double of(double residual) {
        double a = Math.abs(residual);
        return switch (this) {
            case SQUARED -> residual * residual;
            case HUBER -> a <= HUBER_DELTA ? a * a : 2 * HUBER_DELTA * a - HUBER_DELTA * HUBER_DELTA;
        };
    }

    /** d loss / d residual: {@code 2 r}, for Huber clipped to {@code +-2 delta}. */
    public double derivative(double residual) {
        return switch (this) {
            case SQUARED -> 2 * residual;
            case HUBER -> 2 * Math.max(-HUBER_DELTA, Math.min(HUBER_DELTA, residual));
        };
    }
}
