package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.transfab.data.DataException;
import io.transfab.model.Progress;
import io.transfab.model.SideBySide;
import io.transfab.model.TrainingRounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains many independent networks of one architecture as one tensor program: the parameters of
 * the K networks of a batch are stacked as {@code [K, P]} (every layer a view {@code [K, in, out]}
 * plus a bias {@code [K, 1, out]}), a step's inputs as {@code [K, rows, in]} padded to the largest
 * network's rows with a per-row weight that is {@code 1 / (rows_k * targets)} on the real rows and 0
 * on the padding, and every layer is one batched matrix product. One backward pass ({@link
 * Torch#collect()}, per thread: batches on different threads run side by side) and one AdamW update
 * serve all K networks per step, so the per-operation overhead of tiny tensors is paid once per
 * batch instead of once per network. Called inside {@link io.transfab.model.TrainingRounds#all}, the
 * jobs join the round's other submissions (an assessment split's methods, folds and members).
 *
 * <p>Each network keeps everything the single-network trainer gives it: its seed-derived
 * initialisation, validation split, shuffling and dropout streams ({@link MlpTrainer.Streams}), its
 * own options (learning rate, epochs, batch size, weight decay, dropout, early stopping, loss), its
 * frozen layers (layers frozen in every network of the batch are evaluated once, in double
 * precision, as a fixed feature extractor; the others are masked out of the update) and its L2-SP
 * anchor. Epochs are aligned: in epoch e network k takes its own
 * {@code ceil(trainRows_k / batch_k)} steps and sits out the remaining steps of the batch's longest
 * epoch (no update, no Adam state change). A network that early-stops or reaches its epoch limit
 * stops updating and keeps its best weights; the batch ends when all are done. A network's result
 * thus does not depend on which others share its batch beyond float rounding (reduction order in
 * the padded sums).
 *
 * <p>Compaction: at the end of an epoch in which networks finished ({@link #COMPACT_AT}), the batch
 * is rebuilt for those still training, so that later epochs cost only for them: their parameters
 * and Adam moments are copied exactly (float arrays) into a narrower program, whose per-element
 * tensors (decay, trained mask, L2-SP anchor and strength, Huber thresholds), validation rows and
 * step data are made anew for them; each network's streams, step count, best weights and curves
 * live in its own state and go on unchanged. The program's shape stays what the whole batch chose
 * (the L2-SP term and the per-network thresholds when any network had them, the validation rows
 * padded to the batch's largest split), and a batch never narrows below {@link #MIN_WIDTH}: a
 * network left alone keeps a finished one beside it, since libtorch computes a batch of one
 * otherwise. Measured (MlpBatchTest, MlpBatchSizeBenchTest), compaction changes no bit when the
 * hidden layers are multiples of 32 units wide (the assessment's 64-64: the same predictions
 * byte for byte); at other widths an elementwise pass's scalar tail falls on other elements and a
 * network differs from itself unbatched within float rounding, as it does in any other batch.
 *
 * <p>AdamW (Loshchilov &amp; Hutter 2019) as DJL's: {@code w <- w (1 - lr wd)} on weight matrices of
 * trained layers, then {@code w <- w - lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)} with
 * b1 = 0.9, b2 = 0.999, eps = 1e-8 and t the network's own step count. The objective differentiated
 * is {@code sum_k [loss_k + alpha_k sum_anchored ||theta_k - theta0_k||^2]} (L2-SP, Li et al. 2018);
 * the networks' parameters are disjoint, so each network receives exactly its own gradient.
 */
public final class MlpBatch {
    /**
     * Most networks in one tensor program; longer lists of one architecture run as consecutive
     * batches. Measured (docs/performance.md, 64 networks 7-64-64-1 on 10-40 rows): CPU per network
     * falls from 1 to 16 networks per batch and is flat from 16 to 64; 32 sits on the plateau.
     */
    static final int MAX_NETWORKS = 32;
    /**
     * A batch drops its finished networks at the end of an epoch when at most this fraction of its
     * width is still training: 1, at every epoch in which one finishes. A rebuild costs less than an
     * epoch of the batch (a copy of the parameters and moments, a few uploads); measured on an
     * assessment round's 21 networks, every finish (widths 21, 16, 8) took less CPU than 3/4 (21, 8)
     * and as little with early stopping (12 rebuilds against 7).
     */
    static final double COMPACT_AT = 1.0;
    /** Fewest networks a compaction leaves in a batch (a finished one stays beside the last). */
    static final int MIN_WIDTH = 2;
    /**
     * Batches a group of networks on large tables is cut into, trained side by side on their own
     * threads. A constant of the product, like libtorch's one intra-op thread per batch: which
     * networks share a batch depends on the job list alone, never on {@code --jobs} or the cores.
     */
    static final int PARALLEL_BATCHES = 2;
    /**
     * Fewest training rows of every network of a group for {@link #PARALLEL_BATCHES}: pre-training on
     * a source table (mini-batches, hundreds of steps per epoch) keeps one thread busy for seconds, so
     * a second batch on the otherwise idle core halves its wall time; the target-sized networks of an
     * assessment split (10-100 rows) stay in one batch, where the CPU per network is lowest and
     * {@code --jobs} already runs splits side by side.
     */
    static final int PARALLEL_MIN_ROWS = 256;
    private static final String FIT_TASK = "mlp fit";
    private static final String ROUND_KIND = "mlp";
    private static final String FINE_TUNE_TASK = "mlp fine-tune";

    private MlpBatch() {
    }

    /**
     * The batched objective {@code sum_k data_k + sum (alpha * (theta - anchor)^2)} (L2-SP per element;
     * no anchor term when {@code anchor} is null); temporaries attached to {@code step}.
     */
    static NDArray objective(NDManager step, NDArray theta, NDArray anchor, NDArray alpha, NDArray data) {
        NDArray total = data.sum();
        if (anchor != null) {
            NDArray distance = Program.local(step, theta.sub(anchor));
            total = total.add(distance.square().mul(alpha).sum());
        }
        return total;
    }

    /** Per-network weighted loss [K]: sum over rows and targets of weight * loss(prediction - target). */
    static NDArray losses(NDArray prediction, NDArray target, NDArray rowWeight, NDArray delta) {
        if (delta == null) { // every network on the squared error
            return prediction.sub(target).square().mul(rowWeight).sum(new int[] {1, 2});
        }
        // Huber with a threshold per network; +infinity (a squared-error network) gives r^2 exactly.
        NDArray rho = TorchMlp.elementwise(Loss.HUBER, prediction.sub(target), delta);
        return rho.mul(rowWeight).sum(new int[] {1, 2});
    }

    /** One network to train: from scratch ({@link #fit}) or from a pre-trained base ({@link #fineTune}). */
    public static final class Job {
        private final MlpRegressor base;
        private final FineTuneSpec spec;
        private final Activation activation;
        private final int[] sizes;
        private final TrainingOptions training;
        private final double[][] x;
        private final double[][] y;
        private final long seed;

        private Job(MlpRegressor base, FineTuneSpec spec, Activation activation, int[] sizes,
                    TrainingOptions training, double[][] x, double[][] y, long seed) {
            this.base = base;
            this.spec = spec;
            this.activation = activation;
            this.sizes = sizes;
            this.training = training;
            this.x = x;
            this.y = y;
            this.seed = seed;
        }

        /** A fresh network on inputs {@code x} (n x p) and standardised targets {@code y} (n x t). */
        public static Job fit(double[][] x, double[][] y, MlpOptions options, long seed) {
            if (options == null) {
                throw new IllegalArgumentException("options are required");
            }
            MlpTrainer.checkData(x, y);
            int[] hidden = options.hiddenSizes();
            int[] sizes = new int[hidden.length + 2];
            sizes[0] = x[0].length;
            System.arraycopy(hidden, 0, sizes, 1, hidden.length);
            sizes[sizes.length - 1] = y[0].length;
            return new Job(null, null, options.activation(), sizes, options.training(), x, y, seed);
        }

        /** Fine-tuning of {@code base} on {@code x}, {@code y} as {@link MlpTrainer#fineTune} describes. */
        public static Job fineTune(MlpRegressor base, double[][] x, double[][] y, FineTuneSpec spec, long seed) {
            if (base == null || spec == null) {
                throw new IllegalArgumentException("base network and fine-tune spec are required");
            }
            MlpTrainer.checkData(x, y);
            if (x[0].length != base.inputCount() || y[0].length != base.outputCount()) {
                throw new IllegalArgumentException("data are " + x[0].length + " inputs -> " + y[0].length
                        + " targets, the base network is " + base.inputCount() + " -> " + base.outputCount());
            }
            if (spec.frozenHiddenLayers() > base.hiddenLayerCount()) {
                throw new IllegalArgumentException("frozenHiddenLayers " + spec.frozenHiddenLayers()
                        + " exceeds the base network's " + base.hiddenLayerCount() + " hidden layers");
            }
            int[] sizes = new int[base.hiddenLayerCount() + 2];
            sizes[0] = base.inputCount();
            for (int l = 0; l <= base.hiddenLayerCount(); l++) {
                sizes[l + 1] = base.layerSize(l);
            }
            return new Job(base, spec, base.activation(), sizes, spec.training(), x, y, seed);
        }

        /** Jobs of equal architecture (activation and layer sizes) can share a tensor program. */
        String architecture() {
            return activation + Arrays.toString(sizes);
        }

        String task() {
            return base == null ? FIT_TASK : FINE_TUNE_TASK;
        }
    }

    /**
     * Trains every job and returns the networks in the jobs' order. Jobs are grouped by architecture
     * in order of first appearance and each group runs in batches of at most {@link #MAX_NETWORKS};
     * the grouping depends only on the list, never on threads or cores. Networks fitted from scratch
     * get {@link MlpTrainer#withoutUntrainedInputs} as {@link MlpTrainer#fit} does.
     */
    public static List<MlpRegressor> train(List<Job> jobs, Progress progress) {
        List<MlpTrainer.Outcome> outcomes = outcomes(jobs, progress);
        List<MlpRegressor> models = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            MlpRegressor m = outcomes.get(i).model();
            models.add(job.base == null ? MlpTrainer.withoutUntrainedInputs(m, job.x) : m);
        }
        return models;
    }

    /** {@link #train} with the learning curves, before the untrained-input clean-up. */
    static List<MlpTrainer.Outcome> outcomes(List<Job> jobs, Progress progress) {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("no networks to train");
        }
        // Inside TrainingRounds.all the jobs join the round's other networks (one program per architecture).
        return TrainingRounds.train(ROUND_KIND, jobs, all -> outcomes(all, progress, MAX_NETWORKS));
    }

    /** {@link #outcomes} now, in the batches of {@link #plan}; consecutive side-by-side batches in pairs on their own threads. */
    static List<MlpTrainer.Outcome> outcomes(List<Job> jobs, Progress progress, int maxNetworks) {
        return outcomes(jobs, progress, maxNetworks, COMPACT_AT);
    }

    /**
     * {@link #outcomes(List, Progress, int)} with another compaction rule: a batch drops its finished
     * networks when at most {@code compactAt} times its width are still training (0: never, 1: as soon
     * as one finishes). For tests and measurements.
     */
    static List<MlpTrainer.Outcome> outcomes(List<Job> jobs, Progress progress, int maxNetworks, double compactAt) {
        List<Batch> plan = plan(jobs, maxNetworks);
        List<List<Integer>> batches = plan.stream().map(Batch::networks).toList();
        List<Boolean> parallel = plan.stream().map(Batch::sideBySide).toList();
        MlpTrainer.Outcome[] out = new MlpTrainer.Outcome[jobs.size()];
        String task = jobs.get(0).task() + (jobs.size() > 1 ? ", " + jobs.size() + " networks" : "");
        int[] done = new int[batches.size()];
        int[] total = new int[batches.size()];
        List<Supplier<List<MlpTrainer.Outcome>>> runs = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            List<Job> members = new ArrayList<>();
            for (int i : batches.get(b)) {
                members.add(jobs.get(i));
            }
            int at = b;
            Progress p = batches.size() == 1 ? progress : (t, d, of) -> {
                synchronized (done) { // batches side by side report from their own threads
                    done[at] = d;
                    total[at] = of;
                    progress.update(task, Arrays.stream(done).sum(), Math.max(1, Arrays.stream(total).sum()));
                }
            };
            runs.add(() -> new Program(members, compactAt).run(p, task));
        }
        List<List<MlpTrainer.Outcome>> trained = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            int end = b + 1;
            while (parallel.get(b) && end < batches.size() && parallel.get(end) && end - b < PARALLEL_BATCHES) {
                end++;
            }
            trained.addAll(SideBySide.run(runs.subList(b, end)));
            b = end - 1;
        }
        for (int b = 0; b < batches.size(); b++) {
            List<Integer> batch = batches.get(b);
            for (int k = 0; k < batch.size(); k++) {
                out[batch.get(k)] = trained.get(b).get(k);
            }
        }
        return Arrays.asList(out);
    }

    /** One tensor program's networks (indices into the job list) and whether it runs beside its neighbours. */
    record Batch(List<Integer> networks, boolean sideBySide) {
    }

    /**
     * The batches of {@code jobs}, a function of the list alone: per architecture at most {@code
     * maxNetworks} networks, and a group whose every network has {@link #PARALLEL_MIN_ROWS} rows or
     * more cut into {@link #PARALLEL_BATCHES} consecutive batches of equal size (the last one
     * smaller), run side by side.
     */
    static List<Batch> plan(List<Job> jobs, int maxNetworks) {
        List<Batch> out = new ArrayList<>();
        for (List<Integer> group : groups(jobs, maxNetworks)) {
            boolean large = group.size() > 1 && group.stream().allMatch(i -> jobs.get(i).x.length >= PARALLEL_MIN_ROWS);
            int cap = large ? (group.size() + PARALLEL_BATCHES - 1) / PARALLEL_BATCHES : group.size();
            for (int from = 0; from < group.size(); from += cap) {
                out.add(new Batch(List.copyOf(group.subList(from, Math.min(group.size(), from + cap))), large));
            }
        }
        return out;
    }

    /**
     * The jobs' indices grouped by architecture in order of first appearance, each group of more than
     * {@code maxNetworks} sorted by epochs and rows: a batch runs until its longest network is done
     * and pads every network to its largest row count, so batches of similar epochs and rows waste
     * least (stable, so still a function of the list alone).
     */
    private static List<List<Integer>> groups(List<Job> jobs, int maxNetworks) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            groups.computeIfAbsent(jobs.get(i).architecture(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            if (group.size() > maxNetworks) {
                group = new ArrayList<>(group);
                group.sort(Comparator.<Integer>comparingInt(i -> jobs.get(i).training.maxEpochs())
                        .thenComparingInt(i -> jobs.get(i).x.length));
                for (int from = 0; from < group.size(); from += maxNetworks) {
                    out.add(group.subList(from, Math.min(group.size(), from + maxNetworks)));
                }
            } else {
                out.add(group);
            }
        }
        return out;
    }

    /**
     * Gradients of the batched objective (loss + L2-SP) with respect to each network's flat
     * parameters {@code theta} (layout of {@link #flatten}), over all of each job's rows (no
     * validation split, no dropout), and each network's data loss as the last entry. For tests.
     */
    static float[][] objectiveGradients(List<Job> jobs, List<float[]> theta) {
        Program program = new Program(jobs, 0.0);
        return program.gradients(theta);
    }

    /** The widths one batch of {@code jobs} trains at under the rule {@code compactAt}, from the first. For tests. */
    static List<Integer> widths(List<Job> jobs, double compactAt) {
        Program program = new Program(jobs, compactAt);
        program.run(Progress.NONE, FIT_TASK);
        return List.copyOf(program.widths);
    }

    /** A network's parameters in the batch layout: per layer {@code W^T} ({@code [in][out]}) row-major, then b. */
    static float[] flatten(MlpRegressor m) {
        int layers = m.hiddenLayerCount() + 1;
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = m.weights(l);
            b[l] = m.bias(l);
        }
        Layout layout = Layout.of(sizesOf(m));
        return layout.pack(w, b);
    }

    private static int[] sizesOf(MlpRegressor m) {
        int[] sizes = new int[m.hiddenLayerCount() + 2];
        sizes[0] = m.inputCount();
        for (int l = 0; l <= m.hiddenLayerCount(); l++) {
            sizes[l + 1] = m.layerSize(l);
        }
        return sizes;
    }

    /** Offsets of each layer's weights and bias in the flat parameter vector of one network. */
    private record Layout(int[] sizes, int[] weightOffset, int[] biasOffset, int size) {
        static Layout of(int[] sizes) {
            int layers = sizes.length - 1;
            int[] wo = new int[layers];
            int[] bo = new int[layers];
            int at = 0;
            for (int l = 0; l < layers; l++) {
                wo[l] = at;
                at += sizes[l] * sizes[l + 1];
                bo[l] = at;
                at += sizes[l + 1];
            }
            return new Layout(sizes, wo, bo, at);
        }

        int layers() {
            return sizes.length - 1;
        }

        /** Where the flat vector splits into W0, b0, W1, b1, ... (every offset but the first). */
        long[] splitPoints() {
            long[] points = new long[2 * layers() - 1];
            for (int l = 0; l < layers(); l++) {
                points[2 * l] = biasOffset[l];
                if (l + 1 < layers()) {
                    points[2 * l + 1] = weightOffset[l + 1];
                }
            }
            return points;
        }

        float[] pack(float[][][] w, float[][] b) {
            float[] theta = new float[size];
            for (int l = 0; l < layers(); l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        theta[weightOffset[l] + i * out + o] = w[l][o][i];
                    }
                    theta[biasOffset[l] + o] = b[l][o];
                }
            }
            return theta;
        }

        float[][] weights(float[] theta, int l) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[][] w = new float[out][in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    w[o][i] = theta[weightOffset[l] + i * out + o];
                }
            }
            return w;
        }

        float[] bias(float[] theta, int l) {
            return Arrays.copyOfRange(theta, biasOffset[l], biasOffset[l] + sizes[l + 1]);
        }
    }

    /** One network's data, options and training state inside a batch. */
    private static final class Net {
        final Job job;
        final TrainingOptions options;
        final MlpTrainer.Streams streams;
        /** Layers below this are frozen for the whole batch: precomputed once, in double precision. */
        final int first;
        /** This network's frozen layers above {@code first}. */
        final int frozen;
        final float[][][] startW;
        final float[][] startB;
        final boolean[] anchored;
        final double alpha;
        final double[][] trainX;
        final double[][] trainY;
        final double[][] valX;
        final double[][] valY;
        final int batch;
        final int steps;
        final int[] shuffled;
        final double[] trainLoss;
        final double[] valLoss;
        int adamSteps;
        double epochSum;
        boolean done;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        float[] bestTheta;

        Net(Job job, int first) {
            this.job = job;
            this.first = first;
            this.options = job.training;
            this.streams = new MlpTrainer.Streams(job.seed);
            int layers = job.sizes.length - 1 - first;
            startW = new float[layers][][];
            startB = new float[layers][];
            anchored = new boolean[layers];
            if (job.base == null) {
                frozen = 0;
                alpha = 0.0;
                for (int l = 0; l < layers; l++) {
                    startW[l] = new float[job.sizes[l + 1]][job.sizes[l]];
                    startB[l] = new float[job.sizes[l + 1]];
                    MlpTrainer.initialise(startW[l], startB[l], streams.init);
                }
            } else {
                frozen = job.spec.frozenHiddenLayers() - first;
                alpha = job.spec.anchorPenalty();
                for (int l = 0; l < layers; l++) {
                    startW[l] = job.base.weights(first + l);
                    startB[l] = job.base.bias(first + l);
                    anchored[l] = alpha > 0 && l >= frozen;
                }
                if (job.spec.reinitializeHead()) {
                    MlpTrainer.initialise(startW[layers - 1], startB[layers - 1], streams.init);
                    anchored[layers - 1] = false;
                }
            }
            // Layers frozen in every network of the batch are a fixed feature extractor, evaluated once.
            double[][] features = first > 0 ? job.base.activations(job.x, first) : job.x;
            int n = job.x.length;
            int[] order = MlpTrainer.permutation(n, streams.split);
            int nVal = options.validationFraction() > 0
                    ? Math.max(1, (int) Math.round(options.validationFraction() * n)) : 0;
            if (nVal > 0 && n - nVal < 1) {
                throw new IllegalArgumentException("early stopping holds out " + nVal + " of " + n
                        + " rows and leaves none to train on; use validationFraction 0 or more rows");
            }
            trainX = MlpTrainer.rows(features, order, nVal, n);
            trainY = MlpTrainer.rows(job.y, order, nVal, n);
            valX = MlpTrainer.rows(features, order, 0, nVal);
            valY = MlpTrainer.rows(job.y, order, 0, nVal);
            int nTrain = trainX.length;
            batch = options.batchSize() == 0 || options.batchSize() >= nTrain ? nTrain : options.batchSize();
            steps = (nTrain + batch - 1) / batch;
            shuffled = new int[nTrain];
            for (int i = 0; i < nTrain; i++) {
                shuffled[i] = i;
            }
            trainLoss = new double[options.maxEpochs()];
            valLoss = new double[options.maxEpochs()];
            Arrays.fill(trainLoss, Double.NaN);
            Arrays.fill(valLoss, Double.NaN);
        }

        /** Rows of this network in step {@code step} of an epoch (0 once its epoch has no more steps). */
        int stepRows(int step) {
            return step < steps ? Math.min(trainX.length, (step + 1) * batch) - step * batch : 0;
        }

        /** Whether hidden output {@code l} of the batch's layers is dropped out: trained layers and the last frozen one. */
        boolean dropsOut(int l) {
            return options.dropout() > 0 && l >= frozen - 1;
        }

        /** Whether the precomputed features (the last frozen layer's output) get a dropout mask. */
        boolean dropsInput() {
            return options.dropout() > 0 && first > 0 && frozen == 0;
        }

        MlpTrainer.Outcome outcome(Layout layout) {
            List<float[][]> weights = new ArrayList<>();
            List<float[]> biases = new ArrayList<>();
            for (int l = 0; l < first; l++) {
                weights.add(job.base.weights(l));
                biases.add(job.base.bias(l));
            }
            for (int l = 0; l < layout.layers(); l++) {
                // Frozen layers are the job's own arrays: bit-identical by construction.
                weights.add(l < frozen ? startW[l] : layout.weights(bestTheta, l));
                biases.add(l < frozen ? startB[l] : layout.bias(bestTheta, l));
            }
            return new MlpTrainer.Outcome(MlpRegressor.of(job.activation, weights, biases), trainLoss, valLoss,
                    bestEpoch);
        }
    }

    /** The tensors and loop of one batch of networks of one architecture. */
    private static final class Program {
        /** Every network of the batch, in the jobs' order. */
        private final List<Net> all;
        /** The networks in the tensors now, in the jobs' order: {@link #all} less those compacted away. */
        private List<Net> nets;
        private final Layout layout;
        private final Activation activation;
        /** The width of the tensors now: {@code nets.size()}. */
        private int k;
        private final int inputs;
        private final int targets;
        /** Every network full-batch: a step's rows are the same each epoch, uploaded once per set of networks. */
        private final boolean fullBatch;
        /** Whether the objective has an L2-SP term, and the loss a threshold per network: fixed for the batch. */
        private final boolean anchors;
        private final boolean huber;
        /** The validation rows' padding: the batch's largest validation split, kept when it is compacted. */
        private final int validationRows;
        /** {@link #COMPACT_AT}, or another rule for tests and measurements. */
        private final double compactAt;
        /** The width of each stretch of epochs, from the first (for tests). */
        private final List<Integer> widths = new ArrayList<>();
        private BitSet fixedFor;
        private NDArray[] fixedData;

        Program(List<Job> jobs, double compactAt) {
            int first = jobs.stream().mapToInt(j -> j.base == null ? 0 : j.spec.frozenHiddenLayers()).min()
                    .orElseThrow();
            List<Net> list = new ArrayList<>();
            for (Job job : jobs) {
                list.add(new Net(job, first));
            }
            all = List.copyOf(list);
            nets = all;
            int[] sizes = jobs.get(0).sizes;
            layout = Layout.of(Arrays.copyOfRange(sizes, first, sizes.length));
            activation = jobs.get(0).activation;
            k = nets.size();
            inputs = layout.sizes()[0];
            targets = layout.sizes()[layout.layers()];
            fullBatch = nets.stream().allMatch(n -> n.steps == 1);
            anchors = nets.stream().anyMatch(n -> n.alpha > 0);
            huber = nets.stream().anyMatch(n -> n.options.loss() != Loss.SQUARED);
            validationRows = nets.stream().mapToInt(n -> n.valX.length).max().orElseThrow();
            this.compactAt = compactAt;
        }

        /** Per network and element: {@code value(net, layer, isWeight)}, as a [K, P] array. */
        private NDArray perElement(NDManager manager, ElementValue value) {
            int p = layout.size();
            float[] flat = new float[k * p];
            for (int n = 0; n < k; n++) {
                for (int l = 0; l < layout.layers(); l++) {
                    int wFrom = layout.weightOffset()[l];
                    int bFrom = layout.biasOffset()[l];
                    Arrays.fill(flat, n * p + wFrom, n * p + bFrom, value.of(nets.get(n), l, true));
                    Arrays.fill(flat, n * p + bFrom, n * p + bFrom + layout.sizes()[l + 1],
                            value.of(nets.get(n), l, false));
                }
            }
            return Torch.owned(manager, flat, new Shape(k, p));
        }

        @FunctionalInterface
        private interface ElementValue {
            float of(Net net, int layer, boolean weight);
        }

        private NDArray startTheta(NDManager manager) {
            float[] flat = new float[k * layout.size()];
            for (int n = 0; n < k; n++) {
                float[] theta = layout.pack(nets.get(n).startW, nets.get(n).startB);
                System.arraycopy(theta, 0, flat, n * layout.size(), layout.size());
            }
            return Torch.owned(manager, flat, new Shape(k, layout.size()));
        }

        /**
         * Huber's threshold per network, +infinity for the squared error (then c (2a - c) = a^2
         * exactly); null when every network is on the squared error.
         */
        private NDArray deltas(NDManager manager) {
            if (!huber) {
                return null;
            }
            float[] d = new float[k];
            for (int n = 0; n < k; n++) {
                d[n] = nets.get(n).options.loss() == Loss.HUBER ? (float) Loss.HUBER_DELTA : Float.POSITIVE_INFINITY;
            }
            return Torch.owned(manager, d, new Shape(k, 1, 1));
        }

        /** Parameters as a trainable leaf plus the fixed per-element tensors of the objective. */
        private final class Tensors {
            final NDArray theta;
            final NDArray anchor;
            final NDArray alpha;
            final NDArray delta;

            Tensors(NDManager manager, NDArray start) {
                theta = start;
                theta.setRequiresGradient(true);
                anchor = anchors ? startTheta(manager) : null;
                alpha = anchors ? perElement(manager, (n, l, w) -> n.anchored[l] ? (float) n.alpha : 0f) : null;
                delta = deltas(manager);
            }
        }

        /** Network outputs [K, rows, targets] for inputs [K, rows, inputs]; temporaries attached to {@code step}. */
        private NDArray forward(NDManager step, NDArray theta, NDArray x, NDArray[] dropout) {
            // One split into every layer's weights and bias (views, one native call), then [K, in, out] / [K, 1, out].
            NDList parts = theta.split(layout.splitPoints(), 1);
            NDArray h = dropout != null && dropout[0] != null ? x.mul(dropout[0]) : x;
            for (int l = 0; l < layout.layers(); l++) {
                int in = layout.sizes()[l];
                int out = layout.sizes()[l + 1];
                NDArray w = local(step, parts.get(2 * l)).reshape(k, in, out);
                NDArray b = local(step, parts.get(2 * l + 1)).reshape(k, 1, out);
                NDArray z = local(step, h.matMul(w)).add(b);
                if (l == layout.layers() - 1) {
                    return z;
                }
                h = TorchMlp.activate(activation, z);
                if (dropout != null && dropout[l + 1] != null) {
                    h = h.mul(dropout[l + 1]);
                }
            }
            throw new IllegalStateException("no layers");
        }

        private static NDArray local(NDManager step, NDArray array) {
            array.attach(step);
            return array;
        }

        /**
         * Inputs, targets and row weights [K, rows, .] of the given rows per network (null: no rows),
         * padded to at least {@code minRows} rows.
         */
        private NDArray[] stepData(NDManager step, double[][][] xs, double[][][] ys, int minRows) {
            int rows = Math.max(1, minRows);
            for (double[][] x : xs) {
                if (x != null) {
                    rows = Math.max(rows, x.length);
                }
            }
            float[] x = new float[k * rows * inputs];
            float[] y = new float[k * rows * targets];
            float[] weight = new float[k * rows];
            for (int n = 0; n < k; n++) {
                if (xs[n] == null) {
                    continue;
                }
                float share = (float) (1.0 / ((double) xs[n].length * targets));
                for (int r = 0; r < xs[n].length; r++) {
                    int row = n * rows + r;
                    for (int c = 0; c < inputs; c++) {
                        x[row * inputs + c] = (float) xs[n][r][c];
                    }
                    for (int c = 0; c < targets; c++) {
                        y[row * targets + c] = (float) ys[n][r][c];
                    }
                    weight[row] = share;
                }
            }
            return new NDArray[] {
                Torch.owned(step, x, new Shape(k, rows, inputs)),
                Torch.owned(step, y, new Shape(k, rows, targets)),
                Torch.owned(step, weight, new Shape(k, rows, 1))};
        }

        /**
         * Inverted-dropout masks: [0] on the precomputed features, [l + 1] on hidden output l, each
         * network's drawn from its own stream in that order (the order of the single-network trainer).
         */
        private NDArray[] dropoutMasks(NDManager step, int rows, int[] stepRows) {
            int hidden = layout.layers() - 1;
            NDArray[] masks = new NDArray[hidden + 1];
            for (int l = -1; l < hidden; l++) {
                int width = layout.sizes()[l + 1];
                float[] m = null;
                for (int n = 0; n < k; n++) {
                    Net net = nets.get(n);
                    if (stepRows[n] == 0 || !(l < 0 ? net.dropsInput() : net.dropsOut(l))) {
                        continue;
                    }
                    if (m == null) {
                        m = new float[k * rows * width];
                        Arrays.fill(m, 1f);
                    }
                    TorchMlp.drawMask(m, n * rows * width, stepRows[n] * width, net.options.dropout(),
                            net.streams.dropout);
                }
                masks[l + 1] = m == null ? null : Torch.owned(step, m, new Shape(k, rows, width));
            }
            return masks;
        }

        private NDArray objective(NDManager step, Tensors t, NDArray data) {
            return MlpBatch.objective(step, t.theta, t.anchor, t.alpha, data);
        }

        float[][] gradients(List<float[]> thetas) {
            if (nets.get(0).first > 0) {
                throw new IllegalArgumentException("gradients cover all layers: include a network with none frozen");
            }
            try (NDManager manager = Torch.newManager()) {
                float[] flat = new float[k * layout.size()];
                for (int n = 0; n < k; n++) {
                    System.arraycopy(thetas.get(n), 0, flat, n * layout.size(), layout.size());
                }
                Tensors t = new Tensors(manager, Torch.owned(manager, flat, new Shape(k, layout.size())));
                double[][][] xs = new double[k][][];
                double[][][] ys = new double[k][][];
                for (int n = 0; n < k; n++) {
                    xs[n] = nets.get(n).job.x;
                    ys[n] = nets.get(n).job.y;
                }
                float[] losses;
                try (NDManager step = manager.newSubManager()) {
                    NDArray[] d = stepData(step, xs, ys, 1);
                    try (Torch.Collector collector = Torch.collect()) {
                        NDArray data = losses(forward(step, t.theta, d[0], null), d[1], d[2], t.delta);
                        collector.backward(objective(step, t, data));
                        losses = data.toFloatArray();
                    }
                }
                float[] g;
                try (NDArray gradient = t.theta.getGradient()) {
                    g = gradient.toFloatArray();
                }
                float[][] out = new float[k][];
                for (int n = 0; n < k; n++) {
                    out[n] = Arrays.copyOfRange(g, n * layout.size(), (n + 1) * layout.size() + 1);
                    out[n][layout.size()] = losses[n];
                }
                return out;
            }
        }

        List<MlpTrainer.Outcome> run(Progress progress, String task) {
            int maxEpochs = all.stream().mapToInt(n -> n.options.maxEpochs()).max().orElseThrow();
            // Per width of the batch one manager: compaction carries the parameters and Adam moments of
            // the networks still training (float arrays, copied exactly) into a narrower one.
            float[][] carried = null;
            int epoch = 0;
            while (epoch < maxEpochs) {
                try (NDManager manager = Torch.newManager()) {
                    Shape shape = new Shape(k, layout.size());
                    Tensors t = new Tensors(manager, carried == null ? startTheta(manager)
                            : Torch.owned(manager, carried[0], shape));
                    // lr * wd on the weight matrices of trained layers (decoupled decay), 1 on every trained element.
                    NDArray decayRate = perElement(manager, (n, l, w) -> w && l >= n.frozen
                            ? (float) (n.options.learningRate() * n.options.weightDecay()) : 0f);
                    NDArray trainedMask = perElement(manager, (n, l, w) -> l >= n.frozen ? 1f : 0f);
                    BatchedAdamW adam = carried == null
                            ? new BatchedAdamW(manager, k, layout.size(), decayRate, trainedMask)
                            : new BatchedAdamW(manager, k, layout.size(), decayRate, trainedMask, carried[1],
                                    carried[2]);
                    Validation validation = Validation.of(manager, this);
                    int width = k;
                    widths.add(width);
                    int active = width;
                    while (epoch < maxEpochs) {
                        boolean finished = epoch(manager, t, adam, validation, epoch, progress, task, maxEpochs);
                        epoch++;
                        if (finished) {
                            active = (int) nets.stream().filter(n -> !n.done).count();
                            if (active == 0 || active <= compactAt * width && kept(active) < width) {
                                break; // all done, or narrower from the next epoch on
                            }
                            adam.clearCache();
                        }
                    }
                    if (active == 0) {
                        if (epoch < maxEpochs) {
                            progress.update(task, maxEpochs, maxEpochs);
                        }
                        break;
                    }
                    if (epoch < maxEpochs) {
                        carried = compact(t.theta, adam);
                    }
                }
            }
            List<MlpTrainer.Outcome> out = new ArrayList<>();
            for (Net net : all) {
                out.add(net.outcome(layout));
            }
            return out;
        }

        /** One epoch of every network still training; true if any finished. */
        private boolean epoch(NDManager manager, Tensors t, BatchedAdamW adam, Validation validation, int epoch,
                              Progress progress, String task, int maxEpochs) {
            int steps = 0;
            for (Net net : nets) {
                if (!net.done) {
                    if (net.batch < net.trainX.length) {
                        MlpTrainer.shuffle(net.shuffled, net.streams.shuffle);
                    }
                    net.epochSum = 0;
                    steps = Math.max(steps, net.steps);
                }
            }
            for (int s = 0; s < steps; s++) {
                step(manager, t, adam, epoch, s);
            }
            for (Net net : nets) {
                if (!net.done) {
                    net.trainLoss[epoch] = net.epochSum / net.trainX.length;
                }
            }
            progress.update(task, epoch + 1, maxEpochs);
            return endEpoch(manager, t.theta, t.delta, validation, epoch);
        }

        /**
         * Drops the finished networks: {@link #nets} becomes those still training (in order) and the
         * result their parameters and Adam moments {@code {theta, m, v}}, flat [k, P], bit for bit.
         */
        private float[][] compact(NDArray theta, BatchedAdamW adam) {
            int p = layout.size();
            float[][] full = adam.moments();
            float[][] wide = {theta.toFloatArray(), full[0], full[1]};
            boolean[] kept = new boolean[k];
            int ballast = kept((int) nets.stream().filter(n -> !n.done).count());
            for (int n = 0; n < k; n++) {
                kept[n] = !nets.get(n).done;
                ballast -= kept[n] ? 1 : 0;
            }
            for (int n = 0; n < k && ballast > 0; n++) { // a last network keeps the first finished one beside it
                if (!kept[n]) {
                    kept[n] = true;
                    ballast--;
                }
            }
            List<Net> keep = new ArrayList<>();
            for (int n = 0; n < k; n++) {
                if (kept[n]) {
                    keep.add(nets.get(n));
                }
            }
            float[][] narrow = new float[wide.length][keep.size() * p];
            for (int a = 0; a < wide.length; a++) {
                for (int n = 0, to = 0; n < k; n++) {
                    if (kept[n]) {
                        System.arraycopy(wide[a], n * p, narrow[a], to++ * p, p);
                    }
                }
            }
            nets = List.copyOf(keep);
            k = nets.size();
            fixedData = null; // freed with the wider batch's manager
            fixedFor = null;
            return narrow;
        }

        /**
         * The width a compaction leaves for {@code active} networks still training: never below
         * {@link #MIN_WIDTH}, which a batch of one network is not, since libtorch computes a batch of
         * one network otherwise than the same network among others (measured: its bits change).
         */
        private int kept(int active) {
            return Math.max(active, Math.min(MIN_WIDTH, all.size()));
        }

        /** One mini-batch step of every network that has a step {@code s} in this epoch. */
        private void step(NDManager manager, Tensors t, BatchedAdamW adam, int epoch, int s) {
            double[][][] xs = new double[k][][];
            double[][][] ys = new double[k][][];
            int[] stepRows = new int[k];
            BitSet taking = new BitSet(k);
            int rows = 1;
            for (int n = 0; n < k; n++) {
                Net net = nets.get(n);
                if (net.done || s >= net.steps) {
                    continue;
                }
                int count = net.stepRows(s);
                stepRows[n] = count;
                taking.set(n);
                xs[n] = new double[count][];
                ys[n] = new double[count][];
                for (int i = 0; i < count; i++) {
                    int row = net.shuffled[s * net.batch + i];
                    xs[n][i] = net.trainX[row];
                    ys[n][i] = net.trainY[row];
                }
                rows = Math.max(rows, count);
            }
            if (fullBatch && !taking.equals(fixedFor)) {
                if (fixedData != null) {
                    Arrays.stream(fixedData).forEach(NDArray::close);
                }
                fixedData = stepData(manager, xs, ys, 1);
                fixedFor = (BitSet) taking.clone();
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray[] d = fullBatch ? fixedData : stepData(step, xs, ys, 1);
                NDArray[] masks = dropoutMasks(step, rows, stepRows);
                float[] losses;
                try (Torch.Collector collector = Torch.collect()) {
                    NDArray data = losses(forward(step, t.theta, d[0], masks), d[1], d[2], t.delta);
                    collector.backward(objective(step, t, data));
                    losses = data.toFloatArray();
                }
                float[] correction = new float[k];
                for (int n = taking.nextSetBit(0); n >= 0; n = taking.nextSetBit(n + 1)) {
                    Net net = nets.get(n);
                    if (!Float.isFinite(losses[n])) {
                        throw DataException.option(net.job.task() + " diverged (loss " + losses[n] + " at epoch "
                                + (epoch + 1) + "); lower the learning rate (--lr)");
                    }
                    net.epochSum += (double) losses[n] * stepRows[n];
                    net.adamSteps++;
                    correction[n] = BatchedAdamW.stepSize(net.options.learningRate(), net.adamSteps);
                }
                adam.update(step, t.theta, taking, correction);
                Torch.zeroGradient(t.theta);
            }
        }

        /** Validation, best weights and stopping per network at the end of an epoch; true if any finished. */
        private boolean endEpoch(NDManager manager, NDArray theta, NDArray delta, Validation validation,
                                 int epoch) {
            float[] valLosses = validation.losses(manager, this, theta, delta);
            float[] current = null;
            boolean finished = false;
            for (int n = 0; n < k; n++) {
                Net net = nets.get(n);
                if (net.done) {
                    continue;
                }
                boolean last = epoch + 1 >= net.options.maxEpochs();
                if (net.valX.length > 0) {
                    net.valLoss[epoch] = valLosses[n];
                    if (net.valLoss[epoch] < net.best) {
                        net.best = net.valLoss[epoch];
                        net.bestEpoch = epoch;
                        current = current != null ? current : theta.toFloatArray();
                        net.bestTheta = Arrays.copyOfRange(current, n * layout.size(), (n + 1) * layout.size());
                    } else if (epoch - net.bestEpoch >= net.options.patience()) {
                        last = true;
                    }
                } else if (last) {
                    net.bestEpoch = epoch;
                    current = current != null ? current : theta.toFloatArray();
                    net.bestTheta = Arrays.copyOfRange(current, n * layout.size(), (n + 1) * layout.size());
                }
                if (last) {
                    if (net.bestTheta == null) { // no finite validation loss: keep the last weights
                        net.bestEpoch = epoch;
                        current = current != null ? current : theta.toFloatArray();
                        net.bestTheta = Arrays.copyOfRange(current, n * layout.size(), (n + 1) * layout.size());
                    }
                    net.done = true;
                    finished = true;
                }
            }
            return finished;
        }
    }

    /** The validation rows of every network, padded as the training steps, uploaded once. */
    private record Validation(NDArray x, NDArray y, NDArray weight) {
        static Validation of(NDManager manager, Program program) {
            double[][][] xs = new double[program.k][][];
            double[][][] ys = new double[program.k][][];
            boolean any = false;
            for (int n = 0; n < program.k; n++) {
                Net net = program.nets.get(n);
                if (net.valX.length > 0) {
                    xs[n] = net.valX;
                    ys[n] = net.valY;
                    any = true;
                }
            }
            if (!any) {
                return new Validation(null, null, null);
            }
            NDArray[] d = program.stepData(manager, xs, ys, program.validationRows);
            return new Validation(d[0], d[1], d[2]);
        }

        /** Every network's validation loss (0 where it has no validation rows); null without any. */
        float[] losses(NDManager manager, Program program, NDArray theta, NDArray delta) {
            if (x == null) {
                return null;
            }
            try (NDManager eval = manager.newSubManager()) {
                return MlpBatch.losses(program.forward(eval, theta, x, null), y, weight, delta).toFloatArray();
            }
        }
    }
}
