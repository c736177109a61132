package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.model.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the K members of a hybrid ensemble as one tensor program. Every member's parameters are
 * one row of {@code theta [K, P]} (the architecture's tensors in order, each row-major); the image
 * encoder runs the K members as one grouped convolution per stage (member k's images in input
 * channels {@code k c .. (k+1) c}, groups = K), the GRU is written out with one batched matrix
 * product per time step ({@code [K, n, s] x [K, s, 3s]}, torch's gate equations), and the tabular
 * branch and the head are batched matrix products. One backward pass and one {@link BatchedAdamW}
 * update serve all members per step.
 *
 * <p>Each member keeps what {@link HybridTrainer} gave it alone: its start parameters, its own
 * rows of the data and their scaling, its own validation split, shuffling and dropout streams
 * ({@link MlpTrainer.Streams}), its own AdamW step count and its early stopping. A member trained
 * on rows {@code r} of the data sees what a lone network trained on {@code data.subset(r)} sees:
 * its splits and mini-batches are drawn over positions in {@code r} and mapped to the data's rows
 * (so the inner folds of {@link HybridAutoTune} train as one program). Members share the options
 * and the sets of trained and anchored parameters. Where their mini-batches differ in rows (folds
 * of unequal size), the shorter ones are padded with zero rows of weight 0. A member that has
 * stopped, or has no mini-batch left in this epoch, reads no data and takes no update; a stopped
 * member keeps its best weights; the batch ends when all are done. Its result depends on the
 * others only through float rounding.
 */
final class HybridBatch {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape PAD = new Shape(1, 1);
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final HybridArchitecture arch;
    private final int k;
    private final List<String> names;
    private final long[] offsets;
    private final int size;

    private HybridBatch(HybridArchitecture arch, int k) {
        this.arch = arch;
        this.k = k;
        this.names = List.copyOf(arch.parameterShapes().keySet());
        this.offsets = new long[names.size()];
        int at = 0;
        for (int i = 0; i < names.size(); i++) {
            offsets[i] = at;
            at += count(arch.parameterShapes().get(names.get(i)));
        }
        this.size = at;
    }

    /**
     * One member: its start parameters, its random streams (initialisation already drawn), the rows
     * of the data it trains on (in the order of {@code data.subset(rows)}) and their scaling.
     */
    record Member(Map<String, float[]> start, MlpTrainer.Streams streams, int[] rows, HybridScaling scaling) {
        Member {
            rows = rows.clone();
        }
    }

    /**
     * One training run before it starts: its members and what they share. Runs of one architecture
     * that share the trained and anchored sets, the penalty and the options (the folds of one
     * fine-tuning candidate) {@link #merge} into one run.
     */
    record Plan(HybridArchitecture arch, List<Member> members, Set<String> trainable, Set<String> anchored,
            double alpha, TrainingOptions options) {
        Plan {
            members = List.copyOf(members);
            trainable = Set.copyOf(trainable);
            anchored = Set.copyOf(anchored);
        }

        /** The members of {@code plans}, in order, as one run; the plans must share everything else. */
        static Plan merge(List<Plan> plans) {
            Plan first = plans.get(0);
            List<Member> all = new ArrayList<>();
            for (Plan p : plans) {
                if (!p.arch.equals(first.arch) || !p.trainable.equals(first.trainable)
                        || !p.anchored.equals(first.anchored) || Double.compare(p.alpha, first.alpha) != 0
                        || !p.options.equals(first.options)) {
                    throw new IllegalArgumentException("only runs with one architecture, parameter sets and options "
                            + "train as one batch");
                }
                all.addAll(p.members);
            }
            return new Plan(first.arch, all, first.trainable, first.anchored, first.alpha, first.options);
        }

        /** Trains the members on {@code data} as one program; the trained networks in member order. */
        List<HybridRegressor> train(MediaDataset data, Progress progress, String task) {
            return HybridBatch.train(arch, members, trainable, anchored, alpha, data, options, progress, task);
        }
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /**
     * Trains every member on its rows of {@code data} (streamed from disk one mini-batch per member and
     * step) and returns them in order; parameters outside {@code trainable} come back bit-identical.
     */
    static List<HybridRegressor> train(HybridArchitecture arch, List<Member> members, Set<String> trainable,
            Set<String> anchored, double alpha, MediaDataset data, TrainingOptions options, Progress progress,
            String task) {
        return new HybridBatch(arch, members.size()).run(members, trainable, anchored, alpha, data, options,
                progress, task);
    }

    private float[] pack(Map<String, float[]> values) {
        float[] theta = new float[size];
        for (int i = 0; i < names.size(); i++) {
            float[] v = values.get(names.get(i));
            System.arraycopy(v, 0, theta, (int) offsets[i], v.length);
        }
        return theta;
    }

    private NDArray stacked(NDManager manager, List<Map<String, float[]>> values) {
        float[] flat = new float[k * size];
        for (int n = 0; n < k; n++) {
            System.arraycopy(pack(values.get(n)), 0, flat, n * size, size);
        }
        return Torch.owned(manager, flat, new Shape(k, size));
    }

    /** {@code value} on every element of the parameters {@code chosen}, 0 elsewhere, for every member: [K, P]. */
    private NDArray perElement(NDManager manager, java.util.function.Predicate<String> chosen, float value) {
        float[] flat = new float[k * size];
        for (int i = 0; i < names.size(); i++) {
            if (chosen.test(names.get(i))) {
                int from = (int) offsets[i];
                int to = i + 1 < names.size() ? (int) offsets[i + 1] : size;
                for (int n = 0; n < k; n++) {
                    Arrays.fill(flat, n * size + from, n * size + to, value);
                }
            }
        }
        return Torch.owned(manager, flat, new Shape(k, size));
    }

    /** One member's rows, split, order and early-stopping state; rows are the data's. */
    private static final class State {
        final MlpTrainer.Streams streams;
        final HybridScaling scaling;
        final int[] trainRows;
        final int[] valRows;
        /** Rows per mini-batch (training and validation), as a lone network on the member's rows has. */
        final int batch;
        int adamSteps;
        boolean done;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        float[] bestTheta;

        State(Member member, TrainingOptions options) {
            this.streams = member.streams();
            this.scaling = member.scaling();
            int[] rows = member.rows();
            int n = rows.length;
            int nVal = options.validationFraction() > 0
                    ? Math.max(1, (int) Math.round(options.validationFraction() * n)) : 0;
            if (nVal > 0 && n - nVal < 1) {
                throw new IllegalArgumentException("early stopping holds out " + nVal + " of " + n
                        + " rows and leaves none to train on; use validationFraction 0 or more rows");
            }
            // The lone network's positions 0 .. n-1, then the data's rows at those positions.
            int[] order = MlpTrainer.permutation(n, streams.split);
            for (int i = 0; i < n; i++) {
                order[i] = rows[order[i]];
            }
            valRows = Arrays.copyOfRange(order, 0, nVal);
            trainRows = Arrays.copyOfRange(order, nVal, n);
            int nTrain = n - nVal;
            batch = options.batchSize() == 0 || options.batchSize() >= nTrain ? nTrain : options.batchSize();
        }
    }

    private List<HybridRegressor> run(List<Member> members, Set<String> trainable, Set<String> anchored, double alpha,
            MediaDataset data, TrainingOptions options, Progress progress, String task) {
        List<State> states = new ArrayList<>();
        List<Map<String, float[]>> starts = new ArrayList<>();
        for (Member m : members) {
            states.add(new State(m, options));
            starts.add(m.start());
        }
        try (NDManager manager = Torch.newManager()) {
            NDArray theta = stacked(manager, starts);
            theta.setRequiresGradient(true);
            boolean anchoredAny = alpha > 0 && !anchored.isEmpty();
            NDArray anchor = anchoredAny ? stacked(manager, starts) : null;
            NDArray alphas = anchoredAny ? perElement(manager, anchored::contains, (float) alpha) : null;
            NDArray delta = options.loss() == Loss.SQUARED ? null : TorchMlp.delta(manager);
            float rate = (float) (options.learningRate() * options.weightDecay());
            NDArray decayRate = perElement(manager, name -> trainable.contains(name) && !name.contains("bias"), rate);
            NDArray trainedMask = perElement(manager, trainable::contains, 1f);
            BatchedAdamW adam = new BatchedAdamW(manager, k, size, decayRate, trainedMask);
            for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
                List<int[][]> chunks = new ArrayList<>();
                for (State s : states) {
                    if (!s.done) {
                        MlpTrainer.shuffle(s.trainRows, s.streams.shuffle);
                    }
                    chunks.add(s.done ? new int[0][] : MediaDataset.chunks(s.trainRows, s.batch).toArray(int[][]::new));
                }
                int steps = chunks.stream().mapToInt(c -> c.length).max().orElse(0);
                for (int step = 0; step < steps; step++) {
                    step(manager, theta, anchor, alphas, delta, adam, states, chunks, step, data, options, epoch, task);
                }
                progress.update(task, epoch + 1, options.maxEpochs());
                if (endEpoch(manager, theta, delta, states, data, epoch, options)) {
                    adam.clearCache();
                }
                if (states.stream().allMatch(s -> s.done)) {
                    if (epoch + 1 < options.maxEpochs()) {
                        progress.update(task, options.maxEpochs(), options.maxEpochs());
                    }
                    break;
                }
            }
            float[] last = theta.toFloatArray();
            List<HybridRegressor> out = new ArrayList<>();
            for (int m = 0; m < k; m++) {
                State s = states.get(m);
                float[] best = s.bestTheta != null ? s.bestTheta
                        : s.valRows.length == 0 ? Arrays.copyOfRange(last, m * size, (m + 1) * size)
                        : pack(starts.get(m));
                out.add(HybridRegressor.of(arch, unpack(best, starts.get(m), trainable)));
            }
            return out;
        }
    }

    /** Named parameters of one member's flat vector; untrained ones are the start's own values. */
    private Map<String, float[]> unpack(float[] theta, Map<String, float[]> start, Set<String> trainable) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int len = count(arch.parameterShapes().get(name));
            out.put(name, trainable.contains(name) ? Arrays.copyOfRange(theta, (int) offsets[i], (int) offsets[i] + len)
                    : start.get(name).clone());
        }
        return out;
    }

    private void step(NDManager manager, NDArray theta, NDArray anchor, NDArray alphas, NDArray delta,
            BatchedAdamW adam, List<State> states, List<int[][]> chunks, int s, MediaDataset data,
            TrainingOptions options, int epoch, String task) {
        BitSet taking = new BitSet(k);
        HybridInputs[] in = new HybridInputs[k];
        int[] lengths = new int[k];
        for (int m = 0; m < k; m++) {
            if (!states.get(m).done && s < chunks.get(m).length) {
                taking.set(m);
                lengths[m] = chunks.get(m)[s].length;
                try (MediaDataset.Batch b = data.batch(chunks.get(m)[s])) {
                    in[m] = states.get(m).scaling.prepare(b);
                }
            }
        }
        int rows = Arrays.stream(lengths).max().orElse(0);
        try (NDManager step = manager.newSubManager()) {
            Inputs x = inputs(step, in, rows);
            NDArray[] masks = new NDArray[2];
            if (options.dropout() > 0) {
                float[] fused = new float[k * rows * arch.fusedWidth()];
                float[] hidden = new float[k * rows * arch.headHidden()];
                Arrays.fill(fused, 1f);
                Arrays.fill(hidden, 1f);
                for (int m = taking.nextSetBit(0); m >= 0; m = taking.nextSetBit(m + 1)) {
                    // The order of the single-network pass: the fused embedding's mask, then the hidden layer's.
                    MlpTrainer.Streams streams = states.get(m).streams;
                    TorchMlp.drawMask(fused, m * rows * arch.fusedWidth(), lengths[m] * arch.fusedWidth(),
                            options.dropout(), streams.dropout);
                    TorchMlp.drawMask(hidden, m * rows * arch.headHidden(), lengths[m] * arch.headHidden(),
                            options.dropout(), streams.dropout);
                }
                masks[0] = Torch.owned(step, fused, new Shape(k, rows, arch.fusedWidth()));
                masks[1] = Torch.owned(step, hidden, new Shape(k, rows, arch.headHidden()));
            }
            float[] losses;
            try (Torch.Collector collector = Torch.collect()) {
                NDArray lossPerMember = MlpBatch.losses(forward(step, theta, x, masks), x.targets,
                        weights(step, lengths, rows), delta);
                collector.backward(MlpBatch.objective(step, theta, anchor, alphas, lossPerMember));
                losses = lossPerMember.toFloatArray();
            }
            float[] stepSize = new float[k];
            for (int m = taking.nextSetBit(0); m >= 0; m = taking.nextSetBit(m + 1)) {
                if (!Float.isFinite(losses[m])) {
                    throw DataException.option(task + " diverged (loss " + losses[m] + " at epoch " + (epoch + 1)
                            + "); lower the learning rate (--lr)");
                }
                State st = states.get(m);
                st.adamSteps++;
                stepSize[m] = BatchedAdamW.stepSize(options.learningRate(), st.adamSteps);
            }
            adam.update(step, theta, taking, stepSize);
            Torch.zeroGradient(theta);
        }
    }

    /**
     * Per member 1 / (its rows * targets) on each of its {@code lengths[m]} rows, 0 on padding rows and
     * for members without rows ({@code lengths[m] == 0}): [K, 1, 1] when every member with rows has all
     * {@code rows}, else [K, rows, 1].
     */
    private NDArray weights(NDManager step, int[] lengths, int rows) {
        boolean padded = Arrays.stream(lengths).anyMatch(l -> l > 0 && l < rows);
        int per = padded ? rows : 1;
        float[] w = new float[k * per];
        for (int m = 0; m < k; m++) {
            if (lengths[m] > 0) {
                float share = (float) (1.0 / ((double) lengths[m] * arch.targets()));
                Arrays.fill(w, m * per, m * per + (padded ? lengths[m] : 1), share);
            }
        }
        return Torch.owned(step, w, new Shape(k, per, 1));
    }

    /**
     * Validation loss, best weights and stopping per member (one without validation rows stops after
     * the last epoch); true if any member finished.
     */
    private boolean endEpoch(NDManager manager, NDArray theta, NDArray delta, List<State> states, MediaDataset data,
            int epoch, TrainingOptions options) {
        boolean lastEpoch = epoch + 1 >= options.maxEpochs();
        boolean finished = false;
        BitSet active = new BitSet(k);
        List<int[][]> chunks = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            State s = states.get(m);
            if (!s.done && s.valRows.length == 0 && lastEpoch) {
                s.done = true;
                finished = true;
            }
            active.set(m, !s.done && s.valRows.length > 0);
            chunks.add(active.get(m) ? MediaDataset.chunks(s.valRows, s.batch).toArray(int[][]::new) : new int[0][]);
        }
        if (active.isEmpty()) {
            return finished;
        }
        double[] sum = new double[k];
        int evaluations = chunks.stream().mapToInt(c -> c.length).max().orElse(0);
        for (int c = 0; c < evaluations; c++) {
            HybridInputs[] in = new HybridInputs[k];
            int[] lengths = new int[k];
            for (int m = active.nextSetBit(0); m >= 0; m = active.nextSetBit(m + 1)) {
                if (c < chunks.get(m).length) {
                    lengths[m] = chunks.get(m)[c].length;
                    try (MediaDataset.Batch b = data.batch(chunks.get(m)[c])) {
                        in[m] = states.get(m).scaling.prepare(b);
                    }
                }
            }
            int rows = Arrays.stream(lengths).max().orElse(0);
            try (NDManager eval = manager.newSubManager()) {
                Inputs x = inputs(eval, in, rows);
                float[] l = MlpBatch.losses(forward(eval, theta, x, new NDArray[2]), x.targets,
                        weights(eval, lengths, rows), delta).toFloatArray();
                for (int m = 0; m < k; m++) {
                    sum[m] += l[m] * (double) lengths[m];
                }
            }
        }
        float[] current = null;
        for (int m = active.nextSetBit(0); m >= 0; m = active.nextSetBit(m + 1)) {
            State s = states.get(m);
            double val = sum[m] / s.valRows.length;
            boolean last = lastEpoch;
            if (val < s.best) {
                s.best = val;
                s.bestEpoch = epoch;
                current = current != null ? current : theta.toFloatArray();
                s.bestTheta = Arrays.copyOfRange(current, m * size, (m + 1) * size);
            } else if (epoch - s.bestEpoch >= options.patience()) {
                last = true;
            }
            if (last) {
                s.done = true;
                finished = true;
            }
        }
        return finished;
    }

    /** A step's inputs of every member, stacked (zeros for members without rows and after a shorter member's rows). */
    private record Inputs(NDArray images, NDArray series, NDArray tabular, NDArray targets) {
    }

    private Inputs inputs(NDManager step, HybridInputs[] in, int rows) {
        NDArray images = null;
        if (arch.imageChannels() > 0) {
            // [rows, K * c, h, w]: member k's image in channels k c .. (k + 1) c of its row.
            int per = arch.imageChannels() * arch.imageHeight() * arch.imageWidth();
            float[] flat = new float[rows * k * per];
            for (int m = 0; m < k; m++) {
                if (in[m] != null) {
                    for (int r = 0; r < in[m].rows(); r++) {
                        System.arraycopy(in[m].images(), r * per, flat, (r * k + m) * per, per);
                    }
                }
            }
            images = Torch.owned(step, flat, new Shape(rows, (long) k * arch.imageChannels(), arch.imageHeight(),
                    arch.imageWidth()));
        }
        NDArray series = arch.seriesChannels() == 0 ? null : stack(step, in, HybridInputs::series,
                rows * arch.seriesLength() * arch.seriesChannels(),
                new Shape(k, rows, arch.seriesLength(), arch.seriesChannels()));
        NDArray tabular = arch.tabularInputs() == 0 ? null : stack(step, in, HybridInputs::tabular,
                rows * arch.tabularInputs(), new Shape(k, rows, arch.tabularInputs()));
        NDArray targets = stack(step, in, HybridInputs::targets, rows * arch.targets(),
                new Shape(k, rows, arch.targets()));
        return new Inputs(images, series, tabular, targets);
    }

    private NDArray stack(NDManager step, HybridInputs[] in, java.util.function.Function<HybridInputs, float[]> part,
            int per, Shape shape) {
        float[] flat = new float[k * per];
        for (int m = 0; m < k; m++) {
            if (in[m] != null) { // a shorter member's rows first, zeros after
                float[] values = part.apply(in[m]);
                System.arraycopy(values, 0, flat, m * per, values.length);
            }
        }
        return Torch.owned(step, flat, shape);
    }

    /** Outputs [K, rows, targets]; {@code masks} the dropout masks of the fused embedding and hidden layer (or nulls). */
    private NDArray forward(NDManager step, NDArray theta, Inputs x, NDArray[] masks) {
        long[] points = Arrays.copyOfRange(offsets, 1, offsets.length);
        NDList parts = theta.split(points, 1);
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            p.put(names.get(i), local(step, parts.get(i)));
        }
        NDList fusedParts = new NDList();
        if (arch.imageChannels() > 0) {
            fusedParts.add(encodeImage(step, p, x.images));
        }
        if (arch.seriesChannels() > 0) {
            fusedParts.add(encodeSeries(step, p, x.series));
        }
        if (arch.tabularInputs() > 0) {
            fusedParts.add(silu(step, linear(step, p, x.tabular, HybridArchitecture.TABULAR + ".fc")));
        }
        NDArray fused = fusedParts.size() == 1 ? fusedParts.get(0) : local(step, NDArrays.concat(fusedParts, 2));
        if (masks[0] != null) {
            fused = local(step, fused.mul(masks[0]));
        }
        NDArray hidden = silu(step, linear(step, p, fused, HybridArchitecture.HEAD + ".hidden"));
        if (masks[1] != null) {
            hidden = local(step, hidden.mul(masks[1]));
        }
        return linear(step, p, hidden, HybridArchitecture.HEAD_OUT);
    }

    private NDArray encodeImage(NDManager step, Map<String, NDArray> p, NDArray images) {
        NDArray h = images;
        int in = arch.imageChannels();
        for (int c = 0; c < arch.convChannels().size(); c++) {
            int out = arch.convChannels().get(c);
            String name = HybridArchitecture.IMAGE + ".conv" + c;
            NDArray w = local(step, p.get(name + ".weight").reshape((long) k * out, in, 3, 3));
            NDArray b = local(step, p.get(name + ".bias").reshape((long) k * out));
            h = local(step, Conv2d.conv2d(h, w, b, ONE, PAD, ONE, k).singletonOrThrow());
            h = local(step, ai.djl.nn.Activation.relu(h));
            h = local(step, Pool.maxPool2d(h, POOL, POOL, NO_PAD, false));
            in = out;
        }
        long rows = h.getShape().get(0);
        NDArray pooled = local(step, Pool.globalAvgPool2d(h).reshape(rows, k, arch.imageEmbedding()));
        return local(step, pooled.transpose(1, 0, 2));
    }

    /** torch's GRU (gates reset, update, new; zero initial state) per member; the final state [K, rows, s]. */
    private NDArray encodeSeries(NDManager step, Map<String, NDArray> p, NDArray series) {
        String g = HybridArchitecture.SERIES + ".gru.";
        int s = arch.seriesState();
        int c = arch.seriesChannels();
        int length = arch.seriesLength();
        long rows = series.getShape().get(1);
        NDArray wih = local(step, p.get(g + "weight_ih").reshape(k, 3L * s, c).transpose(0, 2, 1));
        NDArray whh = local(step, p.get(g + "weight_hh").reshape(k, 3L * s, s).transpose(0, 2, 1));
        NDArray bih = local(step, p.get(g + "bias_ih").reshape(k, 1, 3L * s));
        NDArray bhh = local(step, p.get(g + "bias_hh").reshape(k, 1, 3L * s));
        // Input projections of every time step at once: [length, K, rows, 3s].
        NDArray gi = local(step, series.reshape(k, rows * length, c).matMul(wih));
        gi = local(step, gi.add(bih).reshape(k, rows, length, 3L * s).transpose(2, 0, 1, 3));
        NDList steps = gi.split(length, 0);
        NDArray h = step.zeros(new Shape(k, rows, s));
        for (int t = 0; t < length; t++) {
            NDList x = local(step, steps.get(t).reshape(k, rows, 3L * s)).split(3, 2);
            NDList hh = local(step, local(step, h.matMul(whh)).add(bhh)).split(3, 2);
            NDArray r = local(step, ai.djl.nn.Activation.sigmoid(local(step, x.get(0).add(hh.get(0)))));
            NDArray z = local(step, ai.djl.nn.Activation.sigmoid(local(step, x.get(1).add(hh.get(1)))));
            NDArray cand = local(step, ai.djl.nn.Activation.tanh(
                    local(step, x.get(2).add(local(step, r.mul(hh.get(2)))))));
            // h' = (1 - z) n + z h, written as n + z (h - n)
            h = local(step, cand.add(local(step, z.mul(local(step, h.sub(cand))))));
            x.attach(step);
            hh.attach(step);
        }
        return h;
    }

    private NDArray linear(NDManager step, Map<String, NDArray> p, NDArray x, String layer) {
        long[] shape = arch.parameterShapes().get(layer + ".weight");
        NDArray w = local(step, p.get(layer + ".weight").reshape(k, shape[0], shape[1]).transpose(0, 2, 1));
        NDArray b = local(step, p.get(layer + ".bias").reshape(k, 1, shape[0]));
        return local(step, local(step, x.matMul(w)).add(b));
    }

    private static NDArray silu(NDManager step, NDArray z) {
        return local(step, z.mul(local(step, ai.djl.nn.Activation.sigmoid(z))));
    }

    private static NDArray local(NDManager step, NDArray array) {
        array.attach(step);
        return array;
    }

    /**
     * For tests: per member the gradient of the batched objective (mean loss of {@code inputs[m]} plus
     * {@code alpha} times the squared distance of the {@code anchored} parameters to {@code anchors}) at
     * {@code params}, flat in architecture order, with the member's data loss as the last entry.
     */
    static float[][] objectiveGradients(HybridArchitecture arch, List<Map<String, float[]>> params,
            List<HybridInputs> inputs, List<Map<String, float[]>> anchors, Set<String> anchored, double alpha) {
        HybridBatch b = new HybridBatch(arch, params.size());
        try (NDManager manager = Torch.newManager()) {
            NDArray theta = b.stacked(manager, params);
            theta.setRequiresGradient(true);
            NDArray anchor = anchored.isEmpty() ? null : b.stacked(manager, anchors);
            NDArray alphas = anchored.isEmpty() ? null : b.perElement(manager, anchored::contains, (float) alpha);
            int rows = inputs.get(0).rows();
            int[] all = new int[b.k];
            Arrays.fill(all, rows);
            float[] objective;
            try (NDManager step = manager.newSubManager()) {
                Inputs x = b.inputs(step, inputs.toArray(HybridInputs[]::new), rows);
                try (Torch.Collector collector = Torch.collect()) {
                    NDArray data = MlpBatch.losses(b.forward(step, theta, x, new NDArray[2]), x.targets,
                            b.weights(step, all, rows), null);
                    NDArray total = MlpBatch.objective(step, theta, anchor, alphas, data);
                    collector.backward(total);
                    objective = data.toFloatArray();
                }
            }
            float[] g;
            try (NDArray gradient = theta.getGradient()) {
                g = gradient.toFloatArray();
            }
            float[][] out = new float[b.k][];
            for (int m = 0; m < b.k; m++) {
                out[m] = Arrays.copyOfRange(g, m * b.size, (m + 1) * b.size + 1);
                out[m][b.size] = objective[m];
            }
            return out;
        }
    }
}
