package io.transfab.transfer;

import io.transfab.data.Dataset;
import io.transfab.model.MeanFunctionGp;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.TrainedModel;
import io.transfab.model.TrainingRanges;
import io.transfab.model.gp.GaussianProcess;
import io.transfab.model.gp.GaussianProcessTrainer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transfer through a Gaussian process whose prior mean is the pre-trained network, re-calibrated
 * to the target ({@link MeanFunctionGp}): the combination of transfer learning and a GP that
 * {@code assess} compares as {@code transfer-gp}. The network is not fine-tuned; the GP learns
 * what the target does differently.
 */
public final class GpTransfer {
    /** Method name used by assess and recorded in model.json. */
    public static final String METHOD = "transfer-gp";
    /** Ridge on the calibration gain, relative to the row count: keeps a, b stable at 4-5 rows. */
    private static final double GAIN_RIDGE = 1e-3;

    private GpTransfer() {
    }

    public static TrainedModel fit(TrainedModel base, Dataset target, InputNormalization normalization, long seed,
            Progress progress) {
        if (!target.schema().equals(base.schema())) {
            throw new IllegalArgumentException("target data must be encoded with the base model's schema");
        }
        FineTuner.networks(base); // a clear error when the base is not a network
        Parts p = build(base, target.x(), target.y(), normalization, seed, progress);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("normalization", normalization.cliName());
        details.put("calibrationGain", p.model().gain());
        details.put("calibrationOffset", p.model().offset());
        details.put("baseMethod", base.method());
        details.put("baseDataSource", base.provenance().dataSource());
        details.put(TrainingRanges.KEY, TrainingRanges.ofFineTuned(base.details(), base.schema(), target.x()));
        double[][] x = target.x();
        double[][] y = target.y();
        OutOfFold.Predictions oof = OutOfFold.kFold(x.length, OutOfFold.GP_FOLDS, seed, (tr, te, s) -> {
            Parts fold = build(base, io.transfab.model.Matrices.rows(x, tr), io.transfab.model.Matrices.rows(y, tr),
                    normalization, s, Progress.NONE);
            io.transfab.model.Prediction z = fold.model().predict(fold.in().apply(io.transfab.model.Matrices.rows(x, te)));
            return new io.transfab.model.Prediction(fold.out().invert(z.mean()), fold.out().invertSpread(z.std()));
        });
        return TrainedModel.of(base.schema(), p.in(), p.out(), p.model(), METHOD,
                details, Provenance.of(target.source(), target.sha256(), target.size(), seed,
                        base.provenance().dataSha256()))
                .withCalibration(OutOfFold.calibration(y, oof, p.out(),
                        Math.min(OutOfFold.GP_FOLDS, x.length) + "-fold cross-validation"));
    }

    /** The fitted pieces: input and target normalisation and the GP with the network as prior mean. */
    record Parts(Normalizer in, Normalizer out, MeanFunctionGp model) {
    }

    /** Fits on raw encoded inputs and targets (also used inside auto's cross-validation). */
    static Parts build(TrainedModel base, double[][] x, double[][] y, InputNormalization normalization, long seed,
            Progress progress) {
        Normalizer in = normalization == InputNormalization.TARGET
                ? Normalizer.fit(NormalizationScheme.STANDARD, x, TrainedModel.numericMask(base.schema()),
                        base.inputNormalizer().logRatio())
                : base.inputNormalizer();
        Normalizer out = Normalizer.standardize(y);
        return new Parts(in, out, calibrated(base, in.apply(x), out.apply(y), seed, progress));
    }

    /** The GP on normalised inputs {@code xs} and targets {@code ys} (any input scaling). */
    static MeanFunctionGp calibrated(TrainedModel base, double[][] xs, double[][] ys, long seed, Progress progress) {
        return calibrated(base, xs, ys, io.transfab.model.gp.GpOptions.defaults(), seed, progress);
    }

    /** {@link #calibrated(TrainedModel, double[][], double[][], long, Progress)} with other GP options. */
    static MeanFunctionGp calibrated(TrainedModel base, double[][] xs, double[][] ys,
            io.transfab.model.gp.GpOptions options, long seed, Progress progress) {
        double[][] m = base.regressor().predict(xs).mean();
        int t = ys[0].length;
        double[] gain = new double[t];
        double[] offset = new double[t];
        double[][] residual = new double[ys.length][t];
        for (int j = 0; j < t; j++) {
            double[] ab = calibrate(m, ys, j);
            gain[j] = ab[0];
            offset[j] = ab[1];
            for (int i = 0; i < ys.length; i++) {
                residual[i][j] = ys[i][j] - (gain[j] * m[i][j] + offset[j]);
            }
        }
        GaussianProcess gp = GaussianProcessTrainer.of(options).fit(xs, residual, seed,
                (task, done, total) -> progress.update("transfer-gp: " + task, done, total));
        return MeanFunctionGp.of(base.regressor(), gain, offset, gp);
    }

    /** Least squares y = a m + b with a small ridge on a (closed form of the 2x2 normal equations). */
    private static double[] calibrate(double[][] m, double[][] y, int j) {
        int n = y.length;
        double mm = 0;
        double my = 0;
        double sm = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sm += m[i][j];
            sy += y[i][j];
        }
        double meanM = sm / n;
        double meanY = sy / n;
        for (int i = 0; i < n; i++) {
            double dm = m[i][j] - meanM;
            mm += dm * dm;
            my += dm * (y[i][j] - meanY);
        }
        double a = my / (mm + GAIN_RIDGE * n);
        return new double[] {a, meanY - a * meanM};
    }
}
