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

/**
 * Fits a {@link GaussianProcess}: for each output column independently, maximises the log
 * marginal likelihood (Rasmussen &amp; Williams 2006, eq. 2.30) over (log s2, log l_1..log l_D,
 * log noise) with its analytic gradient (R&amp;W eq. 5.9) by box-constrained L-BFGS, from a default
 * start and {@link GpOptions#restarts()} random starts drawn uniformly in the log box, and keeps
 * the best. The default start is s2 = 1 (standardised targets), l_d = sqrt(D) (of the order of the distance
 * between standardised rows, sqrt(2D)) and noise = 0.1, each clipped to its bounds. Each output draws its
 * starts from its own {@code SplittableRandom(seed)}, so fitting several columns together gives the
 * same GP per column as fitting each alone.
 */
public final class GaussianProcessTrainer implements RegressorTrainer {
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-12;
    private static final String TASK = "gp hyperparameters";

    private final GpOptions options;

    private GaussianProcessTrainer(GpOptions options) {
        this.options = options;
    }

    public static GaussianProcessTrainer of(GpOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new GaussianProcessTrainer(options);
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
        int total = outputCount * (restarts + 1);
        List<GpHyperparameters> best = new ArrayList<>(outputCount);
        for (int t = 0; t < outputCount; t++) {
            best.add(optimise(x, Matrices.column(y, t), inputs, restarts, seed, progress, t * (restarts + 1), total));
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
        // Isotropic: the optimiser sees (log s2, log l, log noise), broadcast to every input; the
        // gradient of the shared log l is the sum of the per-input ones (chain rule).
        int free = options.isotropic() ? 1 : inputs;
        double[] lo = options.logLower(free);
        double[] hi = options.logUpper(free);
        BoxLbfgs lbfgs = BoxLbfgs.of(options.maxIterations(), GRADIENT_TOLERANCE, RELATIVE_TOLERANCE);
        double[] fullGrad = new double[inputs + 2];
        BoxLbfgs.Objective negativeLml = (theta, grad) -> {
            double lml = Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(expand(theta, inputs)), fullGrad);
            grad[0] = -fullGrad[0];
            grad[grad.length - 1] = -fullGrad[inputs + 1];
            if (free == inputs) {
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
        return GpHyperparameters.fromLog(expand(bestTheta, inputs));
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
