package io.transfab.model.nn;

import io.transfab.model.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched trainer: a network's result does not depend on its batch; gradients; determinism. */
class MlpBatchTest {
    private static final MlpOptions NET = new MlpOptions(List.of(8, 6), Activation.SILU,
            new TrainingOptions(5e-3, 40, 16, 1e-3, 0.1, 0.2, 5));
    private static MlpRegressor base;

    @BeforeAll
    static void pretrain() {
        double[][] x = NnFixtures.uniform(200, 3, 31);
        base = MlpTrainer.fit(x, NnFixtures.twoTargets(x, 0.0), NET.withTraining(NET.training().withDropout(0.0)),
                2L, Progress.NONE);
    }

    @Test
    void aFittedNetworkIsTheSameAloneAndInsideABatchOfEight() {
        // Given a network to fit (dropout, early stopping, mini-batches) and seven others with other
        // row counts, seeds, options and losses
        double[][] x = NnFixtures.uniform(60, 3, 1);
        double[][] y = NnFixtures.twoTargets(x, 0.2);
        MlpBatch.Job alone = MlpBatch.Job.fit(x, y, NET, 7L);
        List<MlpBatch.Job> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            double[][] xi = NnFixtures.uniform(15 + 17 * i, 3, 100 + i);
            TrainingOptions t = NET.training().withBatchSize(8 + 4 * i).withMaxEpochs(20 + 5 * i)
                    .withLoss(i % 2 == 0 ? Loss.HUBER : Loss.SQUARED);
            batch.add(MlpBatch.Job.fit(xi, NnFixtures.twoTargets(xi, 0.1 * i), NET.withTraining(t), 50L + i));
        }
        batch.add(3, alone);

        // When it is trained alone and inside the batch
        MlpRegressor single = MlpBatch.train(List.of(alone), Progress.NONE).get(0);
        MlpRegressor batched = MlpBatch.train(batch, Progress.NONE).get(3);

