package io.transfab.assess;

import io.transfab.data.DataException;
import io.transfab.evaluate.Bootstrap;
import io.transfab.evaluate.BootstrapInterval;
import io.transfab.evaluate.BootstrapOptions;
import io.transfab.evaluate.FoldSplit;
import io.transfab.evaluate.MetricKind;
import io.transfab.evaluate.PairedComparison;
import io.transfab.evaluate.Protocol;
import io.transfab.evaluate.Quantiles;
import io.transfab.evaluate.Resampling;
import io.transfab.evaluate.ResamplingOptions;
import io.transfab.evaluate.UncertaintyQuality;
import io.transfab.evaluate.UncertaintyScores;
import io.transfab.evaluate.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The statistics of {@code io.transfab.evaluate} as the assessment uses them. */
final class Stats {
    /** Bootstrap resamples for intervals of medians and pooled metrics. */
    private static final int RESAMPLES = 2000;
    private static final double LEVEL = 0.95;

    private Stats() {
    }

    /** A paired comparison, reduced to what the summary shows. */
    record Comparison(String verdict, double pValue, String sentence) {
    }

    /** Median, 10th and 90th percentiles, mean, and a percentile-bootstrap 95 % interval of the median. */
    static Summary.Spread spread(double[] values, long seed) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return new Summary.Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    new double[] {Double.NaN, Double.NaN});
        }
        int[][] idx = Bootstrap.indices(finite.length, RESAMPLES, seed);
        double[] medians = new double[idx.length];
        double[] sample = new double[finite.length];
        for (int b = 0; b < idx.length; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = finite[idx[b][i]];
            }
            medians[b] = Quantiles.median(sample);
        }
        double lo = (1 - LEVEL) / 2;
        return new Summary.Spread(Quantiles.median(finite), Quantiles.of(finite, 0.10), Quantiles.of(finite, 0.90),
                Arrays.stream(finite).average().orElse(Double.NaN),
                new double[] {Quantiles.of(medians, lo), Quantiles.of(medians, 1 - lo)});
    }

    /** Coverage of the central 90 % interval (NaN when the model gives no standard deviation). */
    static double coverage(double[] y, double[] mu, double[] sd) {
        return scores(y, mu, sd, 0, 1).coverage();
    }

    /** Mean standardised log loss against N(trainMean, trainVariance). */
    static double msll(double[] y, double[] mu, double[] sd, double trainMean, double trainVariance) {
        return scores(y, mu, sd, trainMean, trainVariance).msll();
    }

    private static UncertaintyScores scores(double[] y, double[] mu, double[] sd, double mean, double var) {
        return UncertaintyQuality.of(y, mu, sd, mean, var > 0 ? var : 1.0, UncertaintyQuality.DEFAULT_LEVEL);
    }

    /** BCa bootstrap intervals (percentile where BCa is undefined) of every metric of pooled predictions. */
    static Map<String, double[]> metricIntervals(double[] y, double[] mu, long seed) {
        Map<String, double[]> out = new LinkedHashMap<>();
        BootstrapOptions o = new BootstrapOptions(RESAMPLES, LEVEL, seed);
        for (MetricKind k : MetricKind.values()) {
            BootstrapInterval bi = Bootstrap.of(k, y, mu, o);
            var ci = Double.isFinite(bi.bca().lower()) ? bi.bca() : bi.percentile();
            out.put(k.name().toLowerCase(Locale.ROOT).replace("_", ""), new double[] {ci.lower(), ci.upper()});
        }
        return out;
    }

    /** Transfer's per-split RMSE against the other method's (Wilcoxon signed-rank, alpha 0.05). */
    static Comparison compare(double[] transferRmse, double[] otherRmse) {
        PairedComparison c = PairedComparison.of("RMSE", transferRmse, otherRmse, PairedComparison.DEFAULT_ALPHA);
        return new Comparison(c.verdict().name(), c.pValue(), c.sentence());
    }

    /**
     * The whole-table resampling splits of a protocol name (kfold, repeated-kfold, loo, group-kfold,
     * none); folds are clipped to the rows (or groups) available.
     */
    static List<Splits.Split> resampling(String protocol, int n, int folds, int repeats, String[] groups, long seed) {
        ResamplingOptions o = options(protocol, n, folds, repeats, groups);
        if (o == null) {
            return List.of();
        }
        List<FoldSplit> fs = o.protocol() == Protocol.GROUP_KFOLD ? Resampling.of(o, groups, seed)
                : Resampling.of(o, n, seed);
        List<Splits.Split> out = new ArrayList<>();
        for (FoldSplit f : fs) {
            out.add(f.split());
        }
        return out;
    }

    /** Folds per repeat of the protocol (to label the splits). */
    static int foldsPerRepeat(String protocol, int n, int folds, String[] groups) {
        ResamplingOptions o = options(protocol, n, folds, 1, groups);
        if (o == null) {
            return 1;
        }
        return o.protocol() == Protocol.LEAVE_ONE_OUT ? n : o.k();
    }

    private static ResamplingOptions options(String protocol, int n, int folds, int repeats, String[] groups) {
        int k = Math.min(folds, n);
        return switch (protocol) {
            case "none" -> null;
            case "kfold" -> ResamplingOptions.kFold(k);
            case "repeated-kfold" -> ResamplingOptions.repeatedKFold(k, repeats);
            case "loo" -> ResamplingOptions.leaveOneOut();
            case "group-kfold" -> {
                if (groups == null) {
                    throw DataException.option("group-kfold needs --groups COLUMN");
                }
                long distinct = Arrays.stream(groups).distinct().count();
                yield ResamplingOptions.groupKFold((int) Math.min(folds, distinct));
            }
            default -> throw DataException.option("unknown --protocol '" + protocol
                    + "'; choose kfold, repeated-kfold, loo, group-kfold or none");
        };
    }
}
