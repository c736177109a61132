package io.transfab.design;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Table;
import io.transfab.model.Compositions;
import io.transfab.model.LogRatio;
import io.transfab.model.Prediction;
import io.transfab.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** A trained model read over a parameter space: checks that they fit, predicts points, picks diverse batches. */
final class SpaceModel {
    /** Exclusion radius in the unit cube is this times sqrt(d). */
    static final double RADIUS_FACTOR = 0.1;

    /** A candidate: its unit-cube coordinates and its point of the space. */
    record Candidate(double[] u, double[] x) {
    }

    /** Chosen indices and the exclusion radius they keep. */
    record Selection(int[] indices, double radius) {
    }

    private final TrainedModel model;
    private final ParameterSpace space;
    private final int[] featureParam;

    private SpaceModel(TrainedModel model, ParameterSpace space, int[] featureParam) {
        this.model = model;
        this.space = space;
        this.featureParam = featureParam;
    }

    /**
     * Checks that every feature of the model is a parameter of the space, of a matching type and levels;
     * the space of the result ({@link #space}) also holds the model's composition inputs on their total.
     */
    static SpaceModel of(TrainedModel model, ParameterSpace space, String spaceSource) {
        List<Column> features = model.schema().features();
        int[] map = new int[features.size()];
        for (int f = 0; f < map.length; f++) {
            Column c = features.get(f);
            int j = indexOf(space, c.name());
            if (j < 0) {
                throw DataException.of(spaceSource, "the model's feature '" + c.name() + "' is not a parameter of the "
                        + "space; add it (the model needs: " + String.join(", ", model.schema().featureNames()) + ")");
            }
            Parameter p = space.parameters().get(j);
            if (c.type() == ColumnType.NUMERIC && p.isCategorical()) {
                throw DataException.of(spaceSource, "parameter '" + c.name() + "' is categorical but the model "
                        + "treats it as numeric");
            }
            if (c.type() == ColumnType.CATEGORICAL) {
                if (!p.isCategorical()) {
                    throw DataException.of(spaceSource, "parameter '" + c.name() + "' is numeric but the model treats "
                            + "it as categorical with levels " + c.categories());
                }
                for (String level : p.levels()) {
                    if (!c.categories().contains(level)) {
                        throw DataException.of(spaceSource, "parameter '" + c.name() + "': level '" + level
                                + "' is unknown to the model (it knows: " + String.join(", ", c.categories()) + ")");
                    }
                }
            }
            map[f] = j;
        }
        return new SpaceModel(model, withModelCompositions(model, space, spaceSource), map);
    }

    /**
     * {@code space} with the model's composition groups ({@link Composition#ofModel}) that the space
     * does not declare itself; a declared group that shares parts with one of the model's must be
     * the same set of parts (its total is then the declared one).
     */
    static ParameterSpace withModelCompositions(TrainedModel model, ParameterSpace space, String spaceSource) {
        LogRatio lr = model.inputScaling().logRatio();
        if (lr == null) {
            return space;
        }
        List<Composition> more = new ArrayList<>();
        for (LogRatio.Group g : lr.groups()) {
            Composition declared = null;
            for (Composition c : space.compositions()) {
                if (!Collections.disjoint(c.parts(), g.names())) {
                    declared = c;
                }
            }
            if (declared == null) {
                more.add(Composition.ofModel(g.names(), g.total(), Compositions.SUM_TOLERANCE));
            } else if (!new HashSet<>(declared.parts()).equals(new HashSet<>(g.names()))) {
                throw DataException.of(spaceSource, "composition " + declared.label() + " shares parts with the "
                        + "model's composition " + g.label() + " but is another group; declare " + g.label()
                        + " (or leave the model's group out of the space file)");
            }
        }
        try {
            return space.withCompositions(more);
        } catch (IllegalArgumentException e) {
            throw DataException.of(spaceSource, e.getMessage());
        }
    }

    /** The space the model is read over, with its compositions (the model's included). */
    ParameterSpace space() {
        return space;
    }

    private static int indexOf(ParameterSpace space, String name) {
        for (int j = 0; j < space.dimension(); j++) {
            if (space.parameters().get(j).name().equals(name)) {
                return j;
            }
        }
        return -1;
    }

    /** Index of target column {@code name}; a DataException listing the model's targets otherwise. */
    int targetIndex(String name) {
        List<String> names = model.schema().targetNames();
        int t = names.indexOf(name);
        if (t < 0) {
            throw DataException.of("goal", "the model has no target '" + name + "' (its targets: "
                    + String.join(", ", names) + ")");
        }
        return t;
    }

    List<String> targetNames() {
        return model.schema().targetNames();
    }

    List<String> targetUnits() {
        List<String> units = new ArrayList<>();
        for (Column c : model.schema().targets()) {
            units.add(c.unit() == null ? "" : c.unit());
        }
        return units;
    }

