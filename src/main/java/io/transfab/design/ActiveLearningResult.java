package io.transfab.design;

import io.transfab.evaluate.Quantiles;
import java.util.List;
import java.util.OptionalInt;

/**
 * Test R2 of every {@link StudyMethod}, property, seed and size of an {@link ActiveLearningStudy}, with the
 * summaries the report shows: the mean over seeds, a 95% band of the mean (mean +- 1.96 standard errors)
 * and the experiments needed until the mean reaches a target R2.
 */
public final class ActiveLearningResult {
    private final ActiveLearningOptions options;
    private final String chemistry;
    /** r2[method][property][seed][size]. */
    private final double[][][][] r2;

    ActiveLearningResult(ActiveLearningOptions options, String chemistry, double[][][][] r2) {
        this.options = options;
        this.chemistry = chemistry;
        this.r2 = r2;
    }

    public ActiveLearningOptions options() {
        return options;
    }

    /** CLI name of the simulated chemistry. */
    public String chemistry() {
        return chemistry;
    }

    /** The methods compared, in report order. */
    public List<StudyMethod> methods() {
        return options.methods();
    }

    public List<String> properties() {
        return options.properties();
    }

    /** Number of experiments at each step. */
    public int[] sizes() {
        return options.sizes();
    }

    /** Test R2 of one run. */
    public double r2(StudyMethod method, int property, int seed, int size) {
        return r2[method.ordinal()][property][seed][size];
    }

    /** The R2 over seeds at one size (a fresh array). */
    public double[] overSeeds(StudyMethod method, int property, int size) {
        double[] v = new double[options.seeds()];
        for (int s = 0; s < v.length; s++) {
            v[s] = r2[method.ordinal()][property][s][size];
        }
        return v;
    }

    public double mean(StudyMethod method, int property, int size) {
        double sum = 0;
        for (double v : overSeeds(method, property, size)) {
            sum += v;
        }
        return sum / options.seeds();
    }

    public double median(StudyMethod method, int property, int size) {
        return Quantiles.median(overSeeds(method, property, size));
    }

    /** 1.96 standard errors of the mean over seeds (NaN for one seed). */
    public double halfBand(StudyMethod method, int property, int size) {
        double[] v = overSeeds(method, property, size);
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(method, property, size);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return 1.96 * Math.sqrt(ss / (v.length - 1) / v.length);
    }

    /** The smallest size at which the mean R2 reaches {@code target}; empty when no size does. */
    public OptionalInt experimentsToReach(StudyMethod method, int property, double target) {
        int[] sizes = sizes();
        for (int i = 0; i < sizes.length; i++) {
            if (mean(method, property, i) >= target) {
                return OptionalInt.of(sizes[i]);
            }
        }
        return OptionalInt.empty();
    }

    /** How many seeds reach {@code target} at the largest size. */
    public int seedsReaching(StudyMethod method, int property, double target) {
        int count = 0;
        for (double v : overSeeds(method, property, sizes().length - 1)) {
            if (v >= target) {
                count++;
            }
        }
        return count;
    }
}
