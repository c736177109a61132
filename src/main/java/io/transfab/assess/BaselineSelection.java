package io.transfab.assess;

import io.transfab.data.Dataset;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainingRounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixes the comparator of a verdict before the test: inside one draw, the non-transfer candidate
 * (gp, ridge, xgboost, mlp from scratch) with the lowest inner cross-validated RMSE on the draw's
 * <em>training</em> rows, per target. The draw's test rows are never seen, so the comparator is a
 * procedure fixed in advance ("pick a non-transfer model by CV, then use it") rather than the
 * winner of the rows the test is run on, which would bias the verdict towards "no benefit"
 * (the winner's curse of picking the best of several on the same data).
 *
 * <p>Inner folds: leave-one-out below {@link #LOO_BELOW} rows, else {@link #FOLDS}-fold; the
 * {@code mlp} candidate is trained as one network (not an ensemble) for a quarter of its epochs
 * ({@link MethodTrainer#forInnerSelection()}) to bound the cost. Below {@link #MIN_ROWS} rows
 * no inner fit is possible and the first candidate in {@link #ORDER} is taken.
 */
final class BaselineSelection {
    /** Candidates in the order that breaks ties (cheapest and smoothest first). */
    static final List<Method> ORDER = List.of(Method.GP, Method.RIDGE, Method.XGBOOST, Method.MLP);
    static final int FOLDS = 5;
    static final int LOO_BELOW = 6;
    static final int MIN_ROWS = 4;

    private BaselineSelection() {
    }

    /** The chosen candidate per target and the seconds the inner cross-validation took. */
    record Choice(List<String> perTarget, double seconds) {
        Choice {
            perTarget = List.copyOf(perTarget);
        }
    }

    /** The assessed methods that may serve as the comparator, in {@link #ORDER}. */
    static List<Method> candidates(List<Method> methods) {
        return ORDER.stream().filter(methods::contains).toList();
    }

    /**
     * Chooses per target among {@code candidates} by inner CV on {@code train}.
     *
     * @param candidates at least two, in {@link #ORDER}
     */
    static Choice choose(MethodTrainer trainer, List<Method> candidates, Dataset train, long seed) {
        long t0 = System.nanoTime();
        int n = train.size();
        int targets = train.y()[0].length;
        List<String> chosen = new ArrayList<>();
        if (n < MIN_ROWS) {
            for (int t = 0; t < targets; t++) {
                chosen.add(candidates.get(0).cliName());
            }
            return new Choice(chosen, (System.nanoTime() - t0) / 1e9);
        }
        List<Splits.Split> folds = n < LOO_BELOW ? Splits.leaveOneOut(n)
                : Splits.kFold(n, FOLDS, Seeds.derive(seed, "baseline-folds"));
        MethodTrainer single = trainer.forInnerSelection();
        double[][] y = train.y();
        double[] bestRmse = new double[targets];
        java.util.Arrays.fill(bestRmse, Double.POSITIVE_INFINITY);
        String[] best = new String[targets];
        // Every candidate's every fold is a participant: their networks train in the unit's rounds.
        List<java.util.function.Supplier<double[][]>> fits = new ArrayList<>();
        for (Method m : candidates) {
            for (int f = 0; f < folds.size(); f++) {
                Splits.Split s = folds.get(f);
                long foldSeed = Seeds.derive(seed, m.cliName() + "-" + f);
                fits.add(() -> single.train(m, train.subset(s.train()), foldSeed, Progress.NONE).model()
                        .predictEncoded(train.subset(s.test()).x()).mean());
            }
        }
        List<double[][]> means = TrainingRounds.all(fits);
        for (int c = 0; c < candidates.size(); c++) {
            Method m = candidates.get(c);
            double[][] oof = new double[n][];
            for (int f = 0; f < folds.size(); f++) {
                double[][] mean = means.get(c * folds.size() + f);
                int[] test = folds.get(f).test();
                for (int i = 0; i < test.length; i++) {
                    oof[test[i]] = mean[i];
                }
            }
            for (int t = 0; t < targets; t++) {
                double rmse = Metrics.of(SplitResult.column(y, t), SplitResult.column(oof, t)).rmse();
                if (rmse < bestRmse[t]) {
                    bestRmse[t] = rmse;
                    best[t] = m.cliName();
                }
            }
        }
        for (int t = 0; t < targets; t++) {
            chosen.add(best[t] != null ? best[t] : candidates.get(0).cliName());
        }
        return new Choice(chosen, (System.nanoTime() - t0) / 1e9);
    }
}
