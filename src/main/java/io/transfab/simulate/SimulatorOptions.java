package io.transfab.simulate;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * How the simulator samples and how noisy it is.
 *
 * @param noiseLevel multiplier of every standard deviation of the noise model (process variability,
 *        material lots, measurement): 0 gives the deterministic model, 1 a typical pilot line and lab, at most 2
 * @param sampling how {@link ElectrodeSimulator#sample} spreads parameters over the ranges
 * @param rangePolicy which parameters {@link ElectrodeSimulator#evaluate} accepts
 */
public record SimulatorOptions(double noiseLevel, Sampling sampling, RangePolicy rangePolicy) {
    /** Highest accepted noise level; beyond it measured porosity could leave (0, 1). */
    public static final double MAX_NOISE_LEVEL = 2.0;

    /** How parameters are drawn from the chemistry's ranges. */
    public enum Sampling {
        /** Independent uniform draws per parameter. */
        UNIFORM,
        /** Latin hypercube: each parameter's range is cut into n equal strata, each hit once. */
        LATIN_HYPERCUBE
    }

    /** Which parameters may be evaluated. */
    public enum RangePolicy {
        /** Only parameters inside the chemistry's typical ranges (the default). */
        CHEMISTRY_RANGES,
        /** Any parameters for which the physics holds (flowable slurry, film that shrinks on drying). */
        PHYSICAL_LIMITS
    }

    public SimulatorOptions {
        if (!(noiseLevel >= 0 && noiseLevel <= MAX_NOISE_LEVEL)) {
            throw DataException.option(
                    "--noise must be in [0, " + MAX_NOISE_LEVEL + "] (1 = typical lab), got " + noiseLevel);
        }
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(rangePolicy, "rangePolicy");
    }

    /** Typical noise, Latin-hypercube sampling, chemistry ranges enforced. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(1.0, Sampling.LATIN_HYPERCUBE, RangePolicy.CHEMISTRY_RANGES);
    }

    /** The defaults without any noise. */
    public static SimulatorOptions noiseFree() {
        return defaults().withNoiseLevel(0.0);
    }

    public SimulatorOptions withNoiseLevel(double level) {
        return new SimulatorOptions(level, sampling, rangePolicy);
    }

    public SimulatorOptions withSampling(Sampling s) {
        return new SimulatorOptions(noiseLevel, s, rangePolicy);
    }

    public SimulatorOptions withRangePolicy(RangePolicy p) {
        return new SimulatorOptions(noiseLevel, sampling, p);
    }
}
