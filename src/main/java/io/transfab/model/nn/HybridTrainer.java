package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Trains and fine-tunes {@link HybridModel}s: mini-batch AdamW on the mean squared error of the
 * standardised targets, with images and series read from disk one mini-batch at a time.
 *
 * <p>As in {@link MlpTrainer}, everything random comes from the seed through separate
 * {@link SplittableRandom} streams (initialisation, validation split, shuffling, dropout) and
 * libtorch runs on one thread ({@link Torch}), so the same data and seed give bit-identical
 * weights. Initialisation is torch's default: every tensor ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * (for the GRU, fan_in = state size), drawn in Java.
 */
public final class HybridTrainer {
    private static final String FIT_TASK = "hybrid fit";
    private static final String FINE_TUNE_TASK = "hybrid fine-tune";

    private HybridTrainer() {
    }

    /** Trains an ensemble of {@code ensemble} hybrid networks (derived seeds) on {@code data}, which needs targets. */
    public static HybridModel fit(MediaDataset data, HybridOptions options, int ensemble, long seed,
            Progress progress) {
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble size must be >= 1; got " + ensemble);
        }
        requireRows(data);
        HybridScaling scaling = HybridScaling.fit(data, batchOf(options.training(), data.size()));
        HybridArchitecture arch = HybridArchitecture.of(data.imageChannels(), data.imageHeight(), data.imageWidth(),
                data.seriesChannels(), data.seriesLength(), data.schema().encodedWidth(),
                data.schema().targets().size(), options);
        List<HybridRegressor> members = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            long s = ensemble == 1 ? seed : Seeds.derive(seed, k);
            MlpTrainer.Streams streams = new MlpTrainer.Streams(s);
            Map<String, float[]> start = initialise(arch, arch.parameterShapes().keySet(), Map.of(), streams.init);
            members.add(train(arch, start, Set.copyOf(start.keySet()), Set.of(), 0.0, scaling, data,
                    options.training(), streams, memberProgress(progress, k, ensemble), FIT_TASK));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("options", options);
        details.put("ensemble", ensemble);
        details.put("architecture", arch);
        details.put("parameters", members.get(0).parameterCount());
        return new HybridModel(data.schema(), scaling, members, "hybrid", details,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null));
    }

    /**
     * Fine-tunes every member of {@code base} on {@code target} (encoded with the base's schema) with
     * the base's standardisation, or with the target rows' one where {@code spec.rescale()} says so
     * (the fine-tuned model stores the scaling it was trained with, so predict applies it); member k
     * uses a seed derived from {@code seed} and k.
     */
    public static HybridModel fineTune(HybridModel base, MediaDataset target, HybridFineTune spec, long seed,
            Progress progress) {
        if (!target.schema().equals(base.schema())) {
            throw new IllegalArgumentException("target data must be encoded with the base model's schema");
        }
        requireRows(target);
        HybridArchitecture arch = base.architecture();
        int ensemble = base.members().size();
        HybridScaling scaling = switch (spec.rescale()) {
            case NONE -> base.scaling();
            case TARGETS -> base.scaling().refit(target, false);
            case ALL -> base.scaling().refit(target, true);
        };
        List<HybridRegressor> members = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            MlpTrainer.Streams streams = new MlpTrainer.Streams(Seeds.derive(seed, k));
            Map<String, float[]> start = base.members().get(k).parameters();
            Set<String> trainable = new LinkedHashSet<>();
            for (String name : start.keySet()) {
                if (!spec.frozen(name)) {
                    trainable.add(name);
                }
            }
            Set<String> redraw = new LinkedHashSet<>();
            if (spec.reinitializeHead()) {
                redraw.add(HybridArchitecture.HEAD_OUT + ".weight");
                redraw.add(HybridArchitecture.HEAD_OUT + ".bias");
            }
            start = initialise(arch, redraw, start, streams.init);
            Set<String> anchored = new LinkedHashSet<>();
            if (spec.anchorPenalty() > 0) {
                anchored.addAll(trainable);
                anchored.removeAll(redraw);
            }
            members.add(train(arch, start, trainable, anchored, spec.anchorPenalty(), scaling, target,
                    spec.training(), streams, memberProgress(progress, k, ensemble), FINE_TUNE_TASK));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strategy", spec.strategy());
        details.put("spec", spec);
        details.put("ensemble", ensemble);
        details.put("architecture", arch);
        details.put("baseMethod", base.method());
        details.put("baseDataSource", base.provenance().dataSource());
        return new HybridModel(base.schema(), scaling, members, "hybrid-finetune:" + spec.strategy(), details,
                Provenance.of(target.source(), target.sha256(), target.size(), seed, base.provenance().dataSha256()));
    }

    /**
     * {@code base} as it is, recorded as a fine-tuning result on {@code target} (no parameter or
     * statistic changed): the "no fine-tuning" candidate of {@link HybridAutoTune}.
     */
    static HybridModel asIs(HybridModel base, MediaDataset target, long seed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strategy", HybridAutoTune.BASE);
        details.put("ensemble", base.members().size());
        details.put("architecture", base.architecture());
        details.put("baseMethod", base.method());
        details.put("baseDataSource", base.provenance().dataSource());
        return new HybridModel(base.schema(), base.scaling(), base.members(), "hybrid-finetune:" + HybridAutoTune.BASE,
                details, Provenance.of(target.source(), target.sha256(), target.size(), seed,
                        base.provenance().dataSha256()));
    }

    private static void requireRows(MediaDataset data) {
        if (!data.hasTargets() || data.size() < 2) {
            throw DataException.of(data.source(), "needs at least 2 rows with targets to train a hybrid network");
        }
    }

    private static Progress memberProgress(Progress progress, int member, int ensemble) {
        if (ensemble == 1) {
            return progress;
        }
        return (task, done, total) -> progress.update(task + ", " + ensemble + " members", member * total + done,
                ensemble * total);
    }

    private static int batchOf(TrainingOptions t, int rows) {
        return t.batchSize() == 0 || t.batchSize() >= rows ? rows : t.batchSize();
    }

    /** {@code start} with the parameters in {@code names} drawn afresh (torch's default bounds), in architecture order. */
    static Map<String, float[]> initialise(HybridArchitecture arch, Set<String> names, Map<String, float[]> start,
            SplittableRandom rng) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : arch.parameterShapes().entrySet()) {
            String name = e.getKey();
            if (!names.contains(name)) {
                out.put(name, start.get(name).clone());
                continue;
            }
            long size = 1;
            for (long d : e.getValue()) {
                size *= d;
            }
            float[] v = new float[Math.toIntExact(size)];
            double bound = 1.0 / Math.sqrt(arch.fanIn(name));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
            }
            out.put(name, v);
        }
        return out;
    }

    /**
     * The training loop: streams shuffled mini-batches from disk, early-stops on a seeded held-out
     * share when the options ask for one, and returns the best (or final) parameters.
     */
    static HybridRegressor train(HybridArchitecture arch, Map<String, float[]> start, Set<String> trainable,
            Set<String> anchored, double alpha, HybridScaling scaling, MediaDataset data, TrainingOptions options,
            MlpTrainer.Streams streams, Progress progress, String task) {
        int n = data.size();
        int[] order = MlpTrainer.permutation(n, streams.split);
        int nVal = options.validationFraction() > 0
                ? Math.max(1, (int) Math.round(options.validationFraction() * n)) : 0;
        if (nVal > 0 && n - nVal < 1) {
            throw new IllegalArgumentException("early stopping holds out " + nVal + " of " + n
                    + " rows and leaves none to train on; use validationFraction 0 or more rows");
        }
        int[] valRows = Arrays.copyOfRange(order, 0, nVal);
        int[] trainRows = Arrays.copyOfRange(order, nVal, n);
        int batch = batchOf(options, trainRows.length);
        Map<String, float[]> best = start;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        try (NDManager manager = Torch.newManager()) {
            HybridNetwork net = new HybridNetwork(manager, arch, start, trainable);
            Map<String, NDArray> anchors = new LinkedHashMap<>();
            for (String name : anchored) {
                anchors.put(name, Torch.owned(manager, start.get(name).clone(),
                        new Shape(arch.parameterShapes().get(name))));
            }
            // A tensor, not a Java float: see TorchMlp.mse on DJL's ops with number arguments.
            NDArray alphaArray = Torch.owned(manager, new float[] {(float) alpha}, new Shape());
            NDArray delta = TorchMlp.delta(manager);
            float lr = (float) options.learningRate();
            // AdamW with decoupled decay on weight tensors; biases are not decayed.
            Optimizer weights = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr))
                    .optWeightDecays((float) options.weightDecay()).build();
            Optimizer biases = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).optWeightDecays(0f).build();
            for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
                MlpTrainer.shuffle(trainRows, streams.shuffle);
                for (int[] rows : MediaDataset.chunks(trainRows, batch)) {
                    HybridInputs in;
                    try (MediaDataset.Batch b = data.batch(rows)) {
                        in = scaling.prepare(b);
                    }
                    try (NDManager step = manager.newSubManager()) {
                        float loss;
                        try (Torch.Collector collector = Torch.collect()) {
                            NDArray out = net.forward(step, in.images(step, arch), in.series(step, arch),
                                    in.tabular(step, arch), options.dropout(), streams.dropout);
                            NDArray fit = TorchMlp.meanLoss(options.loss(), out, in.targets(step, arch), delta);
                            NDArray objective = anchors.isEmpty() ? fit
                                    : fit.add(net.anchorDistance(step, anchors).mul(alphaArray));
                            collector.backward(objective);
                            loss = fit.getFloat();
                        }
                        if (!Float.isFinite(loss)) {
                            throw DataException.option(task + " diverged (loss " + loss + " at epoch "
                                    + (epoch + 1) + "); lower the learning rate (--lr)");
                        }
                        for (String name : trainable) {
                            NDArray p = net.parameter(name);
                            try (NDArray g = p.getGradient()) {
                                (name.contains("bias") ? biases : weights).update(name, p, g);
                            }
                            Torch.zeroGradient(p);
                        }
                    }
                }
                progress.update(task, epoch + 1, options.maxEpochs());
                if (nVal == 0) {
                    continue;
                }
                double val = validationLoss(manager, net, arch, scaling, data, valRows, batch, options.loss(),
                        delta);
                if (val < bestLoss) {
                    bestLoss = val;
                    bestEpoch = epoch;
                    best = net.values();
                } else if (epoch - bestEpoch >= options.patience()) {
                    progress.update(task, options.maxEpochs(), options.maxEpochs());
                    break;
                }
            }
            if (nVal == 0) {
                best = net.values();
            }
        }
        return HybridRegressor.of(arch, best);
    }

    private static double validationLoss(NDManager manager, HybridNetwork net, HybridArchitecture arch,
            HybridScaling scaling, MediaDataset data, int[] rows, int batch, Loss loss, NDArray delta) {
        double sum = 0;
        for (int[] chunk : MediaDataset.chunks(rows, batch)) {
            HybridInputs in;
            try (MediaDataset.Batch b = data.batch(chunk)) {
                in = scaling.prepare(b);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray out = net.forward(step, in.images(step, arch), in.series(step, arch), in.tabular(step, arch),
                        0.0, null);
                sum += TorchMlp.meanLoss(loss, out, in.targets(step, arch), delta).getFloat()
                        * (double) chunk.length;
            }
        }
        return sum / rows.length;
    }
}
