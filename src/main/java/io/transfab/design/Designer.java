package io.transfab.design;

import io.transfab.data.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates experimental plans over a {@link ParameterSpace}. Every method samples categorical parameters
 * over their levels, snaps integer and grid parameters, and returns only points that satisfy all
 * constraints (candidates are generated, infeasible ones rejected, more drawn; an IllegalArgumentException
 * says so when the feasible region is too small to fill the plan).
 */
public final class Designer {
    /** Most candidate points examined while looking for feasible ones. */
    static final int MAX_CANDIDATES = 200_000;
    private static final int LHS_STARTS = 10;
    private static final double PHI_P = 15;

    private final ParameterSpace space;
    private final DesignOptions options;
    private final List<String> notes = new ArrayList<>();

    private Designer(ParameterSpace space, DesignOptions options) {
        this.space = space;
        this.options = options;
    }

    /** The plan for {@code options}; the same options (seed included) give the same plan. */
    public static Plan design(ParameterSpace space, DesignOptions options) {
        if (!space.compositions().isEmpty() && options.method() != DesignMethod.LHS
                && options.method() != DesignMethod.SOBOL) {
            throw DataException.option("--method " + options.method().cliName() + (options.method()
                    == DesignMethod.DOPT ? " fits a polynomial with an intercept, whose terms are collinear with the "
                    + "parts of composition " : " puts each parameter on its own levels, which breaks composition ")
                    + space.compositions().get(0).label() + " (its parts sum to its total); use lhs or sobol, whose "
                    + "points are put on the composition");
        }
        Designer d = new Designer(space, options);
        SplittableRandom rng = new SplittableRandom(options.seed());
        double[][] points = switch (options.method()) {
            case LHS -> d.lhs(rng);
            case SOBOL -> d.sobol(options.seed());
            case FACTORIAL -> d.factorial(rng);
            case EXTREMES -> d.extremes(rng);
            case DOPT -> d.dopt(rng);
            case INFLECTION, INFORMATIVE -> throw DataException.option("--method " + options.method().cliName()
                    + " reads a model: give --base MODEL_DIR");
        };
        return new Plan(space, options, points, d.notes);
    }

    // ---- Latin hypercube -------------------------------------------------------------------------------

    /**
     * Maximin Latin hypercube: the best of {@value #LHS_STARTS} random LHS by the Morris-Mitchell criterion
     * phi_15 = (sum_{i&lt;k} d_ik^-15)^(1/15), improved by random within-column swaps that lower phi_15
     * (Morris and Mitchell, J. Stat. Plan. Inference 43 (1995) 381-402). Infeasible runs are replaced by the
     * maximin-greedy choice among feasible points of further random hypercubes.
     */
    private double[][] lhs(SplittableRandom rng) {
        int n = options.runs();
        int d = space.dimension();
        double[][] best = null;
        double bestPhi = Double.POSITIVE_INFINITY;
        for (int t = 0; t < LHS_STARTS; t++) {
            double[][] u = randomLhs(n, d, rng);
            double phi = phiSum(u);
            if (best == null || phi < bestPhi) {
                best = u;
                bestPhi = phi;
            }
        }
        swapOptimise(best, rng);
        List<double[]> kept = new ArrayList<>();
        for (double[] u : best) {
            double[] x = space.fromUnit(u);
            if (space.isFeasible(x)) {
                kept.add(x);
            }
        }
        if (kept.size() < n) {
            notes.add((n - kept.size()) + " of " + n + " hypercube runs violated a constraint and were replaced by"
                    + " maximin-chosen feasible points (strata are then only approximately balanced)");
            List<double[]> pool = new ArrayList<>();
            int examined = 0;
            int want = Math.max(10 * (n - kept.size()), 200);
            while (pool.size() < want && examined < MAX_CANDIDATES) {
                for (double[] u : randomLhs(n, d, rng)) {
                    double[] x = space.fromUnit(u);
                    if (space.isFeasible(x)) {
                        pool.add(x);
                    }
                }
                examined += n;
            }
            requireEnough(kept.size() + pool.size(), n, examined + n);
            kept.addAll(maximinGreedy(pool, n - kept.size(), kept, rng));
        }
        return kept.toArray(new double[0][]);
    }