    TrainedModel model() {
        return model;
    }

    /** Predicts the points through a table of the model's feature columns, as a user's CSV would be read. */
    Prediction predict(List<Candidate> points) {
        return model.predictEncoded(encoded(points));
    }

    /** The points encoded as the model's inputs (one-hot, not normalised), read as a user's CSV would be. */
    double[][] encoded(List<Candidate> points) {
        List<Column> features = model.schema().features();
        List<String> names = new ArrayList<>();
        for (Column c : features) {
            names.add(c.name());
        }
        List<List<String>> rows = new ArrayList<>(points.size());
        for (Candidate cand : points) {
            List<String> row = new ArrayList<>(features.size());
            for (int f = 0; f < features.size(); f++) {
                int j = featureParam[f];
                Parameter p = space.parameters().get(j);
                row.add(p.isCategorical() ? p.levels().get((int) cand.x()[j]) : Double.toString(cand.x()[j]));
            }
            rows.add(row);
        }
        return Dataset.featuresOnly(Table.of("candidates", names, Collections.nCopies(names.size(), ""), rows),
                model.schema()).x();
    }

    /** The feasible points among the first {@code count} points of the seeded shifted Sobol sequence. */
    static List<Candidate> sobolCandidates(ParameterSpace space, int count, int needed, long seed) {
        SobolSequence seq = SobolSequence.shifted(space.dimension(), seed);
        List<Candidate> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            double[] u = seq.point(i);
            double[] x = space.fromUnit(u);
            if (space.isFeasible(x)) {
                out.add(new Candidate(u, x));
            }
        }
        if (out.size() < needed) {
            throw DataException.option(String.format("the constraints leave too small a feasible region: "
                    + "%d of %d candidate points are feasible, %d are needed; relax the constraints or ask for "
                    + "fewer points", out.size(), count, needed));
        }
        return out;
    }

    /**
     * Greedy batch with an exclusion radius (local penalisation with a zero penalty factor, after Gonzalez et
     * al., "Batch Bayesian optimization via local penalization", AISTATS 2016): take candidates by decreasing
     * score, skipping any closer than r = 0.1*sqrt(d) (unit cube, {@link ParameterSpace#distance}) to one
     * already taken; when the candidates run out, halve r and go on.
     */
    static Selection diverse(ParameterSpace space, List<Candidate> pool, double[] score, int n) {
        return diverse(space, pool, score, n, new int[0]);
    }

    /** As {@link #diverse(ParameterSpace, List, double[], int)}, completing a batch that starts with {@code taken}. */
    static Selection diverse(ParameterSpace space, List<Candidate> pool, double[] score, int n, int[] taken) {
        Integer[] order = new Integer[pool.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // NaN scores last; ties keep candidate order so that the batch is reproducible
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Double.isNaN(score[i])
                ? Double.NEGATIVE_INFINITY : score[i]).reversed().thenComparingInt(i -> i));
        List<Integer> chosen = new ArrayList<>();
        boolean[] used = new boolean[pool.size()];
        for (int i : taken) {
            chosen.add(i);
            used[i] = true;
        }
        double radius = RADIUS_FACTOR * Math.sqrt(space.dimension());
        while (true) {
            for (Integer i : order) {
                if (chosen.size() == n) {
                    break;
                }
                if (!used[i] && farEnough(space, pool, chosen, i, radius)) {
                    chosen.add(i);
                    used[i] = true;
                }
            }
            if (chosen.size() == n) {
                break;
            }
            radius /= 2;
            if (radius < 1e-9) {
                throw DataException.option("the feasible candidates hold only " + chosen.size()
                        + " distinct points; ask for fewer points");
            }
        }
        return new Selection(chosen.stream().mapToInt(Integer::intValue).toArray(), radius);
    }

    private static boolean farEnough(ParameterSpace space, List<Candidate> pool, List<Integer> chosen, int i,
            double radius) {
        for (int k : chosen) {
            if (space.distance(pool.get(i).x(), pool.get(k).x()) < radius) {
                return false;
            }
        }
        return true;
    }

    /** Assembles a proposal of the selected candidates. */
    Proposal proposal(List<Candidate> pool, Prediction p, double[] score, Selection s, String scoreName) {
        int n = s.indices().length;
        double[][] points = new double[n][];
        double[][] mean = new double[n][];
        double[][] std = new double[n][];
        double[] sc = new double[n];
        for (int r = 0; r < n; r++) {
            int i = s.indices()[r];
            points[r] = pool.get(i).x();
            mean[r] = p.mean()[i];
            std[r] = p.std()[i];
            sc[r] = score[i];
        }
        return new Proposal(space, targetNames(), targetUnits(), points, mean, std, sc, scoreName, s.radius(),
                pool.size());
    }
}
