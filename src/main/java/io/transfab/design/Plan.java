package io.transfab.design;

import io.transfab.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** A planned set of experiments: one point of the space per run, with how it was made. */
public final class Plan {
    private final ParameterSpace space;
    private final DesignOptions options;
    private final double[][] points;
    private final List<String> notes;
    private final List<String> reasons;

    Plan(ParameterSpace space, DesignOptions options, double[][] points, List<String> notes) {
        this(space, options, points, notes, List.of());
    }

    /** A plan whose runs each carry the reason they were chosen ({@code reasons} empty, or one per run). */
    Plan(ParameterSpace space, DesignOptions options, double[][] points, List<String> notes, List<String> reasons) {
        if (!reasons.isEmpty() && reasons.size() != points.length) {
            throw new IllegalArgumentException("one reason per run");
        }
        this.reasons = List.copyOf(reasons);
        this.space = space;
        this.options = options;
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            this.points[i] = points[i].clone();
        }
        this.notes = List.copyOf(notes);
    }

    public ParameterSpace space() {
        return space;
    }

    public DesignOptions options() {
        return options;
    }

    /** Number of runs (may be below the requested N for a small factorial; see {@link #notes()}). */
    public int runs() {
        return points.length;
    }

    /** Value of parameter {@code param} in run {@code run} (level index for a categorical parameter). */
    public double value(int run, int param) {
        return points[run][param];
    }

    /** A copy of run {@code run}'s point. */
    public double[] point(int run) {
        return points[run].clone();
    }

    /** Remarks on how the plan differs from a plain reading of the request (subsets, centre replicates). */
    public List<String> notes() {
        return notes;
    }

    /** Why each run was chosen (empty for the model-free methods). */
    public List<String> reasons() {
        return reasons;
    }

    /** Smallest distance between two runs in the unit cube ({@link ParameterSpace#distance}); NaN for one run. */
    public double minPairwiseDistance() {
        return space.minPairwiseDistance(points);
    }

    /** log det(X'X) of the plan for a model form (-infinity when the model cannot be estimated). */
    public double logDet(ModelForm form) {
        return ModelMatrix.logDet(space, form, points);
    }

    /**
     * D-efficiency in percent, {@code 100 * det(X'X)^(1/p) / N} with numeric parameters coded to [-1, 1]
     * (the definition of SAS/JMP; 100 for an orthogonal 2-level design of a linear model).
     */
    public double dEfficiency(ModelForm form) {
        int p = ModelMatrix.terms(space, form);
        return 100 * Math.exp(logDet(form) / p) / points.length;
    }

    /** D-efficiency for the model the plan was built for, present for {@link DesignMethod#DOPT} only. */
    public OptionalDouble dEfficiency() {
        return options.method() == DesignMethod.DOPT ? OptionalDouble.of(dEfficiency(options.model()))
                : OptionalDouble.empty();
    }

    /**
     * The plan as a table: a {@code run} column (1..N), one column per parameter and, for the model-based
     * methods, a {@code reason} column.
     */
    public Table toTable(String source) {
        List<String> names = new ArrayList<>();
        names.add("run");
        for (Parameter p : space.parameters()) {
            names.add(p.name());
        }
        if (!reasons.isEmpty()) {
            names.add("reason");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(i + 1));
            for (int j = 0; j < points[i].length; j++) {
                row.add(space.parameters().get(j).format(points[i][j]));
            }
            if (!reasons.isEmpty()) {
                row.add(reasons.get(i));
            }
            rows.add(row);
        }
        return Table.of(source, names, java.util.Collections.nCopies(names.size(), ""), rows);
    }
}
