package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.transfab.data.DataException;
import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.RegressorTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains and fine-tunes {@link MlpRegressor}s with DJL's PyTorch engine: mini-batch AdamW on the
 * mean squared error or the Huber loss ({@link TrainingOptions#loss()}; targets are standardised,
 * so Huber's threshold is in target standard deviations), autograd through a
 * {@code GradientCollector}.
 *
 * <p>Everything random comes from the seed through separate {@link SplittableRandom} streams
 * (initialisation, validation split, shuffling, dropout), never from the engine's global RNG, and
 * libtorch runs on one thread (see {@link Torch}); the same inputs and seed give bit-identical
 * weights. Initialisation is torch's default for Linear layers (Kaiming-uniform with a = sqrt(5),
 * i.e. weights and biases ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)); He et al. 2015), drawn in Java.
 * Only one thread at a time can be inside a gradient step (DJL's collector is process-wide), so
 * trainings on parallel threads interleave rather than run fully in parallel.
 */
public final class MlpTrainer {
    private static final String FIT_TASK = "mlp fit";
    private static final String FINE_TUNE_TASK = "mlp fine-tune";

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
     * Frozen layers act as a fixed feature extractor (evaluated once, in double precision, without
     * dropout); dropout applies to the last frozen layer's output and to every trained hidden layer.
     */
    public static MlpRegressor fineTune(MlpRegressor base, double[][] x, double[][] y, FineTuneSpec spec, long seed,
                                        Progress progress) {
        return fineTuneWithHistory(base, x, y, spec, seed, progress).model();
    }

    /** {@link #fit} as a {@link RegressorTrainer} of kind "mlp". */
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
        };
    }

    /** A trained network and its learning curves (mean squared error per epoch). */
    record Outcome(MlpRegressor model, double[] trainLoss, double[] validationLoss, int bestEpoch) {
    }

    static Outcome fitWithHistory(double[][] x, double[][] y, MlpOptions options, long seed, Progress progress) {
        checkData(x, y);
        Streams streams = new Streams(seed);
        int[] hidden = options.hiddenSizes();
        int layers = hidden.length + 1;
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        int in = x[0].length;
        for (int l = 0; l < layers; l++) {
            int out = l < hidden.length ? hidden[l] : y[0].length;
            w[l] = new float[out][in];
            b[l] = new float[out];
            initialise(w[l], b[l], streams.init);
            in = out;
        }
        return train(options.activation(), w, b, 0, new boolean[layers], 0.0, x, y, options.training(), streams,
                progress, FIT_TASK);
    }

    static Outcome fineTuneWithHistory(MlpRegressor base, double[][] x, double[][] y, FineTuneSpec spec, long seed,
                                       Progress progress) {
        if (base == null || spec == null) {
            throw new IllegalArgumentException("base network and fine-tune spec are required");
        }
        checkData(x, y);
        if (x[0].length != base.inputCount() || y[0].length != base.outputCount()) {
            throw new IllegalArgumentException("data are " + x[0].length + " inputs -> " + y[0].length
                    + " targets, the base network is " + base.inputCount() + " -> " + base.outputCount());
        }
        int frozen = spec.frozenHiddenLayers();
        if (frozen > base.hiddenLayerCount()) {
            throw new IllegalArgumentException("frozenHiddenLayers " + frozen + " exceeds the base network's "
                    + base.hiddenLayerCount() + " hidden layers");
        }
        Streams streams = new Streams(seed);
        int layers = base.hiddenLayerCount() + 1;
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        boolean[] anchored = new boolean[layers];
        for (int l = 0; l < layers; l++) {
            w[l] = base.weights(l);
            b[l] = base.bias(l);
            anchored[l] = spec.anchorPenalty() > 0 && l >= frozen;
        }
        int head = layers - 1;
        if (spec.reinitializeHead()) {
            initialise(w[head], b[head], streams.init);
            anchored[head] = false;
        }
        // Frozen layers act as a fixed feature extractor: computed once, outside autograd.
        double[][] features = base.activations(x, frozen);
        return train(base.activation(), w, b, frozen, anchored, spec.anchorPenalty(), features, y,
                spec.training(), streams, progress, FINE_TUNE_TASK);
    }

    /** torch.nn.Linear's default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), row by row, then the bias. */
    private static void initialise(float[][] w, float[] b, SplittableRandom rng) {
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

    private static void checkData(double[][] x, double[][] y) {
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

    /**
     * The training loop shared by fit and fineTune.
     *
     * @param w        all layers' starting weights; layers below {@code frozen} are copied unchanged
     * @param b        all layers' starting biases
     * @param anchored per layer whether the L2-SP anchor applies (to its starting value)
     * @param features the input of layer {@code frozen} for every row (x itself when nothing is frozen)
     */
    private static Outcome train(Activation activation, float[][][] w, float[][] b, int frozen,
                                 boolean[] anchored, double alpha, double[][] features, double[][] y,
                                 TrainingOptions options, Streams streams, Progress progress, String task) {
        int n = features.length;
        int width = features[0].length;
        int targets = y[0].length;

        int[] order = permutation(n, streams.split);
        int nVal = options.validationFraction() > 0
                ? Math.max(1, (int) Math.round(options.validationFraction() * n)) : 0;
        if (nVal > 0 && n - nVal < 1) {
            throw new IllegalArgumentException("early stopping holds out " + nVal + " of " + n
                    + " rows and leaves none to train on; use validationFraction 0 or more rows");
        }
        double[][] trainX = rows(features, order, nVal, n);
        double[][] trainY = rows(y, order, nVal, n);
        int nTrain = trainX.length;
        int batch = options.batchSize() == 0 || options.batchSize() >= nTrain ? nTrain : options.batchSize();
        boolean fullBatch = batch == nTrain;

        int trainable = w.length - frozen;
        float[][][] bestW = new float[trainable][][];
        float[][] bestB = new float[trainable][];
        double[] trainLoss = new double[options.maxEpochs()];
        double[] valLoss = new double[options.maxEpochs()];
        Arrays.fill(trainLoss, Double.NaN);
        Arrays.fill(valLoss, Double.NaN);
        int bestEpoch = -1;

        try (NDManager manager = Torch.newManager()) {
            TorchMlp net = new TorchMlp(manager, activation, frozen, Arrays.copyOfRange(w, frozen, w.length),
                    Arrays.copyOfRange(b, frozen, b.length));
            NDArray[] anchorW = new NDArray[trainable];
            NDArray[] anchorB = new NDArray[trainable];
            boolean anyAnchor = false;
            for (int l = 0; l < trainable; l++) {
                if (alpha > 0 && anchored[frozen + l]) {
                    anchorW[l] = Torch.matrix(manager, w[frozen + l]);
                    anchorB[l] = Torch.owned(manager, b[frozen + l].clone(), new Shape(b[frozen + l].length));
                    anyAnchor = true;
                }
            }
            // A tensor, not a Java float: see TorchMlp.mse on DJL's ops with number arguments.
            NDArray alphaArray = Torch.owned(manager, new float[] {(float) alpha}, new Shape());
            NDArray delta = TorchMlp.delta(manager);
            float lr = (float) options.learningRate();
            // AdamW with decoupled decay on weight matrices; biases are not decayed.
            Optimizer weightOptimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr))
                    .optWeightDecays((float) options.weightDecay()).build();
            Optimizer biasOptimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr))
                    .optWeightDecays(0f).build();

            NDArray allX = Torch.matrix(manager, trainX, width);
            NDArray allY = Torch.matrix(manager, trainY, targets);
            NDArray valX = nVal > 0 ? Torch.matrix(manager, rows(features, order, 0, nVal), width) : null;
            NDArray valY = nVal > 0 ? Torch.matrix(manager, rows(y, order, 0, nVal), targets) : null;
            int[] shuffled = new int[nTrain];
            for (int i = 0; i < nTrain; i++) {
                shuffled[i] = i;
            }
            double best = Double.POSITIVE_INFINITY;

            for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
                double sum = 0;
                try (NDManager epochManager = manager.newSubManager()) {
                    NDArray epochX = allX;
                    NDArray epochY = allY;
                    if (!fullBatch) {
                        shuffle(shuffled, streams.shuffle);
                        epochX = Torch.matrix(epochManager, rows(trainX, shuffled, 0, nTrain), width);
                        epochY = Torch.matrix(epochManager, rows(trainY, shuffled, 0, nTrain), targets);
                    }
                    for (int start = 0; start < nTrain; start += batch) {
                        int end = Math.min(nTrain, start + batch);
                        try (NDManager step = epochManager.newSubManager()) {
                            NDIndex slice = new NDIndex().addSliceDim(start, end);
                            NDArray xb = epochX.get(step, slice);
                            NDArray yb = epochY.get(step, slice);
                            float loss;
                            try (Torch.Collector collector = Torch.collect()) {
                                NDArray prediction = net.forward(step, xb, options.dropout(), streams.dropout);
                                NDArray data = TorchMlp.meanLoss(options.loss(), prediction, yb, delta);
                                NDArray objective = data;
                                if (anyAnchor) {
                                    objective = data.add(net.anchorDistance(step, anchorW, anchorB).mul(alphaArray));
                                }
                                collector.backward(objective);
                                loss = data.getFloat();
                            }
                            if (!Float.isFinite(loss)) {
                                throw DataException.option(task + " diverged (loss " + loss + " at epoch "
                                        + (epoch + 1) + "); lower the learning rate (--lr)");
                            }
                            sum += (double) loss * (end - start);
                            for (int l = 0; l < trainable; l++) {
                                update(weightOptimizer, "w" + l, net.weight(l));
                                update(biasOptimizer, "b" + l, net.bias(l));
                            }
                        }
                    }
                }
                trainLoss[epoch] = sum / nTrain;
                progress.update(task, epoch + 1, options.maxEpochs());
                if (nVal == 0) {
                    continue;
                }
                try (NDManager evalManager = manager.newSubManager()) {
                    NDArray vx = valX.get(evalManager, new NDIndex().addSliceDim(0, nVal));
                    NDArray vy = valY.get(evalManager, new NDIndex().addSliceDim(0, nVal));
                    valLoss[epoch] = TorchMlp.meanLoss(options.loss(), net.forward(evalManager, vx, 0.0, null), vy,
                            delta).getFloat();
                }
                if (valLoss[epoch] < best) {
                    best = valLoss[epoch];
                    bestEpoch = epoch;
                    copyOut(net, bestW, bestB);
                } else if (epoch - bestEpoch >= options.patience()) {
                    progress.update(task, options.maxEpochs(), options.maxEpochs());
                    break;
                }
            }
            if (nVal == 0) {
                bestEpoch = options.maxEpochs() - 1;
                copyOut(net, bestW, bestB);
            }
        }
        List<float[][]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            weights.add(l < frozen ? w[l] : bestW[l - frozen]);
            biases.add(l < frozen ? b[l] : bestB[l - frozen]);
        }
        return new Outcome(MlpRegressor.of(activation, weights, biases), trainLoss, valLoss, bestEpoch);
    }

    private static void update(Optimizer optimizer, String id, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            optimizer.update(id, parameter, gradient);
        }
        Torch.zeroGradient(parameter);
    }

    private static void copyOut(TorchMlp net, float[][][] w, float[][] b) {
        for (int l = 0; l < net.layerCount(); l++) {
            w[l] = Torch.toMatrix(net.weight(l));
            b[l] = net.bias(l).toFloatArray();
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

    private static double[][] rows(double[][] m, int[] order, int from, int to) {
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
