package io.transfab.design;

import io.transfab.data.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The designs that read a model: {@link DesignMethod#INFLECTION} places experiments at the bends found by
 * {@link InflectionLocator}, {@link DesignMethod#INFORMATIVE} mixes extremes, bends and space-filling points.
 * A bend fixes one parameter (two for an interaction); the other coordinates come from a pool of feasible
 * Sobol points, the one farthest from the runs already chosen, and a run closer than the exclusion radius
 * r = 0.1 sqrt(d) (unit cube, as {@code suggest}) to another is not taken. Bends are taken strongest first,
 * one target after the other, and once more with other coordinates while runs are missing ({@value #USES}
 * runs per bend at most); the rest of the plan is maximin space-filling points.
 */
public final class ModelBasedDesigner {
    private static final int POOL = 4096;
    /** Most runs on one bend (each with other coordinates), so that a plan does not pile up on one value. */
    static final int USES = 2;

    /**
     * Shares of an informative plan: extremes and bends, the rest space-filling.
     *
     * @param extremes share of {@link DesignMethod#EXTREMES} runs, in [0, 1]
     * @param bends share of bend runs, in [0, 1], with {@code extremes + bends <= 1}
     */
    public record Mix(double extremes, double bends) {
        public Mix {
            if (!(extremes >= 0 && bends >= 0 && extremes + bends <= 1 + 1e-12)) {
                throw new IllegalArgumentException("mix shares must be >= 0 and sum to at most 1");
            }
        }

        /** The mix of {@code design --method informative} (see docs/design.md for how it was chosen). */
        public static Mix defaults() {
            return new Mix(1.0 / 3, 1.0 / 3);
        }
    }

    private final ParameterSpace space;
    private final SpaceResponse response;
    private final List<double[]> pool = new ArrayList<>();
    private final List<double[]> chosen = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final double radius;

    private ModelBasedDesigner(ParameterSpace space, SpaceResponse response, long seed, int n) {
        this.space = space;
        this.response = response;
        for (SpaceModel.Candidate c : SpaceModel.sobolCandidates(space, POOL, n, seed)) {
            pool.add(c.x());
        }
        radius = SpaceModel.RADIUS_FACTOR * Math.sqrt(space.dimension());
    }

    /** An inflection or informative plan (default mix) of {@code response} over {@code space}. */
    public static Plan design(ParameterSpace space, DesignOptions options, SpaceResponse response) {
        return design(space, options, response, Mix.defaults());
    }

    /** As {@link #design(ParameterSpace, DesignOptions, SpaceResponse)} with the informative {@code mix}. */
    public static Plan design(ParameterSpace space, DesignOptions options, SpaceResponse response, Mix mix) {
        InflectionLocator.requireTargets(response);
        int n = options.runs();
        ModelBasedDesigner d = new ModelBasedDesigner(space, response, options.seed(), n);
        switch (options.method()) {
            case INFLECTION -> {
                d.bends(options, n);
                d.fill(n);
            }
            case INFORMATIVE -> {
                int extremes = (int) Math.round(n * mix.extremes());
                int bends = Math.min(n - extremes, (int) Math.round(n * mix.bends()));
                d.extremes(options, extremes);
                d.bends(options, extremes + bends);
                d.fill(n);
            }
            default -> throw new IllegalArgumentException(options.method().cliName() + " does not read a model");
        }
        return new Plan(space, options, d.chosen.toArray(new double[0][]), d.notes, d.reasons);
    }

    private void extremes(DesignOptions options, int k) {
        if (k == 0) {
            return;
        }
        Plan e = Designer.design(space, new DesignOptions(DesignMethod.EXTREMES, k, options.levels(),
                options.model(), options.seed()));
        double[] centre = new double[space.dimension()];
        for (int j = 0; j < centre.length; j++) {
            Parameter p = space.parameters().get(j);
            centre[j] = p.isCategorical() ? 0 : p.snap((p.min() + p.max()) / 2);
        }
        for (int i = 0; i < e.runs(); i++) {
            double[] x = e.point(i);
            chosen.add(x);
            reasons.add(space.distance(x, centre) == 0 ? "centre point" : "extreme (corner or edge centre)");
        }
        notes.addAll(e.notes());
    }

    private void bends(DesignOptions options, int until) {
        InflectionLocator.Result r = InflectionLocator.locate(space, response,
                InflectionLocator.Options.defaults(options.seed()));
        notes.addAll(r.notes());
        List<InflectionLocator.Bend> queue = roundRobin(r.bends());
        notes.add(String.format(Locale.ROOT, "%d bends located (%d inflections, %d knees, %d interactions)",
                r.bends().size(), count(r.bends(), InflectionLocator.Kind.INFLECTION),
                count(r.bends(), InflectionLocator.Kind.KNEE), count(r.bends(), InflectionLocator.Kind.INTERACTION)));
        for (InflectionLocator.Bend b : r.skipped()) {
            notes.add("skipped (only " + Math.round(100 * b.agreement()) + "% of the members agree): " + describe(b));
        }
        boolean placed = true;
        for (int pass = 0; placed && pass < USES && chosen.size() < until && !queue.isEmpty(); pass++) {
            placed = false;
            for (InflectionLocator.Bend b : queue) {
                if (chosen.size() >= until) {
                    break;
                }
                double[] x = place(b);
                if (x != null) {
                    chosen.add(x);
                    reasons.add(describe(b) + (pass > 0 ? " (again, elsewhere in the other parameters)" : ""));
                    placed = true;
                }
            }
        }
    }

    private static long count(List<InflectionLocator.Bend> bends, InflectionLocator.Kind kind) {
        return bends.stream().filter(b -> b.kind() == kind).count();
    }

    /** The strongest bend of every target, then the second strongest of every target, and so on. */
    private static List<InflectionLocator.Bend> roundRobin(List<InflectionLocator.Bend> bends) {
        List<List<InflectionLocator.Bend>> byTarget = new ArrayList<>();
        for (InflectionLocator.Bend b : bends) {
            while (byTarget.size() <= b.target()) {
                byTarget.add(new ArrayList<>());
            }
            byTarget.get(b.target()).add(b);
        }
        List<InflectionLocator.Bend> out = new ArrayList<>();
        for (int rank = 0; out.size() < bends.size(); rank++) {
            for (List<InflectionLocator.Bend> list : byTarget) {
                if (rank < list.size()) {
                    out.add(list.get(rank));
                }
            }
        }
        return out;
    }

    /** The feasible pool point, moved onto the bend, farthest from the chosen runs; null within the radius. */
    private double[] place(InflectionLocator.Bend b) {
        double[] best = null;
        double bestDistance = -1;
        for (double[] base : pool) {
            double[] x = base.clone();
            x[b.first()] = space.parameters().get(b.first()).snap(b.at());
            if (b.second() >= 0) {
                x[b.second()] = space.parameters().get(b.second()).snap(b.at2());
            }
            if (!space.isFeasible(x)) {
                continue;
            }
            double d = nearestChosen(x);
            if (d > bestDistance) {
                best = x;
                bestDistance = d;
            }
        }
        return best != null && bestDistance >= radius ? best : null;
    }

    private double nearestChosen(double[] x) {
        double d = Double.POSITIVE_INFINITY;
        for (double[] c : chosen) {
            d = Math.min(d, space.distance(x, c));
        }
        return d;
    }

    /** Completes the plan with maximin (farthest-point) choices from the pool. */
    private void fill(int n) {
        int added = 0;
        while (chosen.size() < n) {
            double[] best = null;
            double bestDistance = -1;
            for (double[] x : pool) {
                double d = nearestChosen(x);
                if (d > bestDistance) {
                    best = x;
                    bestDistance = d;
                }
            }
            if (best == null || !(bestDistance > 0)) {
                throw DataException.option("the feasible region holds only " + chosen.size()
                        + " distinct points; ask for fewer runs");
            }
            chosen.add(best.clone());
            reasons.add("space-filling (farthest from the other runs)");
            added++;
        }
        if (added > 0) {
            notes.add(added + " runs are space-filling points"
                    + (reasons.stream().anyMatch(s -> s.contains(" of ")) ? "" : " (no bend could be placed)"));
        }
    }

    /** "inflection of porosity along calender_line_load_n_mm at 480 N/mm (members: +-12)". */
    String describe(InflectionLocator.Bend b) {
        String target = response.targets().get(b.target());
        Parameter p = space.parameters().get(b.first());
        if (b.kind() == InflectionLocator.Kind.INTERACTION) {
            Parameter q = space.parameters().get(b.second());
            return "interaction of " + target + " between " + p.name() + " and " + q.name() + " at " + p.name()
                    + " = " + value(p, b.at()) + " and " + q.name() + " = " + value(q, b.at2())
                    + spread(p, b.spread(), q, b.spread2());
        }
        return b.kind().label() + " of " + target + " along " + p.name() + " at " + value(p, b.at())
                + spread(p, b.spread(), null, Double.NaN);
    }

    private String value(Parameter p, double v) {
        String unit = response.unitOf(p.name());
        return short4(p, p.snap(v)) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A value to 4 significant digits (grid and integer values as the plan writes them). */
    private static String short4(Parameter p, double v) {
        return p.isDiscrete() ? p.format(v) : sig4(v);
    }

    private static String sig4(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String spread(Parameter p, double s, Parameter q, double s2) {
        if (Double.isNaN(s)) {
            return "";
        }
        String text = " (members: +-" + sig4(s);
        if (q != null && !Double.isNaN(s2)) {
            text += " and +-" + sig4(s2);
        }
        return text + ")";
    }
}
