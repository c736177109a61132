package io.transfab.model;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Range [min, max], mean and sample standard deviation of every numeric feature over the rows a
 * model learnt from, saved in model.json ({@code training.details.trainingRanges}) so that
 * predict can flag inputs outside them. A fine-tuned model's ranges cover its base model's rows
 * and its own ({@link #union}).
 *
 * @param names numeric feature names, in schema order
 * @param rows  rows the statistics are over
 */
public record TrainingRanges(List<String> names, double[] min, double[] max, double[] mean, double[] sd, int rows) {
    /** The key in a model's details. */
    public static final String KEY = "trainingRanges";

    public TrainingRanges {
        names = List.copyOf(names);
        min = min.clone();
        max = max.clone();
        mean = mean.clone();
        sd = sd.clone();
        int d = names.size();
        if (min.length != d || max.length != d || mean.length != d || sd.length != d) {
            throw new IllegalArgumentException("one min, max, mean and sd per name");
        }
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sd() {
        return sd.clone();
    }

    /** The statistics of the numeric features of encoded rows {@code x} (one-hot columns are skipped). */
    public static TrainingRanges of(Schema schema, double[][] x) {
        List<String> names = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        for (Column f : schema.features()) {
            if (f.type() == ColumnType.NUMERIC) {
                names.add(f.name());
                offsets.add(offset);
            }
            offset += f.width();
        }
        int d = names.size();
        int n = x.length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        double[] mean = new double[d];
        double[] sd = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < d; j++) {
            int c = offsets.get(j);
            double sum = 0;
            for (double[] row : x) {
                lo[j] = Math.min(lo[j], row[c]);
                hi[j] = Math.max(hi[j], row[c]);
                sum += row[c];
            }
            mean[j] = sum / n;
            double ss = 0;
            for (double[] row : x) {
                ss += (row[c] - mean[j]) * (row[c] - mean[j]);
            }
            sd[j] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        }
        return new TrainingRanges(names, lo, hi, mean, sd, n);
    }

    /** The ranges a model saved, if it saved any (models from before this field have none). */
    public static Optional<TrainingRanges> of(Map<String, Object> details) {
        Object saved = details.get(KEY);
        return saved == null ? Optional.empty() : Optional.of(Json.MAPPER.convertValue(saved, TrainingRanges.class));
    }

    /** A model trained further on {@code x}: the base model's rows (when it saved ranges) and these. */
    public static TrainingRanges ofFineTuned(Map<String, Object> baseDetails, Schema schema, double[][] x) {
        TrainingRanges own = of(schema, x);
        return of(baseDetails).map(own::union).orElse(own);
    }

    /**
     * The statistics over both sets of rows: min of the mins, max of the maxes, the pooled mean
     * and the pooled sample variance (Chan, Golub and LeVeque 1979: M2 = M2a + M2b + na nb / n
     * (mean_a - mean_b)^2). Features missing from {@code other} keep this one's values.
     */
    public TrainingRanges union(TrainingRanges other) {
        int d = names.size();
        double[] lo = min.clone();
        double[] hi = max.clone();
        double[] m = mean.clone();
        double[] s = sd.clone();
        int n = rows + other.rows;
        for (int j = 0; j < d; j++) {
            int k = other.names.indexOf(names.get(j));
            if (k < 0) {
                continue;
            }
            double na = rows;
            double nb = other.rows;
            double delta = other.mean[k] - mean[j];
            double m2 = sd[j] * sd[j] * (na - 1) + other.sd[k] * other.sd[k] * (nb - 1) + na * nb / n * delta * delta;
            lo[j] = Math.min(min[j], other.min[k]);
            hi[j] = Math.max(max[j], other.max[k]);
            m[j] = (na * mean[j] + nb * other.mean[k]) / n;
            s[j] = Math.sqrt(m2 / (n - 1));
        }
        return new TrainingRanges(names, lo, hi, m, s, n);
    }

    /**
     * How far {@code value} of feature {@code j} lies outside [min, max], in training standard
     * deviations (0 inside, with a relative tolerance of 1e-9 for values written back rounded). A
     * feature that was constant in training measures in units of max(|mean|, 1) instead.
     */
    public double excessSd(int j, double value) {
        double tol = 1e-9 * Math.max(1, Math.max(Math.abs(min[j]), Math.abs(max[j])));
        double beyond = value > max[j] + tol ? value - max[j] : value < min[j] - tol ? min[j] - value : 0;
        if (beyond == 0) {
            return 0;
        }
        double scale = sd[j] > 0 ? sd[j] : Math.max(Math.abs(mean[j]), 1);
        return beyond / scale;
    }
}
