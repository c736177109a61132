package io.transfab.model;

import java.util.ArrayList;
import java.util.List;

/** Fits a {@link Regressor} on normalised inputs and targets; the same seed gives the same model. */
public interface RegressorTrainer {
    /** The kind of regressor it produces, as in {@link Regressor#kind()}. */
    String kind();

    Regressor fit(double[][] x, double[][] y, long seed, Progress progress);

    /**
     * One regressor per task, in the tasks' order; each is the model {@link #fit} gives for the
     * task's rows and seed (trainers that train a group at once, like the MLP's batched trainer,
     * agree with it to float rounding). The default fits one after the other.
     */
    default List<Regressor> fitAll(List<FitTask> tasks, Progress progress) {
        List<Regressor> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            final int at = i;
            FitTask t = tasks.get(i);
            Progress p = (task, done, total) -> progress.update(task, at * total + done, tasks.size() * total);
            out.add(fit(t.x(), t.y(), t.seed(), tasks.size() == 1 ? progress : p));
        }
        return out;
    }

    /**
     * The trainer of the calibration's out-of-fold refits ({@link Training}): this trainer itself,
     * unless a kind can refit more cheaply without the refits leaning on the full fit (a GP draws
     * fewer independent starts). When it is this trainer, the final members and the refits are one
     * {@link #fitAll} group (the MLP trains them as one batch).
     */
    default RegressorTrainer forCalibrationRefits() {
        return this;
    }

    /** The rows (normalised inputs and targets) and seed of one fit in {@link #fitAll}. */
    record FitTask(double[][] x, double[][] y, long seed) {
        public FitTask {
            if (x == null || y == null) {
                throw new IllegalArgumentException("x and y are required");
            }
        }
    }
}
