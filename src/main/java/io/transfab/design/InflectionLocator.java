package io.transfab.design;

import io.transfab.data.DataException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a model's process-property relations bend, from partial dependence (Friedman, Ann. Stat. 29,
 * 2001): for every target and numeric parameter, the PD curve f_j(u) = mean_i f(x_i with x_j = u) over a
 * fine grid of the parameter's range and a Sobol background x_i, with second differences
 * f''(u_g) ~ (f(u_{g-1}) - 2 f(u_g) + f(u_{g+1})) / h^2 in unit-range coordinates, scaled by the target's
 * standard deviation over the background. The second difference splits into lobes of one sign; a lobe is
 * significant when its slope change (sum |f''| h) is at least {@link Options#minBend} and a tenth of the
 * curve's largest. Between two significant lobes of opposite sign lies an <b>inflection</b> (the zero of
 * f'', linearly interpolated); inside a significant lobe the largest |f''| away from the range ends is a
 * <b>knee</b> (parabolic refinement). In two dimensions the interaction share of the two-way PD on a grid,
 * H^2 = sum (F - row mean - column mean + grand mean)^2 / sum (F - grand mean)^2 (Friedman and Popescu,
 * Ann. Appl. Stat. 2, 2008, on the grid instead of data points), picks the most interacting pairs; their
 * <b>interaction</b> point is the largest mixed second difference
 * (F(a+1,b+1) - F(a+1,b-1) - F(a-1,b+1) + F(a-1,b-1)) / (4 h^2) inside the square.
 * Every location is found again in every member; a location that fewer than {@link Options#agreement} of the
 * members reproduce within {@link #MATCH_WINDOW} (unit range) is skipped, the others get the members' spread.
 */
public final class InflectionLocator {
    /** Members must find a location within this distance (unit cube) of the ensemble's to agree. */
    static final double MATCH_WINDOW = 0.2;
    /** Least interaction share H^2 of a pair analysed in two dimensions. */
    static final double MIN_INTERACTION = 0.05;

    /** What kind of bend a location is. */
    public enum Kind {
        INFLECTION("inflection"), KNEE("knee"), INTERACTION("interaction");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Name in reasons and reports. */
        public String label() {
            return label;
        }
    }

    /**
     * Settings of the search.
     *
     * @param grid points of a one-way curve (&gt;= 11)
     * @param grid2 points per axis of the fine two-way grid (&gt;= 7)
     * @param background Sobol points averaged over (&gt;= 1)
     * @param maxPairs most interacting pairs analysed per target (&gt;= 0)
     * @param minBend least slope change of a lobe, in target standard deviations per parameter range
     * @param agreement least share of members that must reproduce a location, in (0, 1]
     * @param seed seed of the background points
     */
    public record Options(int grid, int grid2, int background, int maxPairs, double minBend, double agreement,
            long seed) {
        public Options {
            if (grid < 11 || grid2 < 7 || background < 1 || maxPairs < 0) {
                throw new IllegalArgumentException("grid >= 11, grid2 >= 7, background >= 1, maxPairs >= 0");
            }
            if (!(minBend > 0) || !(agreement > 0 && agreement <= 1)) {
                throw new IllegalArgumentException("minBend > 0 and agreement in (0, 1]");
            }
        }

        /** 41-point curves, 21 x 21 two-way grids, 32 background points, 3 pairs per target. */
        public static Options defaults(long seed) {
            return new Options(41, 21, 32, 3, 0.25, 0.75, seed);
        }
    }

    /**
     * One located bend.
     *
     * @param kind inflection, knee or interaction
     * @param target index of the target in the response
     * @param first the parameter (index in the space)
     * @param at its location (natural units)
     * @param spread standard deviation of the members' locations (natural units; NaN for one member)
     * @param second the other parameter of an interaction, -1 otherwise
     * @param at2 its location (NaN when none)
     * @param spread2 its members' spread
     * @param agreement share of the members that found the location
     * @param strength slope change of the lobe (knee), of both lobes (inflection) or total twist (interaction),
     *        in target standard deviations per unit range
     */
    public record Bend(Kind kind, int target, int first, double at, double spread, int second, double at2,
            double spread2, double agreement, double strength) {
    }

    /** Bends kept (strongest first per target), bends skipped for disagreement, and remarks. */
    public record Result(List<Bend> bends, List<Bend> skipped, List<String> notes) {
        public Result {
            bends = List.copyOf(bends);
            skipped = List.copyOf(skipped);
            notes = List.copyOf(notes);
        }
    }

    private final ParameterSpace space;
    private final SpaceResponse response;
    private final Options options;
    private final double[][] background;

    private InflectionLocator(ParameterSpace space, SpaceResponse response, Options options) {
        this.space = space;
        this.response = response;
        this.options = options;
        List<SpaceModel.Candidate> pool = SpaceModel.sobolCandidates(space, Math.max(4096, 8 * options.background()),
                1, options.seed());
        int b = Math.min(options.background(), pool.size());
        background = new double[b][];
        for (int i = 0; i < b; i++) {
            background[i] = pool.get(i).x();
        }
    }

    /** Locates the bends of every target of {@code response} along every numeric parameter of {@code space}. */
    public static Result locate(ParameterSpace space, SpaceResponse response, Options options) {
        return new InflectionLocator(space, response, options).run();
    }

    private Result run() {
        int tCount = response.targets().size();
        double[] scale = targetScales();
        List<Bend> kept = new ArrayList<>();
        List<Bend> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Integer> numeric = new ArrayList<>();
        for (int j = 0; j < space.dimension(); j++) {
            if (!space.parameters().get(j).isCategorical()) {
                numeric.add(j);
            }
        }
        for (int t = 0; t < tCount; t++) {
            if (!(scale[t] > 0)) {
                notes.add("target " + response.targets().get(t) + " does not vary over the space; no bends");
            }
        }
        for (int j : numeric) {
            double[][][] curves = oneWay(j); // [member][target][grid]
            for (int t = 0; t < tCount; t++) {
                if (!(scale[t] > 0)) {
                    continue;
                }
                double[] mean = memberMean(curves, t);
                for (Feature f : features(mean, scale[t], options.minBend())) {
                    List<Double> found = new ArrayList<>();
                    for (double[][] member : curves) {
                        Feature m = nearest(features(member[t], scale[t], options.minBend()), f);
                        if (m != null) {
                            found.add(m.u);
                        }
                    }
                    Parameter p = space.parameters().get(j);
                    double range = p.max() - p.min();
                    double agreement = (double) found.size() / curves.length;
                    Bend b = new Bend(f.kind, t, j, p.min() + f.u * range, spreadOf(found) * range, -1, Double.NaN,
                            Double.NaN, agreement, f.strength);
                    (agreement >= options.agreement() ? kept : skipped).add(b);
                }
            }
        }
        if (options.maxPairs() > 0 && numeric.size() >= 2) {
            twoWay(numeric, scale, kept, skipped);
        }
        Comparator<Bend> order = Comparator.comparingInt(Bend::target)
                .thenComparing(Comparator.comparingDouble(Bend::strength).reversed())
                .thenComparingInt(Bend::first).thenComparingDouble(Bend::at);
        kept.sort(order);
        skipped.sort(order);
        return new Result(kept, skipped, notes);
    }

    private record Feature(Kind kind, double u, double strength) {
    }

    /** Standard deviation of each target's ensemble-mean prediction over the background. */
    private double[] targetScales() {
        double[][][] y = response.predict(background);
        int t = response.targets().size();
        double[] out = new double[t];
        for (int k = 0; k < t; k++) {
            double[] v = new double[background.length];
            for (int i = 0; i < v.length; i++) {
                for (double[][] member : y) {
                    v[i] += member[i][k] / y.length;
                }
            }
            double mu = 0;
            for (double a : v) {
                mu += a / v.length;
            }
            double ss = 0;
            for (double a : v) {
                ss += (a - mu) * (a - mu);
            }
            out[k] = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
            if (!(out[k] > 1e-12 * Math.max(1, Math.abs(mu)))) {
                out[k] = 0;
            }
        }
        return out;
    }

    private double unitValue(int j, double u) {
        Parameter p = space.parameters().get(j);
        return p.min() + u * (p.max() - p.min());
    }

    /** PD curves of parameter j: [member][target][grid]. */
    private double[][][] oneWay(int j) {
        int g = options.grid();
        double[][] batch = new double[background.length * g][];
        for (int i = 0; i < background.length; i++) {
            for (int k = 0; k < g; k++) {
                double[] x = background[i].clone();
                x[j] = unitValue(j, (double) k / (g - 1));
                batch[i * g + k] = x;
            }
        }
        double[][][] y = response.predict(batch);
        int tCount = response.targets().size();
        double[][][] out = new double[y.length][tCount][g];
        for (int m = 0; m < y.length; m++) {
            for (int i = 0; i < background.length; i++) {
                for (int k = 0; k < g; k++) {
                    for (int t = 0; t < tCount; t++) {
                        out[m][t][k] += y[m][i * g + k][t] / background.length;
                    }
                }
            }
        }
        return out;
    }

    private static double[] memberMean(double[][][] curves, int t) {
        double[] mean = new double[curves[0][t].length];
        for (double[][] member : curves) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += member[t][k] / curves.length;
            }
        }
        return mean;
    }

    /** Inflections and knees of one curve on the unit grid, second differences scaled by {@code scale}. */
    static List<Feature> features(double[] curve, double scale, double minBend) {
        int g = curve.length;
        double h = 1.0 / (g - 1);
        double[] d2 = new double[g];
        for (int k = 1; k < g - 1; k++) {
            d2[k] = (curve[k - 1] - 2 * curve[k] + curve[k + 1]) / (h * h) / scale;
        }
        // lobes: maximal runs of grid points 1..g-2 whose second difference has one sign
        List<int[]> lobes = new ArrayList<>();
        int start = 1;
        for (int k = 2; k <= g - 1; k++) {
            if (k == g - 1 || Math.signum(d2[k]) != Math.signum(d2[start]) && d2[k] != 0) {
                lobes.add(new int[] {start, k - 1});
                start = k;
            }
        }
        double[] bend = new double[lobes.size()];
        double most = 0;
        for (int l = 0; l < bend.length; l++) {
            for (int k = lobes.get(l)[0]; k <= lobes.get(l)[1]; k++) {
                bend[l] += Math.abs(d2[k]) * h;
            }
            most = Math.max(most, bend[l]);
        }
        List<Integer> significant = new ArrayList<>();
        for (int l = 0; l < bend.length; l++) {
            if (bend[l] >= minBend && bend[l] >= 0.1 * most) {
                significant.add(l);
            }
        }
        List<Feature> out = new ArrayList<>();
        for (int s = 0; s < significant.size(); s++) {
            int l = significant.get(s);
            int[] lobe = lobes.get(l);
            int peak = lobe[0];
            for (int k = lobe[0]; k <= lobe[1]; k++) {
                if (Math.abs(d2[k]) > Math.abs(d2[peak])) {
                    peak = k;
                }
            }
            if (peak > 1 && peak < g - 2) {
                double a = Math.abs(d2[peak - 1]);
                double b = Math.abs(d2[peak]);
                double c = Math.abs(d2[peak + 1]);
                double denom = a - 2 * b + c;
                double shift = denom < 0 ? 0.5 * (a - c) / denom : 0;
                out.add(new Feature(Kind.KNEE, (peak + Math.max(-0.5, Math.min(0.5, shift))) * h, bend[l]));
            }
            if (s + 1 < significant.size()) {
                int next = significant.get(s + 1);
                if (Math.signum(d2[lobe[0]]) != Math.signum(d2[lobes.get(next)[0]])) {
                    double u;
                    if (next == l + 1) {
                        int k = lobe[1];
                        u = (k + d2[k] / (d2[k] - d2[k + 1])) * h;
                    } else {
                        u = 0.5 * (lobe[1] + lobes.get(next)[0]) * h;
                    }
                    out.add(new Feature(Kind.INFLECTION, u, bend[l] + bend[next]));
                }
            }
        }
        return out;
    }

    private static Feature nearest(List<Feature> candidates, Feature f) {
        Feature best = null;
        for (Feature c : candidates) {
            if (c.kind == f.kind && Math.abs(c.u - f.u) <= MATCH_WINDOW
                    && (best == null || Math.abs(c.u - f.u) < Math.abs(best.u - f.u))) {
                best = c;
            }
        }
        return best;
    }

    private static double spreadOf(List<Double> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        double mu = 0;
        for (double v : values) {
            mu += v / values.size();
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mu) * (v - mu);
        }
        return Math.sqrt(ss / (values.size() - 1));
    }

    // ---- two-way ----------------------------------------------------------------------------------------

    /** Two-way PD of parameters j, k on a g x g unit grid: [member][target][a][b]. */
    private double[][][][] twoWayPd(int j, int k, int g, int rows) {
        int n = Math.min(rows, background.length);
        double[][] batch = new double[n * g * g][];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < g; a++) {
                for (int b = 0; b < g; b++) {
                    double[] x = background[i].clone();
                    x[j] = unitValue(j, (double) a / (g - 1));
                    x[k] = unitValue(k, (double) b / (g - 1));
                    batch[at++] = x;
                }
            }
        }
        double[][][] y = response.predict(batch);
        int tCount = response.targets().size();
        double[][][][] out = new double[y.length][tCount][g][g];
        for (int m = 0; m < y.length; m++) {
            at = 0;
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < g; a++) {
                    for (int b = 0; b < g; b++) {
                        for (int t = 0; t < tCount; t++) {
                            out[m][t][a][b] += y[m][at][t] / n;
                        }
                        at++;
                    }
                }
            }
        }
        return out;
    }

    /** Interaction share H^2 of a grid of two-way PD values (ANOVA on the grid); 0 for a flat grid. */
    static double interactionShare(double[][] f) {
        int ga = f.length;
        int gb = f[0].length;
        double grand = 0;
        double[] row = new double[ga];
        double[] col = new double[gb];
        for (int a = 0; a < ga; a++) {
            for (int b = 0; b < gb; b++) {
                row[a] += f[a][b] / gb;
                col[b] += f[a][b] / ga;
                grand += f[a][b] / (ga * gb);
            }
        }
        double inter = 0;
        double total = 0;
        for (int a = 0; a < ga; a++) {
            for (int b = 0; b < gb; b++) {
                double r = f[a][b] - row[a] - col[b] + grand;
                inter += r * r;
                total += (f[a][b] - grand) * (f[a][b] - grand);
            }
        }
        return total > 0 ? inter / total : 0;
    }

    private record Twist(double u, double w, double strength) {
    }

    /** The largest mixed second difference strictly inside the grid (null when it lies on the border ring). */
    static Twist twist(double[][] f, double scale) {
        int g = f.length;
        double h = 1.0 / (g - 1);
        double[][] m = new double[g][g];
        int pa = 1;
        int pb = 1;
        double total = 0;
        for (int a = 1; a < g - 1; a++) {
            for (int b = 1; b < g - 1; b++) {
                m[a][b] = Math.abs(f[a + 1][b + 1] - f[a + 1][b - 1] - f[a - 1][b + 1] + f[a - 1][b - 1])
                        / (4 * h * h) / scale;
                total += m[a][b] * h * h;
                if (m[a][b] > m[pa][pb]) {
                    pa = a;
                    pb = b;
                }
            }
        }
        if (pa == 1 || pb == 1 || pa == g - 2 || pb == g - 2 || !(m[pa][pb] > 0)) {
            return null;
        }
        return new Twist(refine(m[pa - 1][pb], m[pa][pb], m[pa + 1][pb], pa) * h,
                refine(m[pa][pb - 1], m[pa][pb], m[pa][pb + 1], pb) * h, total);
    }

    private static double refine(double a, double b, double c, int at) {
        double denom = a - 2 * b + c;
        double shift = denom < 0 ? 0.5 * (a - c) / denom : 0;
        return at + Math.max(-0.5, Math.min(0.5, shift));
    }

    private void twoWay(List<Integer> numeric, double[] scale, List<Bend> kept, List<Bend> skipped) {
        int tCount = response.targets().size();
        int coarse = 11;
        int rows = Math.min(16, background.length);
        List<int[]> pairs = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        for (int x = 0; x < numeric.size(); x++) {
            for (int z = x + 1; z < numeric.size(); z++) {
                int j = numeric.get(x);
                int k = numeric.get(z);
                double[][][][] pd = twoWayPd(j, k, coarse, rows);
                double[] h2 = new double[tCount];
                for (int t = 0; t < tCount; t++) {
                    double[][] mean = new double[coarse][coarse];
                    for (double[][][] member : pd) {
                        for (int a = 0; a < coarse; a++) {
                            for (int b = 0; b < coarse; b++) {
                                mean[a][b] += member[t][a][b] / pd.length;
                            }
                        }
                    }
                    h2[t] = interactionShare(mean);
                }
                pairs.add(new int[] {j, k});
                shares.add(h2);
            }
        }
        for (int t = 0; t < tCount; t++) {
            if (!(scale[t] > 0)) {
                continue;
            }
            final int target = t;
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < pairs.size(); p++) {
                if (shares.get(p)[t] >= MIN_INTERACTION) {
                    order.add(p);
                }
            }
            order.sort(Comparator.comparingDouble((Integer p) -> -shares.get(p)[target]).thenComparingInt(p -> p));
            for (int p : order.subList(0, Math.min(options.maxPairs(), order.size()))) {
                int j = pairs.get(p)[0];
                int k = pairs.get(p)[1];
                double[][][][] pd = twoWayPd(j, k, options.grid2(), background.length);
                int g = options.grid2();
                double[][] mean = new double[g][g];
                for (double[][][] member : pd) {
                    for (int a = 0; a < g; a++) {
                        for (int b = 0; b < g; b++) {
                            mean[a][b] += member[t][a][b] / pd.length;
                        }
                    }
                }
                Twist tw = twist(mean, scale[t]);
                if (tw == null) {
                    continue;
                }
                List<Double> us = new ArrayList<>();
                List<Double> ws = new ArrayList<>();
                for (double[][][] member : pd) {
                    Twist mt = twist(member[t], scale[t]);
                    if (mt != null && Math.hypot(mt.u - tw.u, mt.w - tw.w) <= MATCH_WINDOW) {
                        us.add(mt.u);
                        ws.add(mt.w);
                    }
                }
                Parameter pj = space.parameters().get(j);
                Parameter pk = space.parameters().get(k);
                double agreement = (double) us.size() / pd.length;
                Bend b = new Bend(Kind.INTERACTION, t, j, unitValue(j, tw.u), spreadOf(us) * (pj.max() - pj.min()),
                        k, unitValue(k, tw.w), spreadOf(ws) * (pk.max() - pk.min()), agreement, tw.strength);
                (agreement >= options.agreement() ? kept : skipped).add(b);
            }
        }
    }

    /** Fails with a DataException when the response has no target to analyse. */
    static void requireTargets(SpaceResponse response) {
        if (response.targets().isEmpty()) {
            throw DataException.option("the model has no target to analyse");
        }
    }
}