        // Then its predictions agree to float rounding
        double[][] probe = NnFixtures.uniform(50, 3, 9);
        assertClose(batched.predict(probe).mean(), single.predict(probe).mean(), 1e-5, 1e-6, "fit");
    }

    @Test
    void aFineTunedNetworkIsTheSameAloneAndInsideABatchOfEight() {
        // Given a fine-tune with one frozen layer, L2-SP, dropout and weight decay, and seven other
        // fine-tunes and fits of the same architecture with other row counts and strategies
        double[][] x = NnFixtures.uniform(20, 3, 2);
        double[][] y = NnFixtures.twoTargets(x, 0.7);
        TrainingOptions tune = new TrainingOptions(1e-2, 60, 0, 1e-2, 0.1, 0.0, 1);
        MlpBatch.Job alone = MlpBatch.Job.fineTune(base, x, y, new FineTuneSpec(1, false, 0.3, tune), 5L);
        List<MlpBatch.Job> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            double[][] xi = NnFixtures.uniform(8 + 5 * i, 3, 200 + i);
            double[][] yi = NnFixtures.twoTargets(xi, 0.5);
            FineTuneSpec spec = switch (i % 4) {
                case 0 -> FineTuneSpec.full(tune.withMaxEpochs(30));
                case 1 -> FineTuneSpec.head(base, tune.withLearningRate(3e-2).withLoss(Loss.HUBER));
                case 2 -> FineTuneSpec.anchored(1.0, tune.withEarlyStopping(0.25, 3).withMaxEpochs(80));
                default -> new FineTuneSpec(2, false, 0.0, tune.withDropout(0.0));
            };
            batch.add(i == 6 ? MlpBatch.Job.fit(xi, yi, NET, 9L) : MlpBatch.Job.fineTune(base, xi, yi, spec, 60L + i));
        }
        batch.add(0, alone);

        // When it is trained alone and inside the batch
        MlpRegressor single = MlpTrainer.fineTune(base, x, y, new FineTuneSpec(1, false, 0.3, tune), 5L,
                Progress.NONE);
        List<MlpRegressor> all = MlpBatch.train(batch, Progress.NONE);

        // Then its predictions agree to float rounding and its frozen layer is the base's, bit for bit
        double[][] probe = NnFixtures.uniform(50, 3, 9);
        assertClose(all.get(0).predict(probe).mean(), single.predict(probe).mean(), 1e-5, 1e-6, "fine-tune");
        assertTrue(NnFixtures.sameLayer(base, all.get(0), 0));
        assertTrue(NnFixtures.sameLayer(base, all.get(4), 0) && NnFixtures.sameLayer(base, all.get(4), 1),
                "two frozen layers");
    }

    @Test
    void batchedGradientsOfLossAndL2spMatchCentralDifferences() {
        // Given three networks of different row counts in one batch: an anchored fine-tune on the
        // squared error, a fit on the Huber loss, and an anchored fine-tune with a frozen layer on
        // the Huber loss, each evaluated away from its anchor
        TrainingOptions squared = new TrainingOptions(1e-3, 1, 0, 0.0, 0.0, 0.0, 1);
        TrainingOptions huber = squared.withLoss(Loss.HUBER);
        MlpRegressor anchor = NnFixtures.randomNetwork(Activation.TANH, 3L, 2, 5, 4, 2);
        double[][][] xs = new double[3][][];
        double[][][] ys = new double[3][][];
        int[] rows = {7, 12, 4};
        for (int n = 0; n < 3; n++) {
            xs[n] = NnFixtures.uniform(rows[n], 2, 40 + n);
            ys[n] = NnFixtures.uniform(rows[n], 2, 60 + n);
            for (double[] row : ys[n]) {
                row[0] *= 1.5; // residuals on both sides of Huber's threshold
            }
            for (double[][] m : new double[][][] {xs[n], ys[n]}) {
                for (double[] row : m) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = (float) row[c];
                    }
                }
            }
        }
        double[] alpha = {0.7, 0.0, 0.4};
        Loss[] loss = {Loss.SQUARED, Loss.HUBER, Loss.HUBER};
        int[] frozen = {0, 0, 1};
        List<MlpBatch.Job> jobs = List.of(
                MlpBatch.Job.fineTune(anchor, xs[0], ys[0], FineTuneSpec.anchored(alpha[0], squared), 1L),
                MlpBatch.Job.fit(xs[1], ys[1], new MlpOptions(List.of(5, 4), Activation.TANH, huber), 2L),
                MlpBatch.Job.fineTune(anchor, xs[2], ys[2], new FineTuneSpec(1, false, alpha[2], huber), 3L));
        List<float[]> theta = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            theta.add(MlpBatch.flatten(NnFixtures.randomNetwork(Activation.TANH, 10L + n, 2, 5, 4, 2)));
        }
        float[] anchorTheta = MlpBatch.flatten(anchor);

        // When the batched autograd gradient is compared with central differences of the
        // double-precision objective of each network
        float[][] grads = MlpBatch.objectiveGradients(jobs, theta);

        // Then every partial derivative and each network's loss agree
        int size = anchorTheta.length;
        for (int n = 0; n < 3; n++) {
            float[] t = theta.get(n);
            boolean[] anchoredElement = anchoredElements(size, alpha[n] > 0, frozen[n]);
            assertClose(grads[n][size], dataLoss(t, xs[n], ys[n], loss[n]), 1e-5, 1e-6, "loss " + n);
            for (int i = 0; i < size; i++) {
                float keep = t[i];
                float up = (float) (keep + 1e-3);
                float down = (float) (keep - 1e-3);
                t[i] = up;
                double fUp = objective(t, xs[n], ys[n], loss[n], alpha[n], anchorTheta, anchoredElement);
                t[i] = down;
                double fDown = objective(t, xs[n], ys[n], loss[n], alpha[n], anchorTheta, anchoredElement);
                t[i] = keep;
                assertClose(grads[n][i], (fUp - fDown) / ((double) up - down), 2e-3, 2e-4,
                        "network " + n + " d/dtheta[" + i + "]");
            }
        }
    }

    @Test
    void finishedNetworksAreCompactedAwayAndEveryNetworkIsTheSameAsAlone() {
        // Given eight fits of one architecture that finish far apart (4 to 90 epochs, early stopping)
        List<MlpBatch.Job> jobs = finishingApart(NET);

        // When they are trained in one batch that compacts as soon as one finishes, at the default
        // rule, and never
        List<Integer> widths = MlpBatch.widths(jobs, 1.0);
        List<MlpTrainer.Outcome> eager = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS, 1.0);
        List<MlpTrainer.Outcome> usual = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS);
        List<MlpTrainer.Outcome> never = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS, 0.0);

        // Then the batch narrowed from 8 in several steps down to 2 (the last network keeps a finished
        // one beside it), and every network is the one trained alone (to float rounding), with the
        // same best epoch, whichever the rule
        assertEquals(8, widths.get(0));
        assertEquals(MlpBatch.MIN_WIDTH, widths.get(widths.size() - 1), "widths " + widths);
        assertTrue(widths.size() >= 3, "widths " + widths);
        for (int w = 1; w < widths.size(); w++) {
            assertTrue(widths.get(w) < widths.get(w - 1), "widths " + widths);
        }
        double[][] probe = NnFixtures.uniform(40, 3, 9);
        for (int i = 0; i < jobs.size(); i++) {
            MlpTrainer.Outcome alone = MlpBatch.outcomes(List.of(jobs.get(i)), Progress.NONE, 1).get(0);
            for (List<MlpTrainer.Outcome> rule : List.of(eager, usual, never)) {
                assertEquals(alone.bestEpoch(), rule.get(i).bestEpoch(), "net " + i);
                assertClose(rule.get(i).model().predict(probe).mean(), alone.model().predict(probe).mean(), 1e-5,
                        1e-6, "net " + i);
            }
        }
    }

    @Test
    void compactionChangesNotABitWhenTheHiddenLayersAreMultiplesOf32Wide() {
        // Given the eight fits that finish far apart, on two hidden layers of 32 units
        List<MlpBatch.Job> jobs = finishingApart(new MlpOptions(List.of(32, 32), Activation.SILU, NET.training()));

        // When they are trained in one batch that compacts as soon as one finishes, and in one that never does
        List<MlpTrainer.Outcome> eager = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS, 1.0);
        List<MlpTrainer.Outcome> never = MlpBatch.outcomes(jobs, Progress.NONE, MlpBatch.MAX_NETWORKS, 0.0);

        // Then every weight and every loss of the curves is bit-identical (libtorch computes each
        // network's matrix products alone, no elementwise pass has a scalar tail at such widths, and
        // no batch narrows to one network)
        for (int i = 0; i < jobs.size(); i++) {
            assertArrayEquals(MlpBatch.flatten(never.get(i).model()), MlpBatch.flatten(eager.get(i).model()), 0f,
                    "net " + i);
            assertArrayEquals(never.get(i).trainLoss(), eager.get(i).trainLoss(), 0.0, "net " + i);
            assertArrayEquals(never.get(i).validationLoss(), eager.get(i).validationLoss(), 0.0, "net " + i);
        }
    }

    /**
     * Eight fits of {@code net}'s architecture that finish far apart: 4 to 90 epochs, early stopping
     * with a patience of 1 to 8 on most, full and mini-batch, dropout on some, both losses.
     */
    private static List<MlpBatch.Job> finishingApart(MlpOptions net) {
        List<MlpBatch.Job> jobs = new ArrayList<>();
        int[] epochs = {90, 4, 60, 12, 90, 30, 7, 45};
        for (int i = 0; i < epochs.length; i++) {
            double[][] x = NnFixtures.uniform(12 + 9 * i, 3, 600 + i);
            TrainingOptions t = net.training().withMaxEpochs(epochs[i]).withBatchSize(i % 3 == 0 ? 0 : 16)
                    .withDropout(i % 2 == 0 ? 0.1 : 0.0).withLoss(i % 4 == 1 ? Loss.HUBER : Loss.SQUARED)
                    .withEarlyStopping(i % 3 == 2 ? 0.0 : 0.25, 1 + i);
            jobs.add(MlpBatch.Job.fit(x, NnFixtures.twoTargets(x, 0.1 * i), net.withTraining(t), 610L + i));
        }
        return jobs;
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        // Given a batch of three fits and a fine-tune
        List<MlpBatch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[][] x = NnFixtures.uniform(30 + 10 * i, 3, 70 + i);
            jobs.add(MlpBatch.Job.fit(x, NnFixtures.twoTargets(x, 0.0), NET, 80L + i));
        }
        double[][] x = NnFixtures.uniform(12, 3, 75);
        jobs.add(MlpBatch.Job.fineTune(base, x, NnFixtures.twoTargets(x, 0.4),
                FineTuneSpec.anchored(0.1, TrainingOptions.fineTuneDefaults().withMaxEpochs(30)), 81L));

        // When it is trained twice
        List<MlpRegressor> first = MlpBatch.train(jobs, Progress.NONE);
        List<MlpRegressor> second = MlpBatch.train(jobs, Progress.NONE);

        // Then every weight is bit-identical
        assertEquals(first.size(), second.size());
        for (int n = 0; n < first.size(); n++) {
            assertArrayEquals(MlpBatch.flatten(first.get(n)), MlpBatch.flatten(second.get(n)), 0f, "network " + n);
        }
    }

    /** Which flat elements the L2-SP term covers: every layer from {@code frozen} on (3 layers of 2-5-4-2). */
    private static boolean[] anchoredElements(int size, boolean anchored, int frozen) {
        boolean[] out = new boolean[size];
        int[] sizes = {2, 5, 4, 2};
        int at = 0;
        for (int l = 0; l < 3; l++) {
            int count = sizes[l] * sizes[l + 1] + sizes[l + 1];
            Arrays.fill(out, at, at + count, anchored && l >= frozen);
            at += count;
        }
        return out;
    }

    private static double objective(float[] theta, double[][] x, double[][] y, Loss loss, double alpha,
                                    float[] anchor, boolean[] anchored) {
        double total = dataLoss(theta, x, y, loss);
        for (int i = 0; i < theta.length; i++) {
            if (anchored[i]) {
                total += alpha * Math.pow((double) theta[i] - anchor[i], 2);
            }
        }
        return total;
    }

    /** Mean loss of the network with flat parameters theta (2-5-4-2 tanh), in double precision. */
    private static double dataLoss(float[] theta, double[][] x, double[][] y, Loss loss) {
        int[] sizes = {2, 5, 4, 2};
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            double[] h = x[r];
            int at = 0;
            for (int l = 0; l < 3; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] z = new double[out];
                for (int o = 0; o < out; o++) {
                    double s = theta[at + in * out + o];
                    for (int i = 0; i < in; i++) {
                        s += theta[at + i * out + o] * h[i];
                    }
                    z[o] = l < 2 ? Math.tanh(s) : s;
                }
                at += in * out + out;
                h = z;
            }
            for (int c = 0; c < 2; c++) {
                sum += loss.of(h[c] - y[r][c]);
            }
        }
        return sum / (x.length * 2.0);
    }

    @Test
    void networksOnLargeTablesRunInTwoBatchesSideBySideAndAreTheSameAsAlone() {
        // Given four fits on 300 rows (pre-training sized) and four on 20 rows (assessment sized)
        TrainingOptions quick = NET.training().withMaxEpochs(6).withBatchSize(64);
        List<MlpBatch.Job> large = new ArrayList<>();
        List<MlpBatch.Job> small = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[][] xl = NnFixtures.uniform(MlpBatch.PARALLEL_MIN_ROWS + 44 - 10 * i, 3, 300 + i);
            large.add(MlpBatch.Job.fit(xl, NnFixtures.twoTargets(xl, 0.1), NET.withTraining(quick), 70L + i));
            double[][] xs = NnFixtures.uniform(20, 3, 400 + i);
            small.add(MlpBatch.Job.fit(xs, NnFixtures.twoTargets(xs, 0.1), NET.withTraining(quick), 80L + i));
        }

        // When the batches are planned
        List<MlpBatch.Batch> largePlan = MlpBatch.plan(large, MlpBatch.MAX_NETWORKS);
        List<MlpBatch.Batch> smallPlan = MlpBatch.plan(small, MlpBatch.MAX_NETWORKS);

        // Then the large ones form two side-by-side batches of two, the small ones one batch
        assertEquals(List.of(new MlpBatch.Batch(List.of(0, 1), true), new MlpBatch.Batch(List.of(2, 3), true)),
                largePlan);
        assertEquals(List.of(new MlpBatch.Batch(List.of(0, 1, 2, 3), false)), smallPlan);

        // And each large network trained in its side-by-side batch is the one trained alone, twice the same
        List<MlpRegressor> together = MlpBatch.train(large, Progress.NONE);
        List<MlpRegressor> again = MlpBatch.train(large, Progress.NONE);
        double[][] probe = NnFixtures.uniform(30, 3, 9);
        for (int i = 0; i < 4; i++) {
            MlpRegressor alone = MlpBatch.train(List.of(large.get(i)), Progress.NONE).get(0);
            assertClose(together.get(i).predict(probe).mean(), alone.predict(probe).mean(), 1e-5, 1e-6, "net " + i);
            assertArrayEquals(MlpBatch.flatten(together.get(i)), MlpBatch.flatten(again.get(i)), "net " + i);
        }
    }
}
