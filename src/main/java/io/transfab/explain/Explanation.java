package io.transfab.explain;

import io.transfab.data.Schema;
import io.transfab.model.Matrices;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything {@link Explainer#run} computed for one model and one table. */
public final class Explanation {
    private final Schema schema;
    private final Players players;
    private final double[][] x;
    private final Background background;
    private final ShapValues shap;
    private final MeanAbsShap importance;
    private final PermutationImportance permutation;
    private final String permutationNote;
    private final Map<Integer, PartialDependence.OneWay> dependence;
    private final List<int[]> topPlayers;
    private final List<PartialDependence.TwoWay> twoWay;
    private final Map<String, Double> seconds;

    Explanation(Schema schema, Players players, double[][] x, Background background, ShapValues shap, MeanAbsShap importance,
            PermutationImportance permutation, String permutationNote, Map<Integer, PartialDependence.OneWay> dependence,
            List<int[]> topPlayers, List<PartialDependence.TwoWay> twoWay, Map<String, Double> seconds) {
        this.schema = schema;
        this.players = players;
        this.x = Matrices.copy(x);
        this.background = background;
        this.shap = shap;
        this.importance = importance;
        this.permutation = permutation;
        this.permutationNote = permutationNote;
        this.dependence = Collections.unmodifiableMap(new LinkedHashMap<>(dependence));
        this.topPlayers = topPlayers.stream().map(int[]::clone).toList();
        this.twoWay = List.copyOf(twoWay);
        this.seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    public Schema schema() {
        return schema;
    }

    /** The players, in the order of the Shapley values. */
    public Players players() {
        return players;
    }

    /** The explained rows, encoded (a copy). */
    public double[][] x() {
        return Matrices.copy(x);
    }

    public Background background() {
        return background;
    }

    public ShapValues shap() {
        return shap;
    }

    public MeanAbsShap importance() {
        return importance;
    }

    /** Permutation importance, when the table had every target column. */
    public Optional<PermutationImportance> permutation() {
        return Optional.ofNullable(permutation);
    }

    /** Why there is no permutation importance, or "" when there is. */
    public String permutationNote() {
        return permutationNote;
    }

    /** PD/ICE of a player, when it is among some target's top players. */
    public Optional<PartialDependence.OneWay> dependence(int player) {
        return Optional.ofNullable(dependence.get(player));
    }

    /** The players with PD/ICE curves for target {@code t}, most important first. */
    public int[] topPlayers(int t) {
        return topPlayers.get(t).clone();
    }

    /** Two-way PD of target {@code t}'s two most important players (empty with fewer than two players). */
    public Optional<PartialDependence.TwoWay> twoWay(int t) {
        return Optional.ofNullable(twoWay.get(t));
    }

    /** Wall-clock seconds of each phase, in order. */
    public Map<String, Double> seconds() {
        return seconds;
    }
}
