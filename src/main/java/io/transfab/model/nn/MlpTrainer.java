package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains and fine-tunes {@link MlpRegressor}s with DJL's PyTorch engine: mini-batch AdamW on the
 * mean squared error or the Huber loss ({@link TrainingOptions#loss()}; targets are standardised,
 * so Huber's threshold is in target standard deviations), autograd through libtorch's backward
 * pass on the calling thread ({@link Torch#collect()}).
 *
 * <p>Everything random comes from the seed through separate {@link SplittableRandom} streams
 * (initialisation, validation split, shuffling, dropout), never from the engine's global RNG, and
 * libtorch runs on one thread (see {@link Torch}); the same inputs and seed give bit-identical
 * weights. Initialisation is torch's default for Linear layers (Kaiming-uniform with a = sqrt(5),
 * i.e. weights and biases ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)); He et al. 2015), drawn in Java.
 * Only one thread at a time can be inside a gradient step (DJL's collector is process-wide), so
 * trainings on parallel threads interleave rather than run fully in parallel. Both entry points are
 * a batch of one of {@link MlpBatch}, which trains groups of networks (ensemble members, folds,
 * candidates) in one tensor program with one collector per step for the whole group.
 */
public final class MlpTrainer {

    private MlpTrainer() {
    }

    /** Trains a fresh network on inputs {@code x} (n x p) and standardised targets {@code y} (n x t). */
    public static MlpRegressor fit(double[][] x, double[][] y, MlpOptions options, long seed, Progress progress) {
        return withoutUntrainedInputs(fitWithHistory(x, y, options, seed, progress).model(), x);
    }

    /**
     * Zeroes the first-layer weights of inputs that are 0 in every training row (a parameter that
     * was constant in the source after standardisation, a category the source never had). Those
     * weights never received a gradient and still hold their random initial values, which would turn
     * a target's variation in that parameter into noise. Predictions on the training rows do not
     * change; fine-tuning can still learn the weights from the target rows.
     */
    static MlpRegressor withoutUntrainedInputs(MlpRegressor m, double[][] x) {
        boolean[] silent = new boolean[m.inputCount()];
        boolean any = false;
        for (int j = 0; j < silent.length; j++) {
            silent[j] = true;
            for (double[] row : x) {
                if (row[j] != 0.0) {
                    silent[j] = false;
                    break;
                }
            }
            any |= silent[j];
        }
        if (!any) {
            return m;
        }
        List<float[][]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int l = 0; l <= m.hiddenLayerCount(); l++) {
            weights.add(m.weights(l));
            biases.add(m.bias(l));
        }
        for (float[] unit : weights.get(0)) {
            for (int j = 0; j < silent.length; j++) {
                if (silent[j]) {
                    unit[j] = 0f;
                }
            }
        }
        return MlpRegressor.of(m.activation(), weights, biases);
    }

    /**
     * Fine-tunes {@code base} on {@code x}, {@code y}: the lowest {@code spec.frozenHiddenLayers()}
     * hidden layers are copied unchanged, the head is optionally re-drawn from the seed, and the
     * remaining layers are trained with the optional L2-SP anchor to their pre-trained values.
     * Frozen layers act as a fixed feature extractor (evaluated in float32 with the rest, never
     * updated, and returned bit-identical); dropout applies to the last frozen layer's output and to
     * every trained hidden layer.
     */
    public static MlpRegressor fineTune(MlpRegressor base, double[][] x, double[][] y, FineTuneSpec spec, long seed,
                                        Progress progress) {
        return fineTuneWithHistory(base, x, y, spec, seed, progress).model();
    }

    /** {@link #fit} as a {@link RegressorTrainer} of kind "mlp"; {@code fitAll} trains one batch. */
    public static RegressorTrainer trainer(MlpOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options are required");
        }
        return new RegressorTrainer() {
            @Override
            public String kind() {
                return MlpRegressor.KIND;
            }

            @Override
            public Regressor fit(double[][] x, double[][] y, long seed, Progress progress) {
                return MlpTrainer.fit(x, y, options, seed, progress);
            }

            /** All tasks as one {@link MlpBatch}: members and folds share a tensor program. */
            @Override
            public List<Regressor> fitAll(List<FitTask> tasks, Progress progress) {
                List<MlpBatch.Job> jobs = new ArrayList<>(tasks.size());
                for (FitTask t : tasks) {
                    jobs.add(MlpBatch.Job.fit(t.x(), t.y(), options, t.seed()));
                }
                return new ArrayList<>(MlpBatch.train(jobs, progress));
            }
        };
    }

    /** A trained network and its learning curves (mean squared error per epoch). */
    record Outcome(MlpRegressor model, double[] trainLoss, double[] validationLoss, int bestEpoch) {
    }

    static Outcome fitWithHistory(double[][] x, double[][] y, MlpOptions options, long seed, Progress progress) {
        return MlpBatch.outcomes(List.of(MlpBatch.Job.fit(x, y, options, seed)), progress).get(0);
    }

    static Outcome fineTuneWithHistory(MlpRegressor base, double[][] x, double[][] y, FineTuneSpec spec, long seed,
                                       Progress progress) {
        return MlpBatch.outcomes(List.of(MlpBatch.Job.fineTune(base, x, y, spec, seed)), progress).get(0);
    }

    /** torch.nn.Linear's default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), row by row, then the bias. */
    static void initialise(float[][] w, float[] b, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(w[0].length);
        for (float[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
            }
        }
        for (int o = 0; o < b.length; o++) {
            b[o] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
        }
    }

    static void checkData(double[][] x, double[][] y) {
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        int p = x[0].length;
        int t = y[0].length;
        if (p == 0 || t == 0) {
            throw new IllegalArgumentException("need at least one input and one target column");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != p || y[r].length != t) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " inputs and " + y[r].length
                        + " targets, expected " + p + " and " + t);
            }
            for (double v : x[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + r + " has a non-finite input " + v);
                }
            }
            for (double v : y[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + r + " has a non-finite target " + v);
                }
            }
        }
    }

    /** Independent random streams, all derived from one seed in a fixed order. */
    static final class Streams {
        final SplittableRandom init;
        final SplittableRandom split;
        final SplittableRandom shuffle;
        final SplittableRandom dropout;

        Streams(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            init = root.split();
            split = root.split();
            shuffle = root.split();
            dropout = root.split();
        }
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    /** Fisher-Yates. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static double[][] rows(double[][] m, int[] order, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = m[order[i]];
        }
        return out;
    }

    /** Output of the network computed by DJL in float32 (the training-time forward pass). */
    static float[][] torchForward(MlpRegressor model, double[][] x) {
        try (NDManager manager = Torch.newManager()) {
            TorchMlp net = asTorch(manager, model);
            return Torch.toMatrix(net.forward(manager, Torch.matrix(manager, x, model.inputCount()), 0.0, null));
        }
    }

    /**
     * Gradients of the mean squared error over {@code x}, {@code y} with respect to every parameter,
     * computed by DJL's autograd, in the order W0, b0, W1, b1, ... (weights flattened row-major,
     * {@code [out][in]}); the last entry holds the loss itself.
     */
    static float[][] lossGradients(MlpRegressor model, double[][] x, double[][] y) {
        return lossGradients(model, x, y, Loss.SQUARED);
    }

    /** {@link #lossGradients(MlpRegressor, double[][], double[][])} of the mean {@code loss}. */
    static float[][] lossGradients(MlpRegressor model, double[][] x, double[][] y, Loss loss) {
        try (NDManager manager = Torch.newManager()) {
            TorchMlp net = asTorch(manager, model);
            NDArray xs = Torch.matrix(manager, x, model.inputCount());
            NDArray ys = Torch.matrix(manager, y, model.outputCount());
            NDArray delta = TorchMlp.delta(manager);
            float value;
            try (Torch.Collector collector = Torch.collect()) {
                NDArray data = TorchMlp.meanLoss(loss, net.forward(manager, xs, 0.0, null), ys, delta);
                collector.backward(data);
                value = data.getFloat();
            }
            float[][] out = new float[2 * net.layerCount() + 1][];
            for (int l = 0; l < net.layerCount(); l++) {
                try (NDArray gw = net.weight(l).getGradient(); NDArray gb = net.bias(l).getGradient()) {
                    out[2 * l] = gw.toFloatArray();
                    out[2 * l + 1] = gb.toFloatArray();
                }
            }
            out[out.length - 1] = new float[] {value};
            return out;
        }
    }

    private static TorchMlp asTorch(NDManager manager, MlpRegressor model) {
        int layers = model.hiddenLayerCount() + 1;
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = model.weights(l);
            b[l] = model.bias(l);
        }
        return new TorchMlp(manager, model.activation(), 0, w, b);
    }
}
