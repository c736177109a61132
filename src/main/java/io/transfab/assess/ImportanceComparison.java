package io.transfab.assess;

import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import io.transfab.explain.ExplainOptions;
import io.transfab.explain.Explainer;
import io.transfab.explain.Explanation;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
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
    /** Source rows explained for the source ranking (a seeded sample keeps it to seconds). */
    static final int SOURCE_ROWS = 100;

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
        ExplainOptions o = ExplainOptions.defaults();
        Explanation onTarget = Explainer.run(recommended, target, null, o, Seeds.derive(seed, "importance-target"),
                progress);
        Table sample = source.rowCount() <= SOURCE_ROWS ? source
                : source.select(Arrays.copyOf(Splits.permutation(source.rowCount(), Seeds.derive(seed, "sample")),
                        SOURCE_ROWS));
        Explanation onSource = Explainer.run(base, sample, null, o, Seeds.derive(seed, "importance-source"),
                progress);
        List<String> params = recommended.schema().featureNames();
        List<PerTarget> out = new ArrayList<>();
        for (int t = 0; t < recommended.schema().targets().size(); t++) {
            double[] a = new double[params.size()];
            double[] b = new double[params.size()];
            for (int j = 0; j < a.length; j++) {
                a[j] = onTarget.importance().mean(t, j);
                b[j] = onSource.importance().mean(t, j);
            }
            int[] ra = rankOf(onTarget.importance().ranking(t));
            int[] rb = rankOf(onSource.importance().ranking(t));
            out.add(new PerTarget(recommended.schema().targetNames().get(t), a, ra, b, rb, spearman(ra, rb)));
        }
        return new ImportanceComparison(params, out);
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