    private static double[][] randomLhs(int n, int d, SplittableRandom rng) {
        double[][] u = new double[n][d];
        for (int j = 0; j < d; j++) {
            int[] perm = permutation(n, rng);
            for (int i = 0; i < n; i++) {
                u[i][j] = (perm[i] + rng.nextDouble()) / n;
            }
        }
        return u;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    private static double pairTerm(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return Math.pow(Math.max(s, 1e-300), -PHI_P / 2);
    }

    private static double phiSum(double[][] u) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            for (int k = i + 1; k < u.length; k++) {
                s += pairTerm(u[i], u[k]);
            }
        }
        return s;
    }

    /** Swaps two runs' coordinates in one column when that lowers sum d^-p; keeps every column a permutation. */
    private static void swapOptimise(double[][] u, SplittableRandom rng) {
        int n = u.length;
        if (n < 3) {
            return;
        }
        int d = u[0].length;
        int iterations = Math.min(20_000, 100 * n * d);
        for (int it = 0; it < iterations; it++) {
            int j = rng.nextInt(d);
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            double before = rowTerms(u, a, b);
            swap(u, a, b, j);
            if (!(rowTerms(u, a, b) < before)) {
                swap(u, a, b, j);
            }
        }
    }

    private static double rowTerms(double[][] u, int a, int b) {
        double s = pairTerm(u[a], u[b]);
        for (int i = 0; i < u.length; i++) {
            if (i != a && i != b) {
                s += pairTerm(u[a], u[i]) + pairTerm(u[b], u[i]);
            }
        }
        return s;
    }

    private static void swap(double[][] u, int a, int b, int j) {
        double t = u[a][j];
        u[a][j] = u[b][j];
        u[b][j] = t;
    }

    // ---- Sobol ------------------------------------------------------------------------------------------

    private double[][] sobol(long seed) {
        int n = options.runs();
        SobolSequence seq = SobolSequence.shifted(space.dimension(), seed);
        List<double[]> out = new ArrayList<>();
        long index = 0;
        while (out.size() < n && index < MAX_CANDIDATES) {
            double[] x = space.fromUnit(seq.point(index++));
            if (space.isFeasible(x)) {
                out.add(x);
            }
        }
        requireEnough(out.size(), n, index);
        if (index > n) {
            notes.add("skipped " + (index - n) + " infeasible Sobol points");
        }
        return out.toArray(new double[0][]);
    }

    // ---- Factorial --------------------------------------------------------------------------------------

    private double[][] factorial(SplittableRandom rng) {
        List<double[]> grid = feasibleGrid(options.levels());
        if (grid.isEmpty()) {
            throw DataException.option("no point of the " + options.levels()
                    + "-level factorial satisfies the constraints; try more --levels or another method");
        }
        int n = options.runs();
        if (grid.size() <= n) {
            if (grid.size() < n) {
                notes.add("the full factorial has only " + grid.size() + " feasible points; the plan has "
                        + grid.size() + " runs, not " + n);
            }
            return grid.toArray(new double[0][]);
        }
        notes.add("the full factorial has " + grid.size() + " feasible points; took a seeded maximin subset of " + n);
        return maximinGreedy(grid, n, List.of(), rng).toArray(new double[0][]);
    }

    /** Values of each parameter on a {@code levels}-level grid (all values when there are fewer). */
    private List<double[]> levelValues(int levels) {
        List<double[]> values = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            if (p.isDiscrete() && p.valueCount() <= levels) {
                double[] v = new double[p.valueCount()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = p.gridValue(k);
                }
                values.add(v);
            } else {
                double[] v = new double[levels];
                int m = 0;
                for (int k = 0; k < levels; k++) {
                    double x = p.snap(p.min() + k * (p.max() - p.min()) / (levels - 1));
                    if (m == 0 || x != v[m - 1]) {
                        v[m++] = x;
                    }
                }
                values.add(java.util.Arrays.copyOf(v, m));
            }
        }
        return values;
    }

    private List<double[]> feasibleGrid(int levels) {
        List<double[]> values = levelValues(levels);
        double size = 1;
        for (double[] v : values) {
            size *= v.length;
        }
        if (size > 1_000_000) {
            throw DataException.option(String.format("the full factorial would have %.3g points; use fewer "
                    + "--levels or another method (lhs, sobol, dopt)", size));
        }
        List<double[]> out = new ArrayList<>();
        int d = values.size();
        int[] idx = new int[d];
        while (true) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = values.get(j)[idx[j]];
            }
            if (space.isFeasible(x)) {
                out.add(x);
            }
            int j = d - 1;
            while (j >= 0 && ++idx[j] == values.get(j).length) {
                idx[j--] = 0;
            }
            if (j < 0) {
                return out;
            }
        }
    }

    // ---- Extremes ---------------------------------------------------------------------------------------

    /**
     * Corners and edge centres of the box (all of them up to 12 numeric parameters, else 4096 seeded random
     * ones of each), chosen farthest-first from the centre point, then centre replicates.
     */
    private double[][] extremes(SplittableRandom rng) {
        int n = options.runs();
        List<double[]> candidates = new ArrayList<>();
        for (double[] x : boxCandidates(rng, true)) {
            if (space.isFeasible(x)) {
                candidates.add(x);
            }
        }
        double[] centre = centre(0);
        List<double[]> chosen = new ArrayList<>();
        boolean centreOk = space.isFeasible(centre);
        if (centreOk) {
            chosen.add(centre);
        } else {
            notes.add("the centre point violates a constraint and is left out");
        }
        int take = Math.min(n - chosen.size(), candidates.size());
        chosen.addAll(maximinGreedy(candidates, take, chosen, rng));
        if (chosen.size() < n) {
            if (!centreOk) {
                throw DataException.option("only " + chosen.size() + " feasible corner and edge-centre points"
                        + " and the centre is infeasible; ask for at most " + chosen.size() + " runs");
            }
            int extra = n - chosen.size();
            notes.add("all " + candidates.size() + " feasible corners and edge centres used; " + (extra + 1)
                    + " centre points in all");
            for (int r = 1; chosen.size() < n; r++) {
                double[] c = centre(r);
                chosen.add(space.isFeasible(c) ? c : centre);
            }
        }
        return chosen.toArray(new double[0][]);
    }

    /** The snapped centre of every numeric range; categorical parameters at level r mod L. */
    private double[] centre(int r) {
        double[] x = new double[space.dimension()];
        for (int j = 0; j < x.length; j++) {
            Parameter p = space.parameters().get(j);
            x[j] = p.isCategorical() ? r % p.levels().size() : p.snap((p.min() + p.max()) / 2);
        }
        return x;
    }

    /** Corners and (if asked) edge centres of the numeric box, crossed with categorical levels or random levels. */
    private List<double[]> boxCandidates(SplittableRandom rng, boolean edges) {
        List<Parameter> ps = space.parameters();
        List<Integer> numeric = new ArrayList<>();
        for (int j = 0; j < ps.size(); j++) {
            if (!ps.get(j).isCategorical()) {
                numeric.add(j);
            }
        }
        int k = numeric.size();
        List<double[]> box = new ArrayList<>();
        if (k <= 12) {
            for (int mask = 0; mask < (1 << k); mask++) {
                box.add(corner(numeric, mask, -1));
                if (edges) {
                    for (int e = 0; e < k; e++) {
                        if ((mask & (1 << e)) == 0) { // each edge once: the free coordinate's bit is 0
                            box.add(corner(numeric, mask, e));
                        }
                    }
                }
            }
        } else {
            for (int t = 0; t < 4096; t++) {
                long bits = rng.nextLong();
                box.add(corner(numeric, bits, -1));
                if (edges) {
                    box.add(corner(numeric, bits, rng.nextInt(k)));
                }
            }
        }
        double levelsProduct = 1;
        for (Parameter p : ps) {
            if (p.isCategorical()) {
                levelsProduct *= p.levels().size();
            }
        }
        List<double[]> out = new ArrayList<>();
        boolean cross = levelsProduct * box.size() <= 50_000;
        for (double[] b : box) {
            if (cross) {
                int combos = (int) levelsProduct;
                for (int c = 0; c < combos; c++) {
                    double[] x = b.clone();
                    int rest = c;
                    for (int j = 0; j < ps.size(); j++) {
                        if (ps.get(j).isCategorical()) {
                            int l = ps.get(j).levels().size();
                            x[j] = rest % l;
                            rest /= l;
                        }
                    }
                    out.add(x);
                }
            } else {
                double[] x = b.clone();
                for (int j = 0; j < ps.size(); j++) {
                    if (ps.get(j).isCategorical()) {
                        x[j] = rng.nextInt(ps.get(j).levels().size());
                    }
                }
                out.add(x);
            }
        }
        return out;
    }

    private double[] corner(List<Integer> numeric, long bits, int centreOf) {
        double[] x = new double[space.dimension()];
        for (int e = 0; e < numeric.size(); e++) {
            Parameter p = space.parameters().get(numeric.get(e));
            x[numeric.get(e)] = e == centreOf ? p.snap((p.min() + p.max()) / 2)
                    : ((bits >>> e) & 1) == 0 ? p.min() : p.snap(p.max());
        }
        return x;
    }

    // ---- D-optimal --------------------------------------------------------------------------------------

    /**
     * D-optimal plan by the modified Fedorov exchange (Cook and Nachtsheim, Technometrics 22 (1980) 315-324):
     * for each run in turn, swap it for the candidate x_j that maximises
     * det(M - x_i x_i' + x_j x_j')/det(M) = (1 + d_j)(1 - d_i) + d_ij^2, d_ij = f(x_i)' M^-1 f(x_j), while the
     * ratio exceeds 1; best of 3 seeded random starts. Candidates: 2048 feasible shifted Sobol points plus the
     * feasible 3-level grid (or corners and edge centres when that grid is large).
     */
    private double[][] dopt(SplittableRandom rng) {
        int n = options.runs();
        ModelForm form = options.model();
        int p = ModelMatrix.terms(space, form);
        if (n < p) {
            throw DataException.option("a D-optimal plan for the " + form.name().toLowerCase(java.util.Locale.ROOT)
                    + " model of these " + space.dimension() + " parameters needs at least " + p + " runs (its "
                    + "number of terms); got --n " + n);
        }
        List<double[]> cand = new ArrayList<>();
        SobolSequence seq = SobolSequence.shifted(space.dimension(), rng.nextLong());
        for (long i = 0; i < MAX_CANDIDATES && cand.size() < 2048; i++) {
            double[] x = space.fromUnit(seq.point(i));
            if (space.isFeasible(x)) {
                cand.add(x);
            }
        }
        double gridSize = 1;
        for (double[] v : levelValues(3)) {
            gridSize *= v.length;
        }
        if (gridSize <= 8192) {
            cand.addAll(feasibleGrid(3));
        } else {
            for (double[] x : boxCandidates(rng, true)) {
                if (space.isFeasible(x)) {
                    cand.add(x);
                }
            }
        }
        requireEnough(cand.size(), n, MAX_CANDIDATES);
        double[][] f = new double[cand.size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = ModelMatrix.row(space, form, cand.get(i));
        }
        int[] best = null;
        double bestLogDet = Double.NEGATIVE_INFINITY;
        for (int start = 0; start < 3; start++) {
            int[] design = fedorov(f, n, rng);
            double ld = logDetOf(f, design, 0);
            if (best == null || ld > bestLogDet) {
                best = design;
                bestLogDet = ld;
            }
        }
        if (bestLogDet == Double.NEGATIVE_INFINITY) {
            throw DataException.option("the feasible region does not support the " + form.name()
                    .toLowerCase(java.util.Locale.ROOT) + " model (singular information matrix); try --model linear");
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = cand.get(best[i]).clone();
        }
        return out;
    }

    private static double logDetOf(double[][] f, int[] design, double ridge) {
        double[][] rows = new double[design.length][];
        for (int i = 0; i < design.length; i++) {
            rows[i] = f[design[i]];
        }
        double[][] l = ModelMatrix.cholesky(ModelMatrix.information(rows, ridge));
        return l == null ? Double.NEGATIVE_INFINITY : ModelMatrix.logDet(l);
    }

    private static int[] fedorov(double[][] f, int n, SplittableRandom rng) {
        int c = f.length;
        int p = f[0].length;
        int[] perm = permutation(c, rng);
        int[] design = java.util.Arrays.copyOf(perm, n);
        // a small ridge keeps a singular random start invertible; the exchanges then remove the singularity
        double ridge = 1e-6;
        double[][] minv = inverseInformation(f, design, ridge);
        double[] d = new double[c];
        quadraticForms(f, minv, d);
        for (int pass = 0; pass < 100; pass++) {
            boolean improved = false;
            for (int i = 0; i < n; i++) {
                double[] gi = times(minv, f[design[i]]);
                double di = d[design[i]];
                int bestJ = -1;
                double bestRatio = 1 + 1e-9;
                for (int j = 0; j < c; j++) {
                    double dij = dot(gi, f[j]);
                    double ratio = (1 + d[j]) * (1 - di) + dij * dij;
                    if (ratio > bestRatio) {
                        bestRatio = ratio;
                        bestJ = j;
                    }
                }
                if (bestJ >= 0) {
                    design[i] = bestJ;
                    improved = true;
                    minv = inverseInformation(f, design, ridge);
                    quadraticForms(f, minv, d);
                }
            }
            if (!improved) {
                break;
            }
        }
        return design;
    }

    /** d_j = f_j' M^-1 f_j for every candidate. */
    private static void quadraticForms(double[][] f, double[][] minv, double[] d) {
        for (int j = 0; j < f.length; j++) {
            d[j] = dot(times(minv, f[j]), f[j]);
        }
    }

    private static double[][] inverseInformation(double[][] f, int[] design, double ridge) {
        double[][] rows = new double[design.length][];
        for (int i = 0; i < design.length; i++) {
            rows[i] = f[design[i]];
        }
        double r = ridge;
        double[][] l = ModelMatrix.cholesky(ModelMatrix.information(rows, r));
        while (l == null) {
            r *= 100;
            l = ModelMatrix.cholesky(ModelMatrix.information(rows, r));
        }
        return ModelMatrix.inverse(l);
    }

    private static double[] times(double[][] m, double[] x) {
        double[] y = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            y[a] = dot(m[a], x);
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    // ---- shared -----------------------------------------------------------------------------------------

    /**
     * Greedy maximin (farthest-point) choice of {@code k} points of {@code pool}: each pick maximises its
     * distance to the nearest point already chosen or fixed; the first pick is random when nothing is fixed.
     */
    private List<double[]> maximinGreedy(List<double[]> pool, int k, List<double[]> fixed, SplittableRandom rng) {
        List<double[]> out = new ArrayList<>();
        if (k <= 0) {
            return out;
        }
        double[] nearest = new double[pool.size()];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] used = new boolean[pool.size()];
        for (double[] x : fixed) {
            update(nearest, pool, x);
        }
        for (int t = 0; t < k; t++) {
            int pick = -1;
            if (fixed.isEmpty() && t == 0) {
                pick = rng.nextInt(pool.size());
            } else {
                for (int i = 0; i < pool.size(); i++) {
                    if (!used[i] && (pick < 0 || nearest[i] > nearest[pick])) {
                        pick = i;
                    }
                }
            }
            used[pick] = true;
            out.add(pool.get(pick));
            update(nearest, pool, pool.get(pick));
        }
        return out;
    }

    private void update(double[] nearest, List<double[]> pool, double[] x) {
        for (int i = 0; i < pool.size(); i++) {
            nearest[i] = Math.min(nearest[i], space.distance(pool.get(i), x));
        }
    }

    private static void requireEnough(int found, int n, long examined) {
        if (found < n) {
            throw DataException.option(String.format("the constraints leave too small a feasible region: found "
                    + "%d feasible of the %d runs asked for among %d candidate points; relax the constraints or ask "
                    + "for fewer runs", found, n, examined));
        }
    }
}
