package io.transfab.model.gp;

import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import io.transfab.model.SideBySide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fits a {@link GaussianProcess}: for each output column independently, maximises the log
 * marginal likelihood (Rasmussen &amp; Williams 2006, eq. 2.30) over (log s2, log l_1..log l_D,
 * log noise) with its analytic gradient (R&amp;W eq. 5.9) by box-constrained L-BFGS, from a default
 * start and {@link GpOptions#restarts()} random starts drawn uniformly in the log box, and keeps
 * the best ({@link GpOptions#kernel()}: per input, one shared, or the one of the two with the larger
 * evidence, see {@link KernelChoice}). The default start is s2 = 1 (standardised targets), l_d = sqrt(D) (of the order of the distance
 * between standardised rows, sqrt(2D)) and noise = 0.1, each clipped to its bounds. Each output draws its
 * starts from its own {@code SplittableRandom(seed)}, so fitting several columns together gives the
 * same GP per column as fitting each alone.
 */
public final class GaussianProcessTrainer implements RegressorTrainer {
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-12;
    private static final String TASK = "gp hyperparameters";
    /** Step in log coordinates of the central differences of the gradient in {@link #logEvidence}. */
    private static final double HESSIAN_STEP = 1e-4;

    /**
     * Random restarts of each calibration refit (see {@link #forCalibrationRefits}), at most the
     * configured number: measured on held-out simulator rows, 3 independent starts per refit kept
     * the calibrated 90 % intervals' coverage and width of 10 (docs/statistics.md).
     */
    public static final int CALIBRATION_REFIT_RESTARTS = 3;

    private final GpOptions options;
    private final int refitRestarts;

    private GaussianProcessTrainer(GpOptions options, int refitRestarts) {
        this.options = options;
        this.refitRestarts = refitRestarts;
    }

    public static GaussianProcessTrainer of(GpOptions options) {
        return of(options, CALIBRATION_REFIT_RESTARTS);
    }

    /**
     * A trainer whose {@link #forCalibrationRefits()} trainer draws {@code min(refitRestarts,
     * options.restarts())} random starts.
     */
    public static GaussianProcessTrainer of(GpOptions options, int refitRestarts) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (refitRestarts < 0) {
            throw new IllegalArgumentException("refitRestarts must be >= 0, got " + refitRestarts);
        }
        return new GaussianProcessTrainer(options, refitRestarts);
    }

    /**
     * The trainer of the calibration's out-of-fold refits: the same options with
     * {@code min(refitRestarts, restarts)} random starts besides the default start. Each refit still
     * optimises from its own independent starts (no start from the full fit's hyperparameters, which
     * made the out-of-fold residuals optimistic, see {@link io.transfab.model.Training}); only their
     * number is smaller, which costs the calibration little because it pools the residuals of ten
     * refits, where a refit that settles in a worse optimum moves a few scores, not the model.
     */
    @Override
    public GaussianProcessTrainer forCalibrationRefits() {
        int r = Math.min(refitRestarts, options.restarts());
        return r == options.restarts() ? this : new GaussianProcessTrainer(options.withRestarts(r), refitRestarts);
    }

    /** A trainer with {@link GpOptions#defaults()}. */
    public static GaussianProcessTrainer withDefaults() {
        return of(GpOptions.defaults());
    }

    public GpOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return GaussianProcess.KIND;
    }

    /**
     * Fits of {@link #PARALLEL_MIN_ROWS} rows or more (a recommended model on a whole target table and
     * its calibration's fold refits) run in {@link #PARALLEL_PIECES} interleaved pieces side by side:
     * each fit is a pure function of its task, so the results are the same bits in the same order.
     * Smaller fits (an assessment split's) stay on one thread, where {@code --jobs} runs splits side
     * by side.
     */
    static final int PARALLEL_MIN_ROWS = 64;
    /** Pieces of a large {@link #fitAll}: a product constant, not the core count. */
    static final int PARALLEL_PIECES = 2;

    @Override
    public List<Regressor> fitAll(List<FitTask> tasks, Progress progress) {
        if (tasks.size() < 2 || tasks.stream().anyMatch(t -> t.x().length < PARALLEL_MIN_ROWS)) {
            return RegressorTrainer.super.fitAll(tasks, progress);
        }
        int[] done = new int[1];
        List<Supplier<List<GaussianProcess>>> pieces = new ArrayList<>();
        for (int piece = 0; piece < PARALLEL_PIECES; piece++) {
            int first = piece;
            pieces.add(() -> {
                List<GaussianProcess> fitted = new ArrayList<>();
                for (int i = first; i < tasks.size(); i += PARALLEL_PIECES) {
                    FitTask t = tasks.get(i);
                    fitted.add(fit(t.x(), t.y(), t.seed(), Progress.NONE));
                    synchronized (done) { // pieces report from their own threads
                        progress.update(TASK, ++done[0], tasks.size());
                    }
                }
                return fitted;
            });
        }
        List<List<GaussianProcess>> byPiece = SideBySide.run(pieces);
        List<Regressor> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            out.add(byPiece.get(i % PARALLEL_PIECES).get(i / PARALLEL_PIECES));
        }
        return out;
    }

    @Override
    public GaussianProcess fit(double[][] x, double[][] y, long seed, Progress progress) {
        int inputs = Matrices.columns(x, "x");
        int outputCount = Matrices.columns(y, "y");
        if (y.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        int restarts = restartsFor(x.length);
        int steps = stepsPerOutput(restarts, inputs);
        int total = outputCount * steps;
        List<GpHyperparameters> best = new ArrayList<>(outputCount);
        for (int t = 0; t < outputCount; t++) {
            best.add(optimise(x, Matrices.column(y, t), inputs, restarts, seed, progress, t * steps, total));
        }
        return GaussianProcess.of(x, y, best);
    }

    /**
     * Random restarts actually used for n rows: the configured number up to 100 rows, at most 3 up
     * to 300 and 1 beyond. Every likelihood evaluation costs O(n^3), and with hundreds of rows the
     * likelihood is sharply determined, so extra starts cost minutes and rarely move the optimum.
     */
    int restartsFor(int n) {
        if (n <= 100) {
            return options.restarts();
        }
        return Math.min(options.restarts(), n <= 300 ? 3 : 1);
    }

    private GpHyperparameters optimise(double[][] x, double[] y, int inputs, int restarts, long seed,
                                       Progress progress, int doneBefore, int total) {
        KernelChoice kernel = options.kernel();
        boolean choose = kernel == KernelChoice.EVIDENCE || kernel == KernelChoice.BIC;
        if (!choose || inputs == 1) { // with one input both kernels are the same
            double[] theta = optimise(x, y, inputs, kernel == KernelChoice.ISOTROPIC ? 1 : inputs, restarts, seed,
                    progress, doneBefore, total);
            return GpHyperparameters.fromLog(expand(theta, inputs));
        }
        // both from the same starts' stream as a plain ARD / isotropic fit, so a choice gives that fit exactly
        double[] ard = optimise(x, y, inputs, inputs, restarts, seed, progress, doneBefore, total);
        double[] iso = optimise(x, y, inputs, 1, restarts, seed, progress, doneBefore + restarts + 1, total);
        double ardEvidence = kernel == KernelChoice.BIC ? bic(x, y, ard) : logEvidence(x, y, ard, inputs);
        double isoEvidence = kernel == KernelChoice.BIC ? bic(x, y, iso) : logEvidence(x, y, iso, 1);
        // NaN never wins; a tie keeps the isotropic kernel, the simpler one
        return GpHyperparameters.fromLog(expand(ardEvidence > isoEvidence || Double.isNaN(isoEvidence) ? ard : iso,
                inputs));
    }

    /** Progress steps per output: one per start, twice as many where {@link KernelChoice#EVIDENCE} fits both. */
    private int stepsPerOutput(int restarts, int inputs) {
        boolean choose = options.kernel() == KernelChoice.EVIDENCE || options.kernel() == KernelChoice.BIC;
        return (restarts + 1) * (choose && inputs > 1 ? 2 : 1);
    }

    /**
     * The Bayesian information criterion as a log evidence, {@code lml - k/2 log n}, for the fitted
     * hyperparameters {@code theta} (optimiser coordinates, k of them) on n rows (Schwarz 1978).
     */
    static double bic(double[][] x, double[] y, double[] theta) {
        int inputs = Matrices.columns(x, "x");
        double lml = -negativeLogLikelihood(x, y, inputs).evaluate(theta.clone(), new double[theta.length]);
        return lml - 0.5 * theta.length * Math.log(x.length);
    }

    /**
     * The best of the starts for {@code free} length scales (1 = isotropic, {@code inputs} = ARD), in
     * the optimiser's coordinates (log s2, log l_1..log l_free, log noise).
     */
    private double[] optimise(double[][] x, double[] y, int inputs, int free, int restarts, long seed,
                              Progress progress, int doneBefore, int total) {
        double[] lo = options.logLower(free);
        double[] hi = options.logUpper(free);
        BoxLbfgs lbfgs = BoxLbfgs.of(options.maxIterations(), GRADIENT_TOLERANCE, RELATIVE_TOLERANCE);
        BoxLbfgs.Objective negativeLml = negativeLogLikelihood(x, y, inputs);
        SplittableRandom random = new SplittableRandom(seed);
        double[] bestTheta = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int r = 0; r <= restarts; r++) {
            double[] start = r == 0 ? defaultStart(free, inputs) : randomStart(random, lo, hi);
            BoxLbfgs.Result result = lbfgs.minimise(negativeLml, start, lo, hi);
            if (result.value() < bestValue) { // NaN never wins; ties keep the earlier start
                bestValue = result.value();
                bestTheta = result.x();
            }
            progress.update(TASK, doneBefore + r + 1, total);
        }
        if (bestTheta == null) {
            throw new IllegalStateException("no start gave a positive definite covariance matrix");
        }
        return bestTheta;
    }

    /**
     * Minus the log marginal likelihood and its gradient in the optimiser's coordinates. Isotropic
     * (theta of length 3): the shared log l is broadcast to every input, and its gradient is the sum
     * of the per-input ones (chain rule).
     */
    private static BoxLbfgs.Objective negativeLogLikelihood(double[][] x, double[] y, int inputs) {
        double[] fullGrad = new double[inputs + 2];
        return (theta, grad) -> {
            double lml = Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(expand(theta, inputs)), fullGrad);
            grad[0] = -fullGrad[0];
            grad[grad.length - 1] = -fullGrad[inputs + 1];
            if (theta.length == inputs + 2) {
                for (int d = 1; d <= inputs; d++) {
                    grad[d] = -fullGrad[d];
                }
            } else {
                double shared = 0;
                for (int d = 1; d <= inputs; d++) {
                    shared += fullGrad[d];
                }
                grad[1] = -shared;
            }
            return -lml;
        };
    }

    /**
     * The Laplace approximation of the log evidence of the kernel with {@code free} length scales at
     * its fitted hyperparameters {@code theta} (optimiser coordinates), with a prior uniform in the
     * log box of {@link #options}: {@code log Z = lml + log p(theta) + sum_i 1/2 log(2 pi / lambda_i)}
     * (MacKay 1992; Rasmussen &amp; Williams 2006, sec. 5.4), where {@code log p(theta) = -sum_j log w_j}
     * with {@code w_j} the widths of the log box and {@code lambda_i} the eigenvalues of the Hessian of
     * minus the log likelihood (central differences of the analytic gradient). A direction the rows do
     * not determine (flat or curving the wrong way, such as a length scale at its upper bound) can be
     * no wider than the prior: its term is capped at {@code log w} (the geometric mean width), so it
     * costs nothing. Each determined hyperparameter costs its Occam factor {@code log(w / posterior width)}.
     * NaN where the covariance is not positive definite around {@code theta}.
     */
    double logEvidence(double[][] x, double[] y, double[] theta, int free) {
        int inputs = Matrices.columns(x, "x");
        int k = theta.length;
        if (k != free + 2) {
            throw new IllegalArgumentException("theta has " + k + " entries, expected " + (free + 2));
        }
        BoxLbfgs.Objective f = negativeLogLikelihood(x, y, inputs);
        double[] g = new double[k];
        double lml = -f.evaluate(theta.clone(), g);
        double[] lo = options.logLower(free);
        double[] hi = options.logUpper(free);
        double logPrior = 0;
        for (int j = 0; j < k; j++) {
            logPrior -= Math.log(hi[j] - lo[j]);
        }
        double logWidth = -logPrior / k;
        DMatrixRMaj h = new DMatrixRMaj(k, k);
        double[] gPlus = new double[k];
        double[] gMinus = new double[k];
        for (int j = 0; j < k; j++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += HESSIAN_STEP;
            tm[j] -= HESSIAN_STEP;
            if (Double.isNaN(f.evaluate(tp, gPlus)) || Double.isNaN(f.evaluate(tm, gMinus))) {
                return Double.NaN;
            }
            for (int i = 0; i < k; i++) {
                h.add(i, j, 0.25 * (gPlus[i] - gMinus[i]) / HESSIAN_STEP); // symmetrised below
                h.add(j, i, 0.25 * (gPlus[i] - gMinus[i]) / HESSIAN_STEP);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, false, true);
        if (!eig.decompose(h)) {
            return Double.NaN;
        }
        double occam = 0;
        for (int i = 0; i < k; i++) {
            double lambda = eig.getEigenvalue(i).getReal();
            occam += lambda > 0 ? Math.min(0.5 * Math.log(2 * Math.PI / lambda), logWidth) : logWidth;
        }
        return lml + logPrior + occam;
    }

    /** The default start clipped to the bounds (the noise floor may lie above 0.1). */
    private double[] defaultStart(int free, int inputs) {
        double noise = Math.min(Math.max(0.1, options.minNoiseVariance()), options.maxNoiseVariance());
        return new GpHyperparameters(1.0, filled(free, Math.sqrt(inputs)), noise).toLog();
    }

    /** Optimiser coordinates with one shared length scale broadcast to every input (identity for ARD). */
    private static double[] expand(double[] theta, int inputs) {
        if (theta.length == inputs + 2) {
            return theta;
        }
        double[] full = new double[inputs + 2];
        full[0] = theta[0];
        java.util.Arrays.fill(full, 1, inputs + 1, theta[1]);
        full[inputs + 1] = theta[2];
        return full;
    }

    private static double[] randomStart(SplittableRandom random, double[] lo, double[] hi) {
        double[] s = new double[lo.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = lo[j] + (hi[j] - lo[j]) * random.nextDouble();
        }
        return s;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
