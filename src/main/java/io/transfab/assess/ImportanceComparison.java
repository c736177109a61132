package io.transfab.assess;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import io.transfab.explain.Background;
import io.transfab.explain.EncodedPredictor;
import io.transfab.explain.ExplainOptions;
import io.transfab.explain.Explanation;
import io.transfab.explain.HybridExplainer;
import io.transfab.explain.MeanAbsShap;
import io.transfab.explain.Players;
import io.transfab.explain.ShapExplainer;
import io.transfab.explain.ShapOptions;
import io.transfab.explain.ShapValues;
import io.transfab.model.Matrices;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.HybridModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which manufacturing parameters matter for the recommended model on the target rows, against
 * the pre-trained network on the source rows: mean |SHAP| rankings and their Spearman rank
 * correlation per property. A low correlation tells the engineer the new material responds to
 * other levers than the source material.
 */
public record ImportanceComparison(List<String> parameters, List<PerTarget> targets) {
    /** Rows explained per table (a seeded sample keeps the rankings to seconds). */
    static final int MAX_ROWS = 60;
    /** Background rows of the interventional Shapley values. */
    static final int BACKGROUND = 10;

    /** Rankings (1 = most important) and mean |SHAP| per parameter for one property. */
    public record PerTarget(String target, double[] targetImportance, int[] targetRank, double[] sourceImportance,
            int[] sourceRank, double spearman) {
    }

    public ImportanceComparison {
        parameters = List.copyOf(parameters);
        targets = List.copyOf(targets);
    }

    static ImportanceComparison of(TrainedModel recommended, Table target, TrainedModel base, Table source, long seed,
            Progress progress) {
        Schema schema = recommended.schema();
        MeanAbsShap onTarget = meanAbsShap(recommended, Dataset.featuresOnly(target, schema).x(),
                Seeds.derive(seed, "importance-target"), progress);
        MeanAbsShap onSource = meanAbsShap(base, Dataset.featuresOnly(source, schema).x(),
                Seeds.derive(seed, "importance-source"), progress);
        return compare(schema.featureNames(), schema.targetNames(), onTarget, onSource);
    }

    /**
     * The same comparison for hybrid models: the tabular parameters are one player each, all image
     * columns one player and all series columns another ({@link HybridExplainer}), each explained on
     * a seeded sample of at most {@value #MAX_ROWS} rows against {@value #BACKGROUND} background rows.
     */
    static ImportanceComparison ofHybrid(HybridModel recommended, Table target, HybridModel base, Table source,
            long seed, Progress progress) {
        ExplainOptions options = new ExplainOptions(BACKGROUND, ExplainOptions.DEFAULT_MODEL_ROW_BUDGET,
                ShapOptions.defaults(), 200, 0.95, 1, 0, 2, 2, 1);
        Explanation onTarget = HybridExplainer.run(recommended, sample(target, Seeds.derive(seed, "importance-target")),
                null, options, Seeds.derive(seed, "importance-target"), progress);
        Explanation onSource = HybridExplainer.run(base, sample(source, Seeds.derive(seed, "importance-source")), null,
                options, Seeds.derive(seed, "importance-source"), progress);
        return compare(onTarget.players().names(), recommended.schema().targetNames(), onTarget.importance(),
                onSource.importance());
    }

    /** At most {@value #MAX_ROWS} rows of {@code t}, a seeded sample. */
    private static Table sample(Table t, long seed) {
        return t.rowCount() <= MAX_ROWS ? t
                : t.select(Arrays.copyOf(Splits.permutation(t.rowCount(), seed), MAX_ROWS));
    }

    private static ImportanceComparison compare(List<String> params, List<String> targets, MeanAbsShap onTarget,
            MeanAbsShap onSource) {
        List<PerTarget> out = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            double[] a = new double[params.size()];
            double[] b = new double[params.size()];
            for (int j = 0; j < a.length; j++) {
                a[j] = onTarget.mean(t, j);
                b[j] = onSource.mean(t, j);
            }
            int[] ra = rankOf(onTarget.ranking(t));
            int[] rb = rankOf(onSource.ranking(t));
            out.add(new PerTarget(targets.get(t), a, ra, b, rb, spearman(ra, rb)));
        }
        return new ImportanceComparison(params, out);
    }

    /**
     * Mean |SHAP| of a seeded sample of at most {@value #MAX_ROWS} rows against a background of
     * {@value #BACKGROUND} rows: a ranking needs far less precision than explain's full output.
     */
    private static MeanAbsShap meanAbsShap(TrainedModel model, double[][] x, long seed, Progress progress) {
        double[][] rows = x.length <= MAX_ROWS ? x
                : Matrices.rows(x, Arrays.copyOf(Splits.permutation(x.length, seed), MAX_ROWS));
        Players players = Players.of(model.schema());
        Background bg = Background.sample(x, Math.min(BACKGROUND, x.length), Seeds.derive(seed, "background"),
                "rows");
        ShapValues values = ShapExplainer.of(EncodedPredictor.of(model), players, model.schema().targetNames(), bg)
                .explain(rows, ShapOptions.defaults(), seed, progress);
        return MeanAbsShap.of(values, 200, 0.95, seed);
    }

    /** Rank (1 = most important) of each parameter, from the parameters in decreasing order. */
    static int[] rankOf(int[] order) {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    /** Spearman's rho of two rankings without ties: 1 - 6 sum d^2 / (n (n^2 - 1)). */
    static double spearman(int[] a, int[] b) {
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            d2 += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return 1 - 6 * d2 / (n * ((double) n * n - 1));
    }
}
