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
 * validation split, shuffling and dropout streams ({@link MlpTrainer.Streams}), its own AdamW step
 * count and its early stopping. Members share the data, the scaling, the options and the sets of
 * trained and anchored parameters, so their mini-batches have equal row counts; a member that has
 * stopped reads no data, takes no update and keeps its best weights; the batch ends when all are done.
 * Its result depends on the others only through float rounding.
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

    /** One member: its start parameters and its random streams (initialisation already drawn). */
    record Member(Map<String, float[]> start, MlpTrainer.Streams streams) {
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /**
     * Trains every member on {@code data} (streamed from disk one mini-batch per member and step) and
     * returns them in order; parameters outside {@code trainable} come back bit-identical.
     */
    static List<HybridRegressor> train(HybridArchitecture arch, List<Member> members, Set<String> trainable,
            Set<String> anchored, double alpha, HybridScaling scaling, MediaDataset data, TrainingOptions options,
            Progress progress, String task) {
        return new HybridBatch(arch, members.size()).run(members, trainable, anchored, alpha, scaling, data, options,
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

    /** One member's split, order and early-stopping state. */
    private static final class State {
        final MlpTrainer.Streams streams;
        final int[] trainRows;
        final int[] valRows;
        int adamSteps;
        boolean done;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        float[] bestTheta;

        State(MlpTrainer.Streams streams, int n, int nVal) {
            this.streams = streams;
            int[] order = MlpTrainer.permutation(n, streams.split);
            valRows = Arrays.copyOfRange(order, 0, nVal);
            trainRows = Arrays.copyOfRange(order, nVal, n);
        }
    }

    private List<HybridRegressor> run(List<Member> members, Set<String> trainable, Set<String> anchored, double alpha,
            HybridScaling scaling, MediaDataset data, TrainingOptions options, Progress progress, String task) {
        int n = data.size();
        int nVal = options.validationFraction() > 0
                ? Math.max(1, (int) Math.round(options.validationFraction() * n)) : 0;
        if (nVal > 0 && n - nVal < 1) {
            throw new IllegalArgumentException("early stopping holds out " + nVal + " of " + n
                    + " rows and leaves none to train on; use validationFraction 0 or more rows");
        }
        List<State> states = new ArrayList<>();
        List<Map<String, float[]>> starts = new ArrayList<>();
        for (Member m : members) {
            states.add(new State(m.streams(), n, nVal));
            starts.add(m.start());
        }
        int nTrain = n - nVal;
        int batch = options.batchSize() == 0 || options.batchSize() >= nTrain ? nTrain : options.batchSize();
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
                    chunks.add(MediaDataset.chunks(s.trainRows, batch).toArray(int[][]::new));
                }
                for (int step = 0; step < chunks.get(0).length; step++) {
                    step(manager, theta, anchor, alphas, delta, adam, states, chunks, step, scaling, data, options,
                            epoch, task);
                }
                progress.update(task, epoch + 1, options.maxEpochs());
                if (endEpoch(manager, theta, delta, states, scaling, data, batch, nVal, epoch, options)) {
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
                        : nVal == 0 ? Arrays.copyOfRange(last, m * size, (m + 1) * size) : pack(starts.get(m));
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
            BatchedAdamW adam, List<State> states, List<int[][]> chunks, int s, HybridScaling scaling,
            MediaDataset data, TrainingOptions options, int epoch, String task) {
        BitSet taking = new BitSet(k);
        HybridInputs[] in = new HybridInputs[k];
        for (int m = 0; m < k; m++) {
            if (!states.get(m).done) {
                taking.set(m);
                try (MediaDataset.Batch b = data.batch(chunks.get(m)[s])) {
                    in[m] = scaling.prepare(b);
                }
            }
        }
        int rows = chunks.get(0)[s].length;
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
                    TorchMlp.drawMask(fused, m * rows * arch.fusedWidth(), rows * arch.fusedWidth(), options.dropout(),
                            streams.dropout);
                    TorchMlp.drawMask(hidden, m * rows * arch.headHidden(), rows * arch.headHidden(),
                            options.dropout(), streams.dropout);
                }
                masks[0] = Torch.owned(step, fused, new Shape(k, rows, arch.fusedWidth()));
                masks[1] = Torch.owned(step, hidden, new Shape(k, rows, arch.headHidden()));
            }
            float[] losses;
            try (Torch.Collector collector = Torch.collect()) {
                NDArray lossPerMember = MlpBatch.losses(forward(step, theta, x, masks), x.targets,
                        weights(step, taking, rows), delta);
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

    /** Per member 1 / (rows * targets) when it takes part, 0 otherwise: [K, 1, 1]. */
    private NDArray weights(NDManager step, BitSet taking, int rows) {
        float[] w = new float[k];
        float share = (float) (1.0 / ((double) rows * arch.targets()));
        for (int m = taking.nextSetBit(0); m >= 0; m = taking.nextSetBit(m + 1)) {
            w[m] = share;
        }
        return Torch.owned(step, w, new Shape(k, 1, 1));
    }

    /** Validation loss, best weights and stopping per member; true if any member finished. */
    private boolean endEpoch(NDManager manager, NDArray theta, NDArray delta, List<State> states,
            HybridScaling scaling, MediaDataset data, int batch, int nVal, int epoch, TrainingOptions options) {
        if (nVal == 0) {
            if (epoch + 1 >= options.maxEpochs()) {
                states.forEach(s -> s.done = true);
                return true;
            }
            return false;
        }
        BitSet active = new BitSet(k);
        List<int[][]> chunks = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            active.set(m, !states.get(m).done);
            chunks.add(MediaDataset.chunks(states.get(m).valRows, batch).toArray(int[][]::new));
        }
        double[] sum = new double[k];
        for (int c = 0; c < chunks.get(0).length; c++) {
            HybridInputs[] in = new HybridInputs[k];
            for (int m = active.nextSetBit(0); m >= 0; m = active.nextSetBit(m + 1)) {
                try (MediaDataset.Batch b = data.batch(chunks.get(m)[c])) {
                    in[m] = scaling.prepare(b);
                }
            }
            int rows = chunks.get(0)[c].length;
            try (NDManager eval = manager.newSubManager()) {
                Inputs x = inputs(eval, in, rows);
                float[] l = MlpBatch.losses(forward(eval, theta, x, new NDArray[2]), x.targets,
                        weights(eval, active, rows), delta).toFloatArray();
                for (int m = 0; m < k; m++) {
                    sum[m] += l[m] * (double) rows;
                }
            }
        }
        float[] current = null;
        boolean finished = false;
        for (int m = active.nextSetBit(0); m >= 0; m = active.nextSetBit(m + 1)) {
            State s = states.get(m);
            double val = sum[m] / nVal;
            boolean last = epoch + 1 >= options.maxEpochs();
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

    /** A step's inputs of every member, stacked (zeros for members without rows). */
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
                    for (int r = 0; r < rows; r++) {
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
            if (in[m] != null) {
                System.arraycopy(part.apply(in[m]), 0, flat, m * per, per);
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
            BitSet all = new BitSet(b.k);
            all.set(0, b.k);
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
