package io.transfab.campaign;

/**
 * How well one model version does on one target.
 *
 * @param cvRmse cross-validated RMSE on the recorded rows (NaN when too few rows for CV)
 * @param cvR2 cross-validated R2 on the recorded rows (NaN when too few rows for CV)
 * @param meanStd mean predicted standard deviation over the campaign's fixed Sobol sample of the space
 *        (NaN when the model gives no uncertainty)
 */
public record TargetScore(String target, double cvRmse, double cvR2, double meanStd) {
}
