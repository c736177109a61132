package io.transfab.model.gp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Minimises a smooth function over a box {@code lo <= x <= hi} with a projected limited-memory
 * BFGS method: the two-loop recursion of Nocedal &amp; Wright, Numerical Optimization (2nd ed.,
 * 2006), Alg. 7.4, driven as in their Alg. 7.5, but restricted to the variables that are not held
 * at a bound (the two-metric projection of Bertsekas, SIAM J. Control Optim. 20(2), 1982), with
 * an Armijo backtracking search along the projection arc {@code P(x + t d)}.
 *
 * <p>Stops when the projected gradient {@code ||P(x - g) - x||_inf} falls below the gradient
 * tolerance, when an accepted step lowers f by less than the relative tolerance (as SciPy's
 * L-BFGS-B {@code ftol}), when no step along steepest descent decreases f, or after the maximum
 * number of iterations. A non-finite objective value marks a point as infeasible; the line search
 * then shortens the step.
 */
final class BoxLbfgs {
    /** f and its gradient at one point. */
    @FunctionalInterface
    interface Objective {
        /** Returns f(x) and writes the gradient into {@code grad}; a non-finite value rejects x. */
        double evaluate(double[] x, double[] grad);
    }

    /** The best point found, its value, and how the search ended. */
    record Result(double[] x, double value, int iterations, int evaluations, boolean converged) {
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    private BoxLbfgs(int maxIterations, double gradientTolerance, double relativeTolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    static BoxLbfgs of(int maxIterations, double gradientTolerance, double relativeTolerance) {
        return new BoxLbfgs(maxIterations, gradientTolerance, relativeTolerance);
    }

    Result minimise(Objective f, double[] start, double[] lo, double[] hi) {
        int n = start.length;
        if (lo.length != n || hi.length != n) {
            throw new IllegalArgumentException("bounds must have " + n + " entries");
        }
        for (int i = 0; i < n; i++) {
            if (!(lo[i] <= hi[i])) {
                throw new IllegalArgumentException("empty box in coordinate " + i + ": [" + lo[i] + ", " + hi[i] + "]");
            }
        }
        double[] x = project(start, lo, hi);
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, 0, evaluations, false);
        }
        Deque<double[][]> pairs = new ArrayDeque<>(); // newest first: {s, y}
        double[] xt = new double[n];
        double[] gt = new double[n];
        boolean[] free = new boolean[n];
        for (int iter = 0; iter < maxIterations; iter++) {
            if (projectedGradientNorm(x, g, lo, hi) <= gradientTolerance) {
                return new Result(x, fx, iter, evaluations, true);
            }
            for (int i = 0; i < n; i++) {
                free[i] = !((x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0));
            }
            double[] d = direction(g, free, pairs);
            if (!(dot(g, d) < 0)) { // lost descent: restart from steepest descent
                pairs.clear();
                d = direction(g, free, pairs);
            }
            double t = pairs.isEmpty() ? Math.min(1.0, 1.0 / normInf(d)) : 1.0;
            double ft = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS && !accepted; b++) {
                for (int i = 0; i < n; i++) {
                    xt[i] = Math.min(hi[i], Math.max(lo[i], x[i] + t * d[i]));
                }
                ft = f.evaluate(xt, gt);
                evaluations++;
                double predicted = 0;
                for (int i = 0; i < n; i++) {
                    predicted += g[i] * (xt[i] - x[i]);
                }
                accepted = Double.isFinite(ft) && ft < fx && ft <= fx + ARMIJO * predicted;
                t *= 0.5;
            }
            if (!accepted) {
                if (pairs.isEmpty()) {
                    return new Result(x, fx, iter, evaluations, false); // no descent even along -g
                }
                pairs.clear();
                continue;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xt[i] - x[i];
                y[i] = gt[i] - g[i];
            }
            // keep the pair only where it carries positive curvature, so that H stays positive definite
            if (dot(s, y) > 1e-10 * dot(y, y)) {
                pairs.addFirst(new double[][] {s, y});
                if (pairs.size() > MEMORY) {
                    pairs.removeLast();
                }
            }
            double decrease = fx - ft;
            System.arraycopy(xt, 0, x, 0, n);
            System.arraycopy(gt, 0, g, 0, n);
            fx = ft;
            if (decrease <= relativeTolerance * Math.max(1.0, Math.max(Math.abs(fx), Math.abs(fx + decrease)))) {
                return new Result(x, fx, iter + 1, evaluations, true);
            }
        }
        return new Result(x, fx, maxIterations, evaluations, false);
    }

    /** d = -H g on the free variables, 0 on the others (Nocedal &amp; Wright Alg. 7.4 in the free subspace). */
    private static double[] direction(double[] g, boolean[] free, Deque<double[][]> pairs) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = free[i] ? g[i] : 0.0;
        }
        int m = pairs.size();
        double[] rho = new double[m];
        double[] a = new double[m];
        double gamma = 1.0;
        boolean gammaSet = false;
        Iterator<double[][]> newestFirst = pairs.iterator();
        for (int k = 0; k < m; k++) {
            double[][] p = newestFirst.next();
            double sy = maskedDot(p[0], p[1], free);
            if (!(sy > 0)) {
                continue; // the pair has no positive curvature in this subspace
            }
            rho[k] = 1.0 / sy;
            if (!gammaSet) {
                gamma = sy / maskedDot(p[1], p[1], free);
                gammaSet = true;
            }
            a[k] = rho[k] * maskedDot(p[0], q, free);
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    q[i] -= a[k] * p[1][i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            q[i] *= gamma;
        }
        Iterator<double[][]> oldestFirst = pairs.descendingIterator();
        for (int k = m - 1; k >= 0; k--) {
            double[][] p = oldestFirst.next();
            if (rho[k] == 0) {
                continue;
            }
            double beta = rho[k] * maskedDot(p[1], q, free);
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    q[i] += (a[k] - beta) * p[0][i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double[] project(double[] x, double[] lo, double[] hi) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
        }
        return p;
    }

    private static double projectedGradientNorm(double[] x, double[] g, double[] lo, double[] hi) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double step = Math.min(hi[i], Math.max(lo[i], x[i] - g[i])) - x[i];
            norm = Math.max(norm, Math.abs(step));
        }
        return norm;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maskedDot(double[] a, double[] b, boolean[] mask) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    private static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
