package io.transfab.bench;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.design.SimulatorLab;
import io.transfab.design.SuggestGoal;
import io.transfab.design.SuggestOptions;
import io.transfab.design.Suggester;
import io.transfab.explain.ExplainOptions;
import io.transfab.explain.Explainer;
import io.transfab.explain.Explanation;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.simulate.Chemistry;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The use cases whose speed issue 14 is about, timed in one run on the bench's simulated NMC tables
 * with the CLI's defaults: pre-training a 5-member ensemble, explaining 200 rows with it, suggesting
 * from 4096 candidates and {@code finetune --strategy auto} on 20 target rows. Each phase gets a
 * baseline measured in the same run: the time its counted arithmetic would take at the machine's
 * {@link Peak} (so the ratio is how far from the physical limit it runs), and for auto the plain
 * full fine-tune it chooses among.
 */
public final class PhaseBench {
    /** Pre-trained ensemble size of the phases (the CLI's {@code --ensemble 5}). */
    public static final int MEMBERS = 5;
    /** Rows explained. */
    public static final int EXPLAINED_ROWS = 200;
    /** Target rows fine-tuned on. */
    public static final int TARGET_ROWS = 20;

    private PhaseBench() {
    }

    /**
     * Runs the phases; {@code source} and {@code target} hold {@code features} and {@code targets}
     * (the simulator's NMC and silicon-graphite tables), {@code target} at least 20 rows.
     */
    public static List<PhaseTiming> run(Table source, Table target, List<String> features, List<String> targets,
            long seed, Peak peak, Progress progress) {
        Schema schema = Schema.infer(source, features, targets, List.of());
        Dataset src = Dataset.of(source, schema);
        MlpOptions architecture = MlpOptions.defaults();
        TrainingOptions training = architecture.training();
        List<PhaseTiming> out = new ArrayList<>();

        long t0 = System.nanoTime();
        double c0 = PhaseTiming.processCpuSeconds();
        TrainedModel model = Training.fit(src, MlpTrainer.trainer(architecture), MEMBERS, Seeds.derive(seed, "pretrain"),
                Map.of("options", architecture), progress);
        double pretrain = seconds(t0);
        double pretrainCpu = PhaseTiming.processCpuSeconds() - c0;
        int[] sizes = layerSizes(features.size(), architecture, targets.size());
        int trainRows = src.size() - (int) Math.round(training.validationFraction() * src.size());
        double pretrainFlop = Flops.training(MEMBERS, training.maxEpochs(), trainRows, Flops.macs(sizes));
        out.add(new PhaseTiming("pretrain, " + MEMBERS + "-member ensemble on " + src.size() + " rows", pretrain,
                pretrainCpu, pretrainFlop / 1e9, "physical limit (the members' " + training.maxEpochs()
                        + " epochs at peak)",                pretrainFlop / 1e9 / peak.gflops()));

        Table explained = source.select(IntStream.range(0, Math.min(EXPLAINED_ROWS, source.rowCount())).toArray());
        ExplainOptions explainOptions = ExplainOptions.defaults().withShap(ExplainOptions.defaults().shap()
                .withThreads(Math.min(4, Runtime.getRuntime().availableProcessors())));
        t0 = System.nanoTime();
        c0 = PhaseTiming.processCpuSeconds();
        Explanation e = Explainer.run(model, explained, null, explainOptions, seed, progress);
        double explain = seconds(t0);
        double explainCpu = PhaseTiming.processCpuSeconds() - c0;
        double explainFlop = e.shap().evaluations() * Flops.forwardPerRow(model);
        out.add(new PhaseTiming("explain, " + explained.rowCount() + " rows (exact SHAP, PD/ICE, importances)",
                explain, explainCpu, explainFlop / 1e9, "physical limit (SHAP's " + e.shap().evaluations()
                        + " model rows at peak)", explainFlop / 1e9 / peak.gflops()));

        SuggestOptions suggestOptions = new SuggestOptions(SuggestGoal.maximize(targets.get(1)), 8,
                SuggestOptions.DEFAULT_CANDIDATES, seed);
        t0 = System.nanoTime();
        c0 = PhaseTiming.processCpuSeconds();
        Suggester.suggest(model, SimulatorLab.space(Chemistry.NMC), suggestOptions, "the NMC process window");
        double suggest = seconds(t0);
        double suggestCpu = PhaseTiming.processCpuSeconds() - c0;
        double suggestFlop = suggestOptions.candidates() * Flops.forwardPerRow(model);
        out.add(new PhaseTiming("suggest, " + suggestOptions.candidates() + " candidates", suggest, suggestCpu,
                suggestFlop / 1e9, "physical limit (the candidates' forward passes at peak)",
                suggestFlop / 1e9 / peak.gflops()));

        Dataset few = Dataset.of(target.select(IntStream.range(0, TARGET_ROWS).toArray()), schema);
        t0 = System.nanoTime();
        c0 = PhaseTiming.processCpuSeconds();
        FineTuner.fineTune(model, few, FineTuneOptions.defaults().withStrategy(FineTuneStrategy.FULL),
                Seeds.derive(seed, "finetune"), progress);
        double full = seconds(t0);
        t0 = System.nanoTime();
        c0 = PhaseTiming.processCpuSeconds();
        FineTuner.fineTune(model, few, FineTuneOptions.defaults().withStrategy(FineTuneStrategy.AUTO),
                Seeds.derive(seed, "finetune"), progress);
        double auto = seconds(t0);
        double autoCpu = PhaseTiming.processCpuSeconds() - c0;
        out.add(new PhaseTiming("finetune --strategy auto, " + TARGET_ROWS + " rows", auto, autoCpu, Double.NaN,
                "finetune --strategy full in the same run", full));
        return out;
    }

    /** Layer sizes inputs, hidden..., outputs of {@code architecture}. */
    static int[] layerSizes(int inputs, MlpOptions architecture, int outputs) {
        List<Integer> hidden = architecture.hiddenLayers();
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = inputs;
        for (int l = 0; l < hidden.size(); l++) {
            sizes[l + 1] = hidden.get(l);
        }
        sizes[sizes.length - 1] = outputs;
        return sizes;
    }

    /**
     * FLOP of the networks the assess protocol trains, counted as the reference pipeline trains them
     * (same architecture and epochs): {@code ensemble} networks pre-trained for 300 epochs on 85 % of
     * the source rows, and per size n and repeat {@code ensemble} scratch networks (600 full-batch
     * epochs) and {@code ensemble} full fine-tunes (300 epochs) on n rows. Early stopping ends
     * pre-training sooner, so this is an upper bound; GPs, auto's inner CV and calibration refits are
     * not counted.
     */
    public static double protocolFlop(int features, int targets, int sourceRows, List<Integer> sizes, int repeats,
            int ensemble) {
        long macs = Flops.macs(layerSizes(features, MlpOptions.defaults(), targets));
        double flop = Flops.training(ensemble, 300, sourceRows - (int) Math.round(0.15 * sourceRows), macs);
        for (int n : sizes) {
            flop += repeats * (Flops.training(ensemble, 600, n, macs) + Flops.training(ensemble, 300, n, macs));
        }
        return flop;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
