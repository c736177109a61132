package io.transfab.design;

import io.transfab.data.DataException;
import java.util.List;

/**
 * Options of {@link ActiveLearningStudy}.
 *
 * @param properties simulated properties whose test R2 is scored (all are targets of one model)
 * @param initial designed experiments before the first round (maximin LHS)
 * @param batch experiments added per round
 * @param rounds rounds after the initial design; the largest size is initial + rounds * batch
 * @param seeds repetitions, each with its own designs, noise and model seeds
 * @param testRows size of the fixed test set (uniform random points of the space)
 * @param noisyTest score against one noisy measurement per test point instead of the noise-free simulator
 *        (noise then caps the reachable R2 below 1)
 * @param targetR2 R2 to reach for "experiments needed"
 * @param compareMaxStd also run active learning with the maximum-std rule ({@code explore:max-std})
 * @param seed root seed; the same options give the same result
 */
public record ActiveLearningOptions(List<String> properties, int initial, int batch, int rounds, int seeds,
        int testRows, boolean noisyTest, double targetR2, boolean compareMaxStd, long seed) {
    /** Options without the max-std comparison. */
    public ActiveLearningOptions(List<String> properties, int initial, int batch, int rounds, int seeds,
            int testRows, boolean noisyTest, double targetR2, long seed) {
        this(properties, initial, batch, rounds, seeds, testRows, noisyTest, targetR2, false, seed);
    }

    public ActiveLearningOptions {
        properties = List.copyOf(properties);
        if (properties.isEmpty()) {
            throw DataException.option("--properties needs at least one property");
        }
        if (properties.stream().distinct().count() != properties.size()) {
            throw DataException.option("--properties lists a property twice: " + properties);
        }
        for (String p : properties) {
            SimulatorLab.propertyIndex(p);
        }
        if (initial < 3) {
            throw DataException.option("--initial must be >= 3; got " + initial);
        }
        if (batch < 1) {
            throw DataException.option("--batch must be >= 1; got " + batch);
        }
        if (rounds < 1) {
            throw DataException.option("--rounds must be >= 1; got " + rounds);
        }
        if (seeds < 1) {
            throw DataException.option("--seeds must be >= 1; got " + seeds);
        }
        if (testRows < 10) {
            throw DataException.option("--test-rows must be >= 10; got " + testRows);
        }
        if (!(targetR2 <= 1)) {
            throw DataException.option("--target-r2 must be a number <= 1; got " + targetR2);
        }
    }

    /** The methods compared, in report order. */
    public List<StudyMethod> methods() {
        return compareMaxStd ? List.of(StudyMethod.values())
                : List.of(StudyMethod.ACTIVE, StudyMethod.RANDOM, StudyMethod.LHS);
    }

    /** Size after each round: initial, initial + batch, ..., initial + rounds * batch. */
    public int[] sizes() {
        int[] s = new int[rounds + 1];
        for (int r = 0; r <= rounds; r++) {
            s[r] = initial + r * batch;
        }
        return s;
    }
}
