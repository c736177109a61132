package io.transfab.model.nn;

import io.transfab.model.Progress;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not a timed test: prints the process CPU and wall seconds of training the same N networks
 * (7-64-64-1, 10 to 40 rows, full batch, the assess scratch options) with batch caps 1..64, one
 * batch at a time or two side by side (libtorch one intra-op thread each), for docs/performance.md.
 * Run: {@code mvn test -Dgroups=heavy -Dtest=MlpBatchSizeBenchTest -DargLine=-Xmx1500m}.
 */
@Tag("heavy")
class MlpBatchSizeBenchTest {
    private static final int NETWORKS = Integer.getInteger("bench.networks", 64);
    private static final int EPOCHS = Integer.getInteger("bench.epochs", 300);
    private static final int[] CAPS = {1, 4, 8, 16, 32, 64};
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /** Early stopping in {@link #compactionOfAMixedEpochBatch} (0.2 held out, this patience); 0: none. */
    private static final int PATIENCE = Integer.getInteger("bench.patience", 0);

    @Test
    void batchCapsAndParallelBatches() throws Exception {
        // Given N fits of the assess scratch network on 10-40 rows
        MlpOptions net = new MlpOptions(List.of(64, 64), Activation.SILU,
                new TrainingOptions(1e-3, EPOCHS, 0, 1e-3, 0.0, 0.0, 1));
        List<MlpBatch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < NETWORKS; i++) {
            jobs.add(fit(i, net));
        }
        MlpBatch.outcomes(jobs.subList(0, 4), Progress.NONE, 4); // warm-up: native library, JIT
        // When every cap trains them, one batch at a time and two side by side, interleaved twice
        System.out.printf(Locale.ROOT, "BATCHSIZE networks=%d epochs=%d%n", NETWORKS, EPOCHS);
        for (int round = 0; round < ROUNDS; round++) {
            for (int cap : CAPS) {
                for (int parallel = 1; parallel <= 2; parallel++) {
                    double[] t = time(jobs, cap, parallel);
                    System.out.printf(Locale.ROOT, "BATCHSIZE round=%d cap=%d parallel=%d cpu=%.2f wall=%.2f "
                            + "cpuPerNet=%.3f wallPerNet=%.3f%n", round, cap, parallel, t[0], t[1], t[0] / NETWORKS,
                            t[1] / NETWORKS);
                }
            }
        }
        // Then (the numbers are printed; the check is only that every network was trained)
        assertEquals(NETWORKS, MlpBatch.outcomes(jobs, Progress.NONE, 64).size());
    }

    @Test
    void compactionOfAMixedEpochBatch() {
        // Given an assessment split's round: 21 fits of 7-64-64-1 on 10-40 rows, 8 at 600 epochs,
        // 8 at 300 and 5 at 150 (full batch, the assess scratch options; early stopping with
        // -Dbench.patience=N)
        List<MlpBatch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            int epochs = i < 8 ? 600 : i < 16 ? 300 : 150;
            MlpOptions net = new MlpOptions(List.of(64, 64), Activation.SILU,
                    new TrainingOptions(1e-3, epochs, 0, 1e-3, 0.0, PATIENCE > 0 ? 0.2 : 0.0, Math.max(1, PATIENCE)));
            jobs.add(fit(i, net));
        }
        MlpBatch.outcomes(jobs.subList(0, 4), Progress.NONE, 4); // warm-up: native library, JIT
        double[] rules = {0.0, 0.75, 1.0};
        var threads = ManagementFactory.getThreadMXBean();
        List<List<MlpTrainer.Outcome>> results = new ArrayList<>();
        // When the batch trains under each compaction rule (never, 3/4, any finished), interleaved
        for (int round = 0; round < ROUNDS; round++) {
            for (double rule : rules) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                List<MlpTrainer.Outcome> out = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS, rule);
                System.out.printf(Locale.ROOT, "COMPACT round=%d rule=%.2f cpu=%.2f wall=%.2f widths=%s%n", round,
                        rule, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9,
                        MlpBatch.widths(jobs, rule));
                results.add(out);
            }
        }
        // Then (the times are printed) every rule gives the same weights, bit for bit
        for (List<MlpTrainer.Outcome> out : results) {
            for (int i = 0; i < jobs.size(); i++) {
                assertArrayEquals(MlpBatch.flatten(results.get(0).get(i).model()),
                        MlpBatch.flatten(out.get(i).model()), 0f, "net " + i);
            }
        }
    }

    /** Fit {@code i} of the bench: {@code net} on 10 to 40 rows of 7 inputs. */
    private static MlpBatch.Job fit(int i, MlpOptions net) {
        int rows = 10 + (i * 7) % 31;
        double[][] x = NnFixtures.uniform(rows, 7, 500 + i);
        double[][] y = new double[rows][1];
        for (int r = 0; r < rows; r++) {
            y[r][0] = Math.sin(3 * x[r][0]) + x[r][1] * x[r][2];
        }
        return MlpBatch.Job.fit(x, y, net, 900L + i);
    }

    /** Process CPU and wall seconds of training all jobs in batches of {@code cap} on {@code parallel} threads. */
    private static double[] time(List<MlpBatch.Job> jobs, int cap, int parallel) throws Exception {
        List<List<MlpBatch.Job>> batches = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += cap) {
            batches.add(jobs.subList(from, Math.min(jobs.size(), from + cap)));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<MlpBatch.Job> b : batches) {
                futures.add(pool.submit(() -> MlpBatch.outcomes(b, Progress.NONE, cap)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new double[] {(os.getProcessCpuTime() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9};
    }
}
