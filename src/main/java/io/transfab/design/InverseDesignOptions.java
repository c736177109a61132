package io.transfab.design;

import io.transfab.data.DataException;
import java.util.List;

/**
 * Options of {@link InverseDesignStudy}.
 *
 * @param property the simulated property to hit
 * @param targets requested values; empty for five values at the 10, 30, 50, 70 and 90% quantiles of the
 *        property's true value over the space
 * @param trainRuns experiments (maximin LHS) the model is trained on
 * @param proposals parameter sets each model-based method proposes per requested value (k)
 * @param seeds repetitions with their own training design, noise and search seeds
 * @param tolerance a proposal hits when its true value is within this of the requested one; NaN for twice
 *        the replicate standard deviation of the property at the centre of the space
 * @param seed root seed; the same options give the same result
 */
public record InverseDesignOptions(String property, List<Double> targets, int trainRuns, int proposals, int seeds,
        double tolerance, long seed) {
    public InverseDesignOptions {
        SimulatorLab.propertyIndex(property);
        targets = List.copyOf(targets);
        for (double t : targets) {
            if (!Double.isFinite(t)) {
                throw DataException.option("--targets must be finite numbers; got " + t);
            }
        }
        if (trainRuns < 3) {
            throw DataException.option("--train-runs must be >= 3; got " + trainRuns);
        }
        if (proposals < 1) {
            throw DataException.option("--proposals must be >= 1; got " + proposals);
        }
        if (seeds < 1) {
            throw DataException.option("--seeds must be >= 1; got " + seeds);
        }
        if (!(tolerance > 0) && !Double.isNaN(tolerance)) {
            throw DataException.option("--tolerance must be > 0; got " + tolerance);
        }
    }
}
