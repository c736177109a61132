package io.transfab.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.evaluate.Metrics;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpRegressor;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FineTunerTest {
    private static final Schema SCHEMA = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", ""),
            Column.numeric("c", "")), List.of(Column.numeric("y", "")));
    private static TrainedModel base;

    /** Source physics; the target shares its shape with another level, gain and a weaker third effect. */
    private static double source(double[] x) {
        return Math.sin(2 * x[0]) + x[1] * x[1] + 0.5 * x[2];
    }

    private static double target(double[] x) {
        return 1.3 * (Math.sin(2 * x[0]) + x[1] * x[1]) + 0.2 * x[2] + 4.0;
    }

    private static Dataset draw(int n, long seed, boolean isTarget) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextDouble(-1.5, 1.5);
            }
            y[i][0] = isTarget ? target(x[i]) : source(x[i]);
        }
        return Dataset.of(SCHEMA, x, y, isTarget ? "target" : "source");
    }

    @BeforeAll
    static void pretrain() {
        MlpOptions o = new MlpOptions(List.of(32, 32), Activation.TANH,
                new TrainingOptions(3e-3, 150, 64, 1e-4, 0.0, 0.15, 20));
        base = Training.fit(draw(600, 1, false), MlpTrainer.trainer(o), 2, 7, java.util.Map.of(), (t, d, n) -> { });
    }

    private static double r2(TrainedModel m, Dataset test) {
        double[][] y = test.y();
        double[] measured = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            measured[i] = y[i][0];
        }
        return Metrics.of(measured, m.predictEncoded(test.x()).meanOf(0)).r2();
    }

    @Test
    void transferBeatsScratchOnARelatedTaskWithFewRows() {
        // Given 12 target rows of a related task and a large test set
        Dataset train = draw(12, 2, true);
        Dataset test = draw(400, 3, true);
        FineTuneOptions o = FineTuneOptions.defaults();
        // When fine-tuning with l2sp and training the same network from scratch
        TrainedModel tl = FineTuner.fineTune(base, train, o.withStrategy(FineTuneStrategy.L2SP), 5, (t, d, n) -> { })
                .model();
        TrainedModel scratch = Training.fit(train, MlpTrainer.trainer(FineTuner.scratchOptions(
                new MlpOptions(List.of(32, 32), Activation.TANH, TrainingOptions.defaults()), o)), 2, 5,
                java.util.Map.of(), (t, d, n) -> { });
        // Then transfer is clearly better on held-out rows
        double rTl = r2(tl, test);
        double rScratch = r2(scratch, test);
        assertThat(rTl).as("transfer R2 %.3f vs scratch %.3f", rTl, rScratch).isGreaterThan(rScratch + 0.05);
        assertThat(rTl).isGreaterThan(0.8);
    }

    @Test
    void freezeKeepsLowerLayersBitIdenticalInEveryMember() {
        Dataset train = draw(10, 4, true);
        TrainedModel ft = FineTuner.fineTune(base, train, FineTuneOptions.defaults()
                .withStrategy(FineTuneStrategy.FREEZE_LOWER), 3, (t, d, n) -> { }).model();
        List<MlpRegressor> before = FineTuner.networks(base);
        List<MlpRegressor> after = FineTuner.networks(ft);
        assertThat(after).hasSize(before.size());
        for (int k = 0; k < before.size(); k++) {
            assertThat(after.get(k).weights(0)).isDeepEqualTo(before.get(k).weights(0));
            assertThat(after.get(k).bias(0)).isEqualTo(before.get(k).bias(0));
            assertThat(java.util.Arrays.deepEquals(after.get(k).weights(2), before.get(k).weights(2))).isFalse();
        }
        assertThat(ft.method()).isEqualTo("finetune:freeze");
        assertThat(ft.provenance().baseDataSha256()).isEqualTo(base.provenance().dataSha256());
    }

    @Test
    void autoReportsEveryCandidateAndPicksTheLowestScore() {
        Dataset train = draw(15, 6, true);
        FineTuner.Result r = FineTuner.fineTune(base, train, FineTuneOptions.defaults(), 11, (t, d, n) -> { });
        FineTuner.Selection s = r.selection();
        assertThat(s.scores()).extracting(FineTuner.CandidateScore::candidate)
                .containsExactly("full", "freeze", "head", "l2sp", "transfer-gp", "scratch", "gp", "stack");
        double min = s.scores().stream().mapToDouble(FineTuner.CandidateScore::cvRmse).min().orElseThrow();
        double chosen = s.scores().stream().filter(c -> c.candidate().equals(s.chosen())).findFirst().orElseThrow()
                .cvRmse();
        // Then the chosen one is the lowest, or a more preferred one within one standard error of it
        if (chosen > min) {
            assertThat(s.reason()).contains("within one standard error");
        } else {
            assertThat(s.reason()).contains("lowest out-of-fold RMSE");
        }
        assertThat(s.reason()).contains("5-fold CV repeated 2 times");
        assertThat(r.model().details()).containsKey("selection");
    }

    @Test
    void sameSeedGivesTheSameModel() {
        Dataset train = draw(10, 8, true);
        Dataset test = draw(20, 9, true);
        FineTuneOptions o = FineTuneOptions.defaults().withStrategy(FineTuneStrategy.FULL);
        double[][] a = FineTuner.fineTune(base, train, o, 1, (t, d, n) -> { }).model().predictEncoded(test.x()).mean();
        double[][] b = FineTuner.fineTune(base, train, o, 1, (t, d, n) -> { }).model().predictEncoded(test.x()).mean();
        assertThat(a).isDeepEqualTo(b);
    }

    @Test
    void autoNeedsFourRows() {
        Dataset train = draw(3, 10, true);
        assertThrows(DataException.class, () -> FineTuner.fineTune(base, train, FineTuneOptions.defaults(), 1,
                (t, d, n) -> { }));
    }

    @Test
    void restrictingTargetsKeepsTheSelectedOutputsExactly() {
        // Given a base model with two targets (the same network trained on y and 2y + 1)
        Dataset d = draw(200, 12, false);
        double[][] x = d.x();
        double[][] y = d.y();
        double[][] y2 = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            y2[i] = new double[] {y[i][0], 2 * y[i][0] + 1};
        }
        Schema two = new Schema(SCHEMA.features(), List.of(Column.numeric("y", ""), Column.numeric("z", "")));
        TrainedModel both = Training.fit(Dataset.of(two, x, y2, "two"), MlpTrainer.trainer(new MlpOptions(List.of(8),
                Activation.TANH, new TrainingOptions(1e-2, 20, 0, 0, 0, 0, 1))), 2, 3, java.util.Map.of(),
                (t, dn, n) -> { });
        // When restricted to z
        TrainedModel onlyZ = FineTuner.withTargets(both, List.of("z"));
        // Then it predicts exactly the z column of the full model
        double[][] full = both.predictEncoded(x).mean();
        double[][] z = onlyZ.predictEncoded(x).mean();
        for (int i = 0; i < x.length; i++) {
            io.transfab.testing.Approx.assertClose(z[i][0], full[i][1], 1e-12, 1e-12, "z");
        }
        assertThat(onlyZ.schema().targetNames()).containsExactly("z");
        assertThrows(DataException.class, () -> FineTuner.withTargets(both, List.of("w")));
    }

    @Test
    void transferGpCanBeRequestedByName() {
        // Given the CLI name of the transfer GP
        FineTuneStrategy s = FineTuneStrategy.fromCliName("transfer-gp");
        // When fine-tuning with it on 12 target rows
        FineTuner.Result r = FineTuner.fineTune(base, draw(12, 2, true), FineTuneOptions.defaults().withStrategy(s), 5,
                (t, d, n) -> { });
        // Then the model is the transfer GP (no auto selection behind it) and predicts held-out rows well
        assertThat(r.selection()).isNull();
        assertThat(r.model().method()).isEqualTo(GpTransfer.METHOD);
        assertThat(r.model().details().get("chosen")).isEqualTo(GpTransfer.METHOD);
        assertThat(r2(r.model(), draw(200, 3, true))).isGreaterThan(0.8);
    }
    @Test
    void aStackOfGpAndTransferGpIsSavedLoadedAndCalibrated(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // Given auto's inner CV on 14 target rows, restricted to the two GPs and their stack
        Dataset train = draw(14, 21, true);
        FineTuneOptions o = FineTuneOptions.defaults();
        FineTuner.LevelOne one = FineTuner.levelOne(base, FineTuner.networks(base), train.x(), train.y(), null, o,
                3, (t, d, n) -> { });
        FineTuner.Inner inner = FineTuner.choose(one, java.util.EnumSet.of(FineTuner.Candidate.GP,
                FineTuner.Candidate.TRANSFER_GP), one.repeats(), true);
        // When the stack is fitted on every row, saved and loaded
        FineTuner.Result r = FineTuner.fineTune(base, train, null, o, inner, 5, (t, d, n) -> { });
        assertThat(r.selection().chosen()).isEqualTo("stack");
        assertThat(r.selection().stackWeights()).isNotEmpty().allSatisfy((c, w) -> assertThat(w.get(0))
                .isGreaterThan(0.0));
        r.model().save(dir.resolve("m"));
        TrainedModel back = TrainedModel.load(dir.resolve("m"));
        // Then it is a stack model with a conformal calibration, and it predicts exactly what it did
        Dataset test = draw(30, 22, true);
        assertThat(back.method()).isEqualTo("stack");
        assertThat(back.regressor()).isInstanceOf(io.transfab.model.StackedRegressor.class);
        assertThat(back.calibration()).isNotNull();
        assertThat(back.calibration().source()).contains("stack's weights");
        io.transfab.testing.Approx.assertClose(back.predictEncoded(test.x()).mean(),
                r.model().predictEncoded(test.x()).mean(), 0, 1e-9, "mean");
        io.transfab.testing.Approx.assertClose(back.predictEncoded(test.x()).std(),
                r.model().predictEncoded(test.x()).std(), 0, 1e-9, "std");
        assertThat(r2(back, test)).isGreaterThan(0.5);
    }

    @Test
    void repeatZeroOfTheRepeatedCvIsTheSingleCvOfBefore() {
        // Given the inner CV with two repeats and the one of auto before (one CV)
        Dataset train = draw(12, 23, true);
        FineTuner.LevelOne two = FineTuner.levelOne(base, FineTuner.networks(base), train.x(), train.y(), null,
                FineTuneOptions.defaults(), 4, (t, d, n) -> { });
        FineTuner.LevelOne single = FineTuner.levelOne(base, FineTuner.networks(base), train.x(), train.y(), null,
                FineTuneOptions.defaults().withAuto(AutoOptions.defaults().withRepeats(1)), 4, (t, d, n) -> { });
        // Then the first repeat's errors are those of the single CV, and the second repeat differs
        assertThat(two.repeats()).isEqualTo(2);
        assertThat(single.repeats()).isEqualTo(1);
        io.transfab.testing.Approx.assertClose(two.loss()[0], single.loss()[0], 1e-9, 1e-12, "repeat 0");
        assertThat(two.loss()[1][0]).isNotEqualTo(two.loss()[0][0]);
    }

    @Test
    void theIsotropicGpAndTheGentleFineTuneAreCandidatesWhenOn() {
        // Given auto with the gp-iso and full-gentle candidates on
        Dataset train = draw(12, 31, true);
        FineTuneOptions o = FineTuneOptions.defaults().withAuto(AutoOptions.defaults().withIsotropicCandidate(true)
                .withGentleCandidate(true));
        // When it selects
        FineTuner.Selection s = FineTuner.fineTune(base, train, o, 5, (t, d, n) -> { }).selection();
        // Then both are scored beside the others, after the candidates of before
        assertThat(s.scores()).extracting(FineTuner.CandidateScore::candidate)
                .containsSubsequence("full", "l2sp", "gp", "gp-iso", "full-gentle");
        assertThat(s.scores()).allSatisfy(c -> assertThat(c.cvRmse()).isFinite());
    }

    @Test
    void theRankGpIsACandidateWhenOnAndTheTargetIsFloored() {
        // Given 12 target rows whose lowest 4 are floored at the 4th smallest value (a threshold response)
        Dataset raw = draw(12, 32, true);
        double[][] y = raw.y();
        double floor = java.util.Arrays.stream(y).mapToDouble(r -> r[0]).sorted().toArray()[3];
        for (double[] row : y) {
            row[0] = Math.max(floor, row[0]);
        }
        Dataset floored = Dataset.of(SCHEMA, raw.x(), y, "target");
        FineTuneOptions o = FineTuneOptions.defaults().withAuto(AutoOptions.defaults().withRankTarget(true));
        // When auto selects on the floored rows and on the unfloored ones
        FineTuner.Selection s = FineTuner.fineTune(base, floored, o, 5, (t, d, n) -> { }).selection();
        FineTuner.Selection plain = FineTuner.fineTune(base, raw, o, 5, (t, d, n) -> { }).selection();
        // Then gp-rank is scored (after gp) with a finite out-of-fold error only where the rows are floored
        assertThat(s.scores()).extracting(FineTuner.CandidateScore::candidate).containsSubsequence("gp", "gp-rank");
        assertThat(s.scores()).allSatisfy(c -> assertThat(c.cvRmse()).isFinite());
        assertThat(plain.scores()).extracting(FineTuner.CandidateScore::candidate).doesNotContain("gp-rank");
    }

    @Test
    void theGentleScheduleIsThePlainPeersOne() {
        // Given the defaults (lr 3e-3, 300 epochs): full-gentle trains every layer at lr 3e-3 / 3 = 1e-3 for
        // 300 full-batch epochs with weight decay 1e-3 and no pull toward the pre-trained weights (issue 13's
        // plain fine-tune: Adam, lr 1e-3, weight decay 1e-3, 300 steps)
        MlpRegressor net = FineTuner.networks(base).get(0);
        var spec = FineTuner.spec(FineTuner.Candidate.FULL_GENTLE, net, FineTuneOptions.defaults());
        assertThat(spec.frozenHiddenLayers()).isZero();
        assertThat(spec.reinitializeHead()).isFalse();
        assertThat(spec.anchorPenalty()).isZero();
        io.transfab.testing.Approx.assertClose(spec.training().learningRate(), 1e-3, 1e-12, 0, "lr");
        io.transfab.testing.Approx.assertClose(spec.training().weightDecay(), 1e-3, 0, 0, "weight decay");
        assertThat(spec.training().maxEpochs()).isEqualTo(300);
        assertThat(spec.training().batchSize()).isZero();
    }
}
