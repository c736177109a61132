package io.transfab.design;

import io.transfab.model.Ensemble;
import io.transfab.model.Regressor;
import io.transfab.model.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model read over a parameter space, member by member: what {@link InflectionLocator} analyses. An
 * ensemble gives one response per member (so that the location of a bend gets a spread); any other model
 * is a single member. Tests pass analytic functions through {@link #of}.
 */
public interface SpaceResponse {
    /** Names of the responses (the model's targets), in prediction order. */
    List<String> targets();

    /** Unit of parameter {@code name} for messages ("" when unknown). */
    String unitOf(String name);

    /** Number of members (&gt;= 1). */
    int members();

    /** Predictions {@code [member][point][target]} of points of the space (natural units, level indices). */
    double[][][] predict(double[][] points);

    /** An analytic response: {@code f} maps points to {@code [member][point][target]}. */
    static SpaceResponse of(List<String> targets, int members,
            java.util.function.Function<double[][], double[][][]> f) {
        List<String> names = List.copyOf(targets);
        Objects.requireNonNull(f, "f");
        if (members < 1) {
            throw new IllegalArgumentException("a response needs at least one member");
        }
        return new SpaceResponse() {
            @Override
            public List<String> targets() {
                return names;
            }

            @Override
            public String unitOf(String name) {
                return "";
            }

            @Override
            public int members() {
                return members;
            }

            @Override
            public double[][][] predict(double[][] points) {
                return f.apply(points);
            }
        };
    }

    /**
     * A saved model over {@code space}: its features must be parameters of the space (DataException naming
     * {@code spaceSource} otherwise); {@code targets} selects and orders the analysed targets (empty: all).
     */
    static SpaceResponse of(TrainedModel model, ParameterSpace space, String spaceSource, List<String> targets) {
        SpaceModel sm = SpaceModel.of(model, space, spaceSource);
        if (!sm.space().compositions().isEmpty()) {
            throw io.transfab.data.DataException.option("the bends of a model are found by varying one parameter at "
                    + "a time, which breaks composition " + sm.space().compositions().get(0).label() + " (its parts "
                    + "must sum to its total); use --method lhs or sobol, or suggest and optimize");
        }
        List<String> names = targets.isEmpty() ? sm.targetNames() : List.copyOf(targets);
        int[] index = new int[names.size()];
        for (int t = 0; t < index.length; t++) {
            index[t] = sm.targetNames().indexOf(names.get(t));
            if (index[t] < 0) {
                throw io.transfab.data.DataException.option("--targets: the model has no target '" + names.get(t)
                        + "' (its targets: " + String.join(", ", sm.targetNames()) + ")");
            }
        }
        List<TrainedModel> members = new ArrayList<>();
        Regressor r = model.regressor();
        if (r instanceof Ensemble e && model.domainColumn() == null && e.members().size() > 1) {
            for (Regressor m : e.members()) {
                members.add(TrainedModel.of(model.schema(), model.inputScaling(), model.outputNormalizer(), m,
                        model.method(), model.details(), model.provenance(), model.domainColumn()));
            }
        } else {
            members.add(model);
        }
        java.util.Map<String, String> units = new java.util.HashMap<>();
        for (io.transfab.data.Column c : model.schema().features()) {
            units.put(c.name(), c.unit() == null ? "" : c.unit());
        }
        return new SpaceResponse() {
            @Override
            public List<String> targets() {
                return names;
            }

            @Override
            public String unitOf(String name) {
                return units.getOrDefault(name, "");
            }

            @Override
            public int members() {
                return members.size();
            }

            @Override
            public double[][][] predict(double[][] points) {
                List<SpaceModel.Candidate> cands = new ArrayList<>(points.length);
                for (double[] x : points) {
                    cands.add(new SpaceModel.Candidate(null, x));
                }
                double[][] encoded = sm.encoded(cands);
                double[][][] out = new double[members.size()][points.length][index.length];
                for (int m = 0; m < out.length; m++) {
                    double[][] mean = members.get(m).predictEncoded(encoded).mean();
                    for (int i = 0; i < points.length; i++) {
                        for (int t = 0; t < index.length; t++) {
                            out[m][i][t] = mean[i][index[t]];
                        }
                    }
                }
                return out;
            }
        };
    }
}
