package io.transfab.model.gp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.data.AtomicOutput;
import io.transfab.model.Matrices;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted zero-mean Gaussian process regressor, one independent GP per output, each with the
 * kernel {@code s2 * Matern52(r) + noise * delta} with ARD length scales (Rasmussen &amp; Williams
 * 2006, eq. 4.17). The standard deviation it predicts is that of a new measurement: it includes
 * the noise variance, as scikit-learn's GaussianProcessRegressor with a WhiteKernel does.
 */
public final class GaussianProcess implements Regressor {
    /** The kind stored in model.json. */
    public static final String KIND = "gp";
    static final String FILE = "gp.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double[][] x;
    private final double[][] y; // n x outputs, kept so that save/load rebuilds the identical posterior
    private final List<Matern52Gp> outputs;

    private GaussianProcess(double[][] x, double[][] y, List<Matern52Gp> outputs) {
        this.x = x;
        this.y = y;
        this.outputs = List.copyOf(outputs);
    }

    /**
     * Conditions a GP on (x, y) at the given hyperparameters, one set per output column of
     * {@code y}; nothing is optimised.
     *
     * @throws IllegalArgumentException on mismatched shapes, non-finite values, or a covariance
     *     matrix that is not numerically positive definite
     */
    public static GaussianProcess of(double[][] x, double[][] y, List<GpHyperparameters> hyperparameters) {
        int inputs = Matrices.columns(x, "x");
        int outputCount = Matrices.columns(y, "y");
        if (y.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        if (hyperparameters.size() != outputCount) {
            throw new IllegalArgumentException(hyperparameters.size() + " hyperparameter sets for " + outputCount + " outputs");
        }
        double[][] xc = Matrices.copy(x);
        double[][] yc = Matrices.copy(y);
        List<Matern52Gp> gps = new ArrayList<>(outputCount);
        for (int t = 0; t < outputCount; t++) {
            GpHyperparameters h = hyperparameters.get(t);
            if (h.inputCount() != inputs) {
                throw new IllegalArgumentException("output " + t + " has " + h.inputCount()
                        + " length scales for " + inputs + " inputs");
            }
            gps.add(Matern52Gp.of(xc, Matrices.column(yc, t), h));
        }
        return new GaussianProcess(xc, yc, gps);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return x[0].length;
    }

    @Override
    public int outputCount() {
        return outputs.size();
    }

    /** The kernel hyperparameters of output {@code output}. */
    public GpHyperparameters hyperparameters(int output) {
        return outputs.get(output).hyperparameters();
    }

    /** The log marginal likelihood of output {@code output} at its hyperparameters (R&amp;W eq. 2.30). */
    public double logMarginalLikelihood(int output) {
        return outputs.get(output).logMarginalLikelihood();
    }

    @Override
    public Prediction predict(double[][] xNew) {
        Matrices.requireColumns(xNew, inputCount(), "x");
        int t = outputs.size();
        double[][] mean = new double[xNew.length][t];
        double[][] std = new double[xNew.length][t];
        double[] ms = new double[2];
        for (int i = 0; i < xNew.length; i++) {
            for (int o = 0; o < t; o++) {
                outputs.get(o).predict(xNew[i], ms);
                mean[i][o] = ms[0];
                std[i][o] = ms[1];
            }
        }
        return new Prediction(mean, std);
    }

    /**
     * The posterior covariance of output {@code output}'s latent function between the rows of {@code a} and
     * of {@code b} (both in the GP's normalised input units): {@code k(a,b) - k(a,X) K^-1 k(X,b)}, with
     * {@code k} the signal kernel, so that no noise term enters even where a row of {@code a} equals one of
     * {@code b}. In normalised output units; {@code cov(x,x) + noiseVariance} is the square of the
     * predicted std at x.
     *
     * @return a.length x b.length
     */
    public double[][] posteriorCovariance(double[][] a, double[][] b, int output) {
        Matrices.requireColumns(a, inputCount(), "a");
        Matrices.requireColumns(b, inputCount(), "b");
        return outputs.get(output).covariance(a, b);
    }

    /** Writes {@code gp.json}: the training data and each output's hyperparameters. */
    @Override
    public void save(Path dir) throws IOException {
        List<Stored.Output> out = new ArrayList<>();
        for (int t = 0; t < outputs.size(); t++) {
            GpHyperparameters h = hyperparameters(t);
            out.add(new Stored.Output(h.signalVariance(), h.lengthScales(), h.noiseVariance(), Matrices.column(y, t)));
        }
        AtomicOutput.writeBytes(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new Stored(KIND, x, out)));
    }

    /** Reads what {@link #save} wrote; predictions are bit-identical to the saved model's. */
    public static GaussianProcess load(Path dir) throws IOException {
        Stored s = JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), Stored.class);
        if (s == null || !KIND.equals(s.kind()) || s.x() == null || s.outputs() == null || s.outputs().isEmpty()
                || java.util.Arrays.asList(s.x()).contains(null) || s.outputs().contains(null)) {
            throw new IOException(dir.resolve(FILE) + " is not a saved " + KIND + " model");
        }
        double[][] y = new double[s.x().length][s.outputs().size()];
        List<GpHyperparameters> hyper = new ArrayList<>();
        for (int t = 0; t < s.outputs().size(); t++) {
            Stored.Output o = s.outputs().get(t);
            if (o.y() == null || o.y().length != y.length) {
                throw new IOException(dir.resolve(FILE) + ": output " + t + " has the wrong number of targets");
            }
            for (int i = 0; i < y.length; i++) {
                y[i][t] = o.y()[i];
            }
            hyper.add(new GpHyperparameters(o.signalVariance(), o.lengthScales(), o.noiseVariance()));
        }
        try {
            return of(s.x(), y, hyper);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The JSON layout of {@code gp.json}. */
    record Stored(String kind, double[][] x, List<Output> outputs) {
        record Output(double signalVariance, double[] lengthScales, double noiseVariance, double[] y) {
        }
    }
}
