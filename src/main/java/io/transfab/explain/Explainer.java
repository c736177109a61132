package io.transfab.explain;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a trained model on a table: Shapley values of every row and target, mean |SHAP| with
 * bootstrap intervals, permutation importance (when the table has the measured targets), PD/ICE
 * curves of each target's top parameters and two-way PD of its top pair.
 */
public final class Explainer {
    private Explainer() {
    }

    /**
     * @param backgroundTable reference rows, or null for a seeded sample of {@code data}
     */
    public static Explanation run(TrainedModel model, Table data, Table backgroundTable, ExplainOptions options,
            long seed, Progress progress) {
        Schema schema = model.schema();
        double[][] x = Dataset.featuresOnly(data, schema).x();
        String permNote = permutationNote(data, schema);
        double[][] y = permNote.isEmpty() ? Dataset.of(data, schema).y() : null;
        Players players = Players.of(schema);
        Background background;
        if (backgroundTable != null) {
            double[][] bx = Dataset.featuresOnly(backgroundTable, schema).x();
            background = Background.of(bx, "file " + backgroundTable.source() + " (all " + bx.length + " rows)");
        } else {
            int size = options.backgroundSizeFor(x.length, players.count());
            background = Background.sample(x, size, Seeds.derive(seed, "background"),
                    "rows of " + data.source());
        }
        EncodedPredictor f = EncodedPredictor.of(model);
        return run(f, schema, players, x, y, permNote, background, options, seed, progress);
    }

    /** The same on encoded matrices; {@code y} may be null (no permutation importance). */
    public static Explanation run(EncodedPredictor f, Schema schema, Players players, double[][] x, double[][] y,
            String permutationNote, Background background, ExplainOptions options, long seed, Progress progress) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        ShapValues shap = ShapExplainer.of(f, players, schema.targetNames(), background)
                .explain(x, options.shap(), Seeds.derive(seed, "kernel"), progress);
        long t1 = System.nanoTime();
        seconds.put("shap", (t1 - t0) / 1e9);
        MeanAbsShap importance = MeanAbsShap.of(shap, options.bootstrap(), options.level(),
                Seeds.derive(seed, "bootstrap"));
        PermutationImportance perm = null;
        if (y != null) {
            perm = PermutationImportance.of(f, players, x, y, options.permutationRepeats(),
                    Seeds.derive(seed, "permutation"));
        }
        long t2 = System.nanoTime();
        seconds.put("importance", (t2 - t1) / 1e9);

        int tCount = schema.targets().size();
        double[][] rows = dependenceRows(x, options.dependenceRows(), Seeds.derive(seed, "dependence"));
        List<int[]> top = new ArrayList<>();
        Map<Integer, PartialDependence.OneWay> oneWay = new LinkedHashMap<>();
        List<PartialDependence.TwoWay> twoWay = new ArrayList<>();
        Map<String, PartialDependence.TwoWay> pairs = new LinkedHashMap<>();
        int steps = tCount * 2;
        int step = 0;
        for (int t = 0; t < tCount; t++) {
            // images and series have no value to sweep: dependence covers the tabular players only
            int[] rank = Arrays.stream(importance.ranking(t)).filter(j -> !players.isMedia(j)).toArray();
            int[] chosen = Arrays.copyOf(rank, Math.min(options.topDependence(), rank.length));
            top.add(chosen);
            for (int j : chosen) {
                if (!oneWay.containsKey(j)) {
                    PartialDependence.Grid g = PartialDependence.Grid.of(players, j, players.column(j), x,
                            options.gridPoints());
                    oneWay.put(j, PartialDependence.oneWay(f, players, rows, g));
                }
            }
            progress.update("partial dependence", ++step, steps);
            PartialDependence.TwoWay pair = null;
            if (rank.length >= 2) {
                int a = rank[0];
                int b = rank[1];
                String key = Math.min(a, b) + "," + Math.max(a, b);
                pair = pairs.get(key);
                if (pair == null) {
                    pair = PartialDependence.twoWay(f, players, rows,
                            PartialDependence.Grid.of(players, a, players.column(a), x, options.twoWayGridPoints()),
                            PartialDependence.Grid.of(players, b, players.column(b), x, options.twoWayGridPoints()));
                    pairs.put(key, pair);
                }
            }
            twoWay.add(pair);
            progress.update("partial dependence", ++step, steps);
        }
        seconds.put("dependence", (System.nanoTime() - t2) / 1e9);
        return new Explanation(schema, players, x, background, shap, importance, perm, permutationNote, oneWay, top, twoWay,
                seconds);
    }

    /** "" when {@code data} has every target (permutation importance can run), else why not. */
    static String permutationNote(Table data, Schema schema) {
        List<String> missing = schema.targetNames().stream().filter(t -> !data.has(t)).toList();
        return missing.isEmpty() ? "" : data.source() + " has no measured " + String.join(", ", missing)
                + "; permutation importance needs the targets";
    }

    private static double[][] dependenceRows(double[][] x, int max, long seed) {
        if (x.length <= max) {
            return x;
        }
        return Background.sample(x, max, seed, "rows").rows();
    }

    /** Checks a 0-based row index against the table; a bad one is a {@link DataException}. */
    public static void requireRow(Table data, int row) {
        if (row < 0 || row >= data.rowCount()) {
            throw DataException.of(data.source(), "--row " + row + " is not a data row; the table has rows 0.."
                    + (data.rowCount() - 1) + " (0-based, header not counted)");
        }
    }

}
