package io.transfab.accuracy;

import io.transfab.data.Dataset;
import java.util.List;

/**
 * One row block of the comparison: a target table (one target column), optionally a source table
 * with the same schema, and how it is split. With {@code groups} the splits are repeated grouped
 * k-fold cross-validations of the whole target table (R2 of the pooled out-of-fold predictions);
 * without, seeded draws of {@code sizes} training rows scored on every other target row.
 *
 * @param name        short name (the command's --tasks)
 * @param description how source and target were formed, for the docs
 * @param source      the source rows, or null
 * @param target      the target rows
 * @param groups      each target row's group for grouped CV, or an empty list for draws
 * @param sizes       training rows per draw (ignored with groups)
 * @param folds       folds of the grouped CV (ignored without groups)
 */
public record AccuracyTask(String name, String description, Dataset source, Dataset target, List<String> groups,
        List<Integer> sizes, int folds) {
    public AccuracyTask {
        if (target == null || !target.hasTargets() || target.schema().targetNames().size() != 1) {
            throw new IllegalArgumentException(name + ": the target table needs exactly one target column");
        }
        groups = List.copyOf(groups);
        sizes = List.copyOf(sizes);
        if (!groups.isEmpty() && groups.size() != target.size()) {
            throw new IllegalArgumentException(name + ": " + groups.size() + " group labels for " + target.size()
                    + " rows");
        }
        if (groups.isEmpty() && sizes.isEmpty()) {
            throw new IllegalArgumentException(name + ": draws need at least one size");
        }
        for (int s : sizes) {
            if (groups.isEmpty() && (s < 4 || s >= target.size())) {
                throw new IllegalArgumentException(name + ": size " + s + " must be in [4, " + target.size() + ")");
            }
        }
    }

    /** Whether the splits are grouped cross-validation. */
    public boolean grouped() {
        return !groups.isEmpty();
    }

    /** The same task with other draw sizes. */
    public AccuracyTask withSizes(List<Integer> newSizes) {
        return new AccuracyTask(name, description, source, target, groups, newSizes, folds);
    }
}
