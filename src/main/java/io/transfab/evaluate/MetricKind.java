package io.transfab.evaluate;

/** One of the {@link Metrics} scores, so statistics can be asked of "the RMSE" or "the R2". */
public enum MetricKind {
    R2("R2", false),
    MAE("MAE", true),
    RMSE("RMSE", true),
    MAPE("MAPE", true),
    MAX_ERROR("max error", true);

    private final String label;
    private final boolean lowerIsBetter;

    MetricKind(String label, boolean lowerIsBetter) {
        this.label = label;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** This score of already computed metrics. */
    public double of(Metrics m) {
        return switch (this) {
            case R2 -> m.r2();
            case MAE -> m.mae();
            case RMSE -> m.rmse();
            case MAPE -> m.mape();
            case MAX_ERROR -> m.maxError();
        };
    }

    /** This score of predictions against measurements, as {@link Metrics#of(double[], double[])}. */
    public double score(double[] measured, double[] predicted) {
        return of(Metrics.of(measured, predicted));
    }

    /** How people write it ("RMSE", "max error"). */
    public String label() {
        return label;
    }

    /** True for error scores, false for R2. */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
