package io.transfab.model;

/** Fits a {@link Regressor} on normalised inputs and targets; the same seed gives the same model. */
public interface RegressorTrainer {
    /** The kind of regressor it produces, as in {@link Regressor#kind()}. */
    String kind();

    Regressor fit(double[][] x, double[][] y, long seed, Progress progress);

    /**
     * A fit on some of the rows for the out-of-fold calibration ({@link Training}); {@code fitted} is
     * the model on all rows. By default a full {@link #fit}; a trainer may reuse {@code fitted}'s
     * hyperparameters to make the refits cheap.
     */
    default Regressor refit(Regressor fitted, double[][] x, double[][] y, long seed) {
        return fit(x, y, seed, Progress.NONE);
    }
}
