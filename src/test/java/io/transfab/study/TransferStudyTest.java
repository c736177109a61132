package io.transfab.study;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import io.transfab.transfer.InputNormalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind the fine-tuning defaults (docs/transfer.md): median test R2 over random
 * target draws for each strategy and input normalisation, on simulated chemistry pairs whose
 * parameter ranges are shifted. Run with -Dgroups=study; prints a table, asserts nothing else.
 */
@Tag("study")
class TransferStudyTest {
    private static final List<String> FEATURES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    private static final List<String> TARGETS = List.of("mass_loading_mg_cm2", "density_g_cm3", "porosity");

    @Test
    void study() {
        String pairs = System.getProperty("study.pairs", "nmc>si-graphite,nmc>graphite,lfp>nmc");
        int[] sizes = Arrays.stream(System.getProperty("study.sizes", "10,20").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int repeats = Integer.getInteger("study.repeats", 5);
        String[] configs = System.getProperty("study.configs",
                "full/source,full/target,freeze/source,head/source,l2sp/source,l2sp/target,auto/source,auto/target")
                .split(",");
        for (String pair : pairs.split(",")) {
            String[] st = pair.split(">");
            Table src = ElectrodeSimulator.of(Chemistry.fromCliName(st[0])).simulate(2000, 1);
            Table tgt = ElectrodeSimulator.of(Chemistry.fromCliName(st[1])).simulate(400, 2);
            Schema schema = Schema.infer(src, FEATURES, TARGETS, List.of());
            Dataset s = Dataset.of(src, schema);
            Dataset t = Dataset.of(tgt, schema);
            long t0 = System.nanoTime();
            TrainedModel base = Training.fit(s, MlpTrainer.trainer(MlpOptions.defaults()), 5, 3, Map.of(),
                    (a, b, c) -> { });
            System.out.printf("%n== %s: pretrain %.1f s%n", pair, (System.nanoTime() - t0) / 1e9);
            for (int n : sizes) {
                Map<String, List<double[]>> r2 = new LinkedHashMap<>();
                Map<String, Double> seconds = new LinkedHashMap<>();
                Map<String, Integer> picks = new java.util.TreeMap<>();
                for (int rep = 0; rep < repeats; rep++) {
                    Splits.Split sp = Splits.trainTest(t.size(), n, Seeds.derive(100, rep));
                    Dataset train = t.subset(sp.train());
                    Dataset test = t.subset(sp.test());
                    for (String cfg : configs) {
                        String[] parts = cfg.split("/");
                        FineTuneOptions d = FineTuneOptions.defaults();
                        FineTuneOptions o = new FineTuneOptions(FineTuneStrategy.fromCliName(parts[0]),
                                InputNormalization.fromCliName(parts[1]), d.frozenLayers(), d.l2spAlpha(),
                                d.learningRate(), d.epochs(), d.ensemble(), d.innerFolds());
                        long a = System.nanoTime();
                        FineTuner.Result res = FineTuner.fineTune(base, train, o, rep, (x, y, z) -> { });
                        seconds.merge(cfg, (System.nanoTime() - a) / 1e9, Double::sum);
                        r2.computeIfAbsent(cfg, k -> new ArrayList<>()).add(score(res.model(), test));
                        if (res.selection() != null) {
                            picks.merge(cfg + " -> " + res.selection().chosen(), 1, Integer::sum);
                        }
                    }
                    long a = System.nanoTime();
                    TrainedModel tgp = io.transfab.transfer.GpTransfer.fit(base, train, InputNormalization.TARGET,
                            rep, (x, y, z) -> { });
                    seconds.merge("transfer-gp", (System.nanoTime() - a) / 1e9, Double::sum);
                    r2.computeIfAbsent("transfer-gp", k -> new ArrayList<>()).add(score(tgp, test));
                    a = System.nanoTime();
                    TrainedModel gp = Training.fit(train, GaussianProcessTrainer.withDefaults(), 1, rep, Map.of(),
                            (x, y, z) -> { });
                    seconds.merge("gp", (System.nanoTime() - a) / 1e9, Double::sum);
                    r2.computeIfAbsent("gp", k -> new ArrayList<>()).add(score(gp, test));
                    a = System.nanoTime();
                    TrainedModel scratch = Training.fit(train, MlpTrainer.trainer(FineTuner.scratchOptions(
                            MlpOptions.defaults(), FineTuneOptions.defaults())), 5, rep, Map.of(), (x, y, z) -> { });
                    seconds.merge("scratch", (System.nanoTime() - a) / 1e9, Double::sum);
                    r2.computeIfAbsent("scratch", k -> new ArrayList<>()).add(score(scratch, test));
                }
                System.out.printf("-- %s, %d target rows, %d repeats: median test R2 (loading, density, porosity)%n",
                        pair, n, repeats);
                System.out.println("   auto picks: " + picks);
                for (var e : r2.entrySet()) {
                    System.out.printf("   %-22s %7.3f %7.3f %7.3f   min density %7.3f   %6.1f s%n", e.getKey(),
                            median(e.getValue(), 0), median(e.getValue(), 1), median(e.getValue(), 2),
                            e.getValue().stream().mapToDouble(v -> v[1]).min().orElse(Double.NaN),
                            seconds.getOrDefault(e.getKey(), Double.NaN));
                }
            }
        }
    }

    private static double[] score(TrainedModel m, Dataset test) {
        double[][] p = m.predictEncoded(test.x()).mean();
        double[][] y = test.y();
        double[] out = new double[y[0].length];
        for (int t = 0; t < out.length; t++) {
            double[] a = new double[y.length];
            double[] b = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                a[i] = y[i][t];
                b[i] = p[i][t];
            }
            out[t] = Metrics.of(a, b).r2();
        }
        return out;
    }

    private static double median(List<double[]> v, int t) {
        double[] a = v.stream().mapToDouble(x -> x[t]).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }
}
