package io.transfab.model.gp;

/**
 * How {@link GaussianProcessTrainer} fits the hyperparameters: the number of random restarts
 * besides the default start, the L-BFGS iteration limit per start, and the box for each
 * hyperparameter (the optimiser works in log space, so every bound must be positive).
 *
 * <p>The {@link #defaults()} assume standardised targets and standardised or 0/1 inputs: signal
 * variance 1e-3..1e3 (the target variance is 1), length scales 1e-2..1e3 (from far shorter than
 * the data spread to effectively constant along an input), noise variance 1e-6..1e1 (from almost
 * noise-free interpolation, still well conditioned, to pure noise).
 *
 * <p>{@code kernel}: {@link KernelChoice#ARD} (one length scale per input, the default),
 * {@link KernelChoice#ISOTROPIC} (one length scale shared by every input, the kernel scikit-learn's
 * {@code Matern(nu=2.5)} has unless given one per input) or {@link KernelChoice#EVIDENCE} (both
 * fitted, the one with the larger Laplace evidence kept). With ten rows and several inputs the ARD
 * likelihood has many near-equal optima that interpolate the noise; one shared scale has a single,
 * stable one. {@code minNoiseVariance} is the noise floor: in
 * standardised target units it is the smallest fraction of the target variance the fit may call noise.
 */
public record GpOptions(int restarts, int maxIterations,
                        double minSignalVariance, double maxSignalVariance,
                        double minLengthScale, double maxLengthScale,
                        double minNoiseVariance, double maxNoiseVariance, KernelChoice kernel) {
    /** ARD options (one length scale per input). */
    public GpOptions(int restarts, int maxIterations, double minSignalVariance, double maxSignalVariance,
            double minLengthScale, double maxLengthScale, double minNoiseVariance, double maxNoiseVariance) {
        this(restarts, maxIterations, minSignalVariance, maxSignalVariance, minLengthScale, maxLengthScale,
                minNoiseVariance, maxNoiseVariance, KernelChoice.ARD);
    }

    public GpOptions {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel must not be null");
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        checkRange("signal variance", minSignalVariance, maxSignalVariance);
        checkRange("length scale", minLengthScale, maxLengthScale);
        checkRange("noise variance", minNoiseVariance, maxNoiseVariance);
    }

    /** 10 restarts, 200 iterations, and the bounds described above. */
    public static GpOptions defaults() {
        return new GpOptions(10, 200, 1e-3, 1e3, 1e-2, 1e3, 1e-6, 1e1);
    }

    /** The same bounds with another number of restarts. */
    public GpOptions withRestarts(int newRestarts) {
        return new GpOptions(newRestarts, maxIterations, minSignalVariance, maxSignalVariance,
                minLengthScale, maxLengthScale, minNoiseVariance, maxNoiseVariance, kernel);
    }

    /** These options with the noise variance bounded below by {@code floor} (standardised target units). */
    public GpOptions withNoiseFloor(double floor) {
        return new GpOptions(restarts, maxIterations, minSignalVariance, maxSignalVariance,
                minLengthScale, maxLengthScale, floor, maxNoiseVariance, kernel);
    }

    /** These options with one shared length scale ({@code true}) or one per input. */
    public GpOptions withIsotropic(boolean shared) {
        return withKernel(shared ? KernelChoice.ISOTROPIC : KernelChoice.ARD);
    }

    /** These options with another {@link KernelChoice}. */
    public GpOptions withKernel(KernelChoice choice) {
        return new GpOptions(restarts, maxIterations, minSignalVariance, maxSignalVariance,
                minLengthScale, maxLengthScale, minNoiseVariance, maxNoiseVariance, choice);
    }

    /** Whether every fit shares one length scale ({@link KernelChoice#ISOTROPIC}). */
    public boolean isotropic() {
        return kernel == KernelChoice.ISOTROPIC;
    }

    private static void checkRange(String what, double min, double max) {
        if (!(min > 0) || Double.isInfinite(max) || !(min < max)) {
            throw new IllegalArgumentException(what + " bounds must satisfy 0 < min < max < infinity, got ["
                    + min + ", " + max + "]");
        }
    }

    /** Lower bounds in the optimiser's log coordinates for {@code inputs} length scales. */
    double[] logLower(int inputs) {
        return logBounds(inputs, minSignalVariance, minLengthScale, minNoiseVariance);
    }

    double[] logUpper(int inputs) {
        return logBounds(inputs, maxSignalVariance, maxLengthScale, maxNoiseVariance);
    }

    private static double[] logBounds(int inputs, double s2, double l, double noise) {
        double[] b = new double[inputs + 2];
        b[0] = Math.log(s2);
        for (int d = 0; d < inputs; d++) {
            b[d + 1] = Math.log(l);
        }
        b[inputs + 1] = Math.log(noise);
        return b;
    }
}
