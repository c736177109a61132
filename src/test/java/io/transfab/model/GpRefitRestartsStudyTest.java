package io.transfab.model;

import io.transfab.data.CsvReader;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.NormalDistribution;
import io.transfab.evaluate.Splits;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Study behind {@link GaussianProcessTrainer#CALIBRATION_REFIT_RESTARTS}: coverage and mean width of the
 * calibrated 90 % interval on 40 held-out rows, over the same seeded draws of n = 10, 20, 40 training
 * rows from the electrode simulator and the UCI concrete table, with 10, 5 and 3 random starts per
 * calibration refit (the full fit keeps 10), and the CPU seconds of the fits.
 */
class GpRefitRestartsStudyTest {
    @Tag("study")
    @Test
    void coverageAndWidthByRefitRestarts() throws Exception {
        // Given 30 draws per size (-Ddraws=...) on the simulator and on the concrete table
        int draws = Integer.getInteger("draws", 30);
        Table tab = CsvReader.read(Path.of("..", "shared", "datasets", "uci_concrete_compressive_strength.csv"));
        Dataset conc = Dataset.of(tab, Schema.infer(tab, ConformalCoverageTest.CONCRETE_FEATURES, List.of("compressive_strength_MPa"), List.of()));
        Dataset el = ConformalCoverageTest.electrode(4000, 9);
        double z = NormalDistribution.quantile(0.95);
        var bean = ManagementFactory.getThreadMXBean();
        for (Dataset d : List.of(el, conc)) {
            for (int n : new int[] {10, 20, 40}) {
                for (int k : new int[] {10, 5, 3}) {
                    GaussianProcessTrainer tr = GaussianProcessTrainer.of(GpOptions.defaults(), k);
                    int targets = d.schema().targets().size();
                    int[] cov = new int[targets];
                    double[] width = new double[targets];
                    int scored = 0;
                    long cpu0 = bean.getCurrentThreadCpuTime();
                    // When fitting with calibration and scoring the calibrated intervals
                    for (int r = 0; r < draws; r++) {
                        int[] perm = Splits.permutation(d.size(), Seeds.derive(202, r));
                        TrainedModel m = Training.fit(d.subset(Arrays.copyOfRange(perm, 0, n)), tr, 1,
                                Seeds.derive(202, 100L + r), Map.of(), Progress.NONE);
                        Dataset test = d.subset(Arrays.copyOfRange(perm, n, n + 40));
                        Prediction p = m.predictEncoded(test.x());
                        for (int i = 0; i < 40; i++) {
                            for (int t = 0; t < targets; t++) {
                                cov[t] += Math.abs(test.y()[i][t] - p.mean()[i][t]) <= z * p.std()[i][t] ? 1 : 0;
                                width[t] += 2 * z * p.std()[i][t];
                            }
                        }
                        scored += 40;
                    }
                    double cpu = (bean.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    // Then print coverage and width; the coverage is within the tolerance of ConformalCoverageTest
                    StringBuilder sb = new StringBuilder();
                    for (int t = 0; t < targets; t++) {
                        sb.append(String.format(Locale.ROOT, " %s cov %.3f width %.4g", d.schema().targetNames().get(t),
                                (double) cov[t] / scored, width[t] / scored));
                        ConformalCoverageTest.assertNear((double) cov[t] / scored, n, draws, 40,
                                d.source() + " n=" + n + " refit restarts " + k);
                    }
                    System.out.printf(Locale.ROOT, "REFIT %s n=%d restarts=%d draws=%d cpu %.1f s%s%n",
                            d.source(), n, k, draws, cpu, sb);
                }
            }
        }
    }
}
