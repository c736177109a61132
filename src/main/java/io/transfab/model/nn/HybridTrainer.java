package io.transfab.model.nn;

import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.Seeds;
import java.util.ArrayList;
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
        HybridBatch.Plan plan = fitPlan(data, allRows(data.size()), options, ensemble, seed);
        HybridArchitecture arch = plan.arch();
        HybridScaling scaling = plan.members().get(0).scaling();
        List<HybridRegressor> members = plan.train(data, progress, task(FIT_TASK, ensemble));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("options", options);
        details.put("ensemble", ensemble);
        details.put("architecture", arch);
        details.put("parameters", members.get(0).parameterCount());
        return new HybridModel(data.schema(), scaling, members, "hybrid", details,
                Provenance.of(data.source(), data.sha256(), data.size(), seed, null));
    }

    /**
     * The run of {@link #fit} on {@code rows} of {@code data}: each member trains on those rows, scaled
     * by their own statistics, as {@code fit(data.subset(rows), ...)} trains its members.
     */
    static HybridBatch.Plan fitPlan(MediaDataset data, int[] rows, HybridOptions options, int ensemble, long seed) {
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble size must be >= 1; got " + ensemble);
        }
        MediaDataset own = rows.length == data.size() && isIdentity(rows) ? data : data.subset(rows);
        requireRows(own);
        HybridScaling scaling = HybridScaling.fit(own, batchOf(options.training(), own.size()));
        HybridArchitecture arch = HybridArchitecture.of(data.imageChannels(), data.imageHeight(), data.imageWidth(),
                data.seriesChannels(), data.seriesLength(), data.schema().encodedWidth(),
                data.schema().targets().size(), options);
        List<HybridBatch.Member> jobs = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            long s = ensemble == 1 ? seed : Seeds.derive(seed, k);
            MlpTrainer.Streams streams = new MlpTrainer.Streams(s);
            jobs.add(new HybridBatch.Member(initialise(arch, arch.parameterShapes().keySet(), Map.of(), streams.init),
                    streams, rows, scaling));
        }
        return new HybridBatch.Plan(arch, jobs, arch.parameterShapes().keySet(), Set.of(), 0.0, options.training());
    }

    /**
     * Fine-tunes every member of {@code base} on {@code target} (encoded with the base's schema) with
     * the base's standardisation, or with the target rows' one where {@code spec.rescale()} says so
     * (the fine-tuned model stores the scaling it was trained with, so predict applies it); member k
     * uses a seed derived from {@code seed} and k.
     */
    public static HybridModel fineTune(HybridModel base, MediaDataset target, HybridFineTune spec, long seed,
            Progress progress) {
        HybridBatch.Plan plan = fineTunePlan(base, target, allRows(target.size()), spec, seed);
        HybridArchitecture arch = plan.arch();
        int ensemble = base.members().size();
        HybridScaling scaling = plan.members().get(0).scaling();
        List<HybridRegressor> members = plan.train(target, progress, task(FINE_TUNE_TASK, ensemble));
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
     * The run of {@link #fineTune} on {@code rows} of {@code target}: each member trains on those rows,
     * with the scaling refitted on them where {@code spec.rescale()} says so, as
     * {@code fineTune(base, target.subset(rows), ...)} trains its members.
     */
    static HybridBatch.Plan fineTunePlan(HybridModel base, MediaDataset target, int[] rows, HybridFineTune spec,
            long seed) {
        if (!target.schema().equals(base.schema())) {
            throw new IllegalArgumentException("target data must be encoded with the base model's schema");
        }
        MediaDataset own = rows.length == target.size() && isIdentity(rows) ? target : target.subset(rows);
        requireRows(own);
        HybridArchitecture arch = base.architecture();
        int ensemble = base.members().size();
        HybridScaling scaling = switch (spec.rescale()) {
            case NONE -> base.scaling();
            case TARGETS -> base.scaling().refit(own, false);
            case ALL -> base.scaling().refit(own, true);
        };
        Set<String> trainable = new LinkedHashSet<>();
        for (String name : arch.parameterShapes().keySet()) {
            if (!spec.frozen(name)) {
                trainable.add(name);
            }
        }
        Set<String> redraw = new LinkedHashSet<>();
        if (spec.reinitializeHead()) {
            redraw.add(HybridArchitecture.HEAD_OUT + ".weight");
            redraw.add(HybridArchitecture.HEAD_OUT + ".bias");
        }
        Set<String> anchored = new LinkedHashSet<>();
        if (spec.anchorPenalty() > 0) {
            anchored.addAll(trainable);
            anchored.removeAll(redraw);
        }
        List<HybridBatch.Member> jobs = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            MlpTrainer.Streams streams = new MlpTrainer.Streams(Seeds.derive(seed, k));
            jobs.add(new HybridBatch.Member(initialise(arch, redraw, base.members().get(k).parameters(), streams.init),
                    streams, rows, scaling));
        }
        return new HybridBatch.Plan(arch, jobs, trainable, anchored, spec.anchorPenalty(), spec.training());
    }

    /** 0, 1, ..., n - 1. */
    static int[] allRows(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static boolean isIdentity(int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
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

    private static String task(String task, int ensemble) {
        return ensemble == 1 ? task : task + ", " + ensemble + " members";
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
}
