package io.transfab.campaign;

import java.util.List;
import java.util.Objects;

/**
 * One trained model of a campaign, stored with its model in {@code models/vN/}.
 *
 * @param version N of {@code models/vN} (from 1)
 * @param rows recorded rows it was trained on (the first {@code rows} rows of results.csv)
 * @param method how it was trained (e.g. {@code gp}, {@code finetune:l2sp})
 * @param repretrained whether the base network was first re-pre-trained on source plus recorded rows
 * @param folds folds of the cross-validation (n = leave-one-out), 0 when none was possible
 * @param scores one per campaign target, in target order
 * @param note why the CV is missing or optimistic; empty when there is nothing to say
 */
public record ModelVersion(int version, int rows, String method, boolean repretrained, int folds,
        List<TargetScore> scores, String note) {
    public ModelVersion {
        if (version < 1 || rows < 1) {
            throw new IllegalArgumentException("version and rows must be >= 1; got " + version + ", " + rows);
        }
        Objects.requireNonNull(method, "method");
        scores = List.copyOf(scores);
        note = note == null ? "" : note;
    }

    /** Directory name, {@code vN}. */
    public String name() {
        return "v" + version;
    }
}
