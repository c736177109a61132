package io.transfab.model;

/** Fits a {@link Regressor} on normalised inputs and targets; the same seed gives the same model. */
public interface RegressorTrainer {
    /** The kind of regressor it produces, as in {@link Regressor#kind()}. */
    String kind();

    Regressor fit(double[][] x, double[][] y, long seed, Progress progress);
}
