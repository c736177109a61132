package io.transfab.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.Ensemble;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Progress;
import io.transfab.model.Regressor;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.UnseenDomainRule;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.AdaptedMlp;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpRegressor;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.testing.Approx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** finetune --strategy adapter: per-lab adapters on a frozen pre-trained network. */
class AdapterFineTuneTest {
    private static final Schema SCHEMA = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", "")),
            List.of(Column.numeric("y", "")));
    private static TrainedModel base;

    /** Labs read input a with an offset and output y with a gain: lab A exact, B +0.8 / x1.3, C -0.5 / x0.8. */
    static Dataset labs(int perLab, long seed, String[] labels, boolean source) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = source ? perLab : 3 * perLab;
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            int lab = source ? 0 : i % 3;
            if (labels != null) {
                labels[i] = "ABC".substring(lab, lab + 1);
            }
            double a = rng.nextDouble(-1.5, 1.5);
            double b = rng.nextDouble(-1.5, 1.5);
            double truth = Math.sin(2 * a) + b * b;
            x[i][0] = a + new double[] {0, 0.8, -0.5}[lab];
            x[i][1] = b;
            y[i][0] = new double[] {1.0, 1.3, 0.8}[lab] * truth + (source ? 0 : 0.5);
        }
        return Dataset.of(SCHEMA, x, y, source ? "source" : "target");
    }

    @BeforeAll
    static void pretrain() {
        MlpOptions o = new MlpOptions(List.of(16, 16), Activation.TANH,
                new TrainingOptions(3e-3, 80, 64, 1e-4, 0.0, 0.0, 1));
        base = Training.fit(labs(400, 1, null, true), MlpTrainer.trainer(o), 2, 7, Map.of(), Progress.NONE);
    }

    private static FineTuneOptions adapter() {
        return new FineTuneOptions(FineTuneStrategy.ADAPTER, InputNormalization.TARGET, 1, 1e-2, 3e-3, 60, 0, 5,
                NormalizationScheme.PER_DOMAIN, "lab");
    }

    @Test
    void adapterFineTuneLeavesTheSharedWeightsBitIdentical() {
        // Given a pre-trained two-member ensemble and target rows of three labs
        String[] labels = new String[45];
        Dataset target = labs(15, 2, labels, false);
        List<MlpRegressor> before = FineTuner.networks(base);
        // When only the adapters are trained
        TrainedModel tuned = FineTuner.fineTune(base, target, labels, adapter(), 3, Progress.NONE).model();
        // Then every shared weight and bias is exactly what it was, and the adapters moved off the identity
        List<Regressor> members = ((Ensemble) tuned.regressor()).members();
        assertThat(members).hasSize(2);
        for (int m = 0; m < 2; m++) {
            AdaptedMlp a = (AdaptedMlp) members.get(m);
            for (int l = 0; l <= before.get(m).hiddenLayerCount(); l++) {
                float[][] w0 = before.get(m).weights(l);
                float[][] w1 = a.base().weights(l);
                for (int o = 0; o < w0.length; o++) {
                    assertThat(w1[o]).as("member %d layer %d row %d", m, l, o).isEqualTo(w0[o]);
                }
                assertThat(a.base().bias(l)).isEqualTo(before.get(m).bias(l));
            }
            assertThat(a.domains()).containsExactly("A", "B", "C");
            assertThat(a.adapter("B").shift()[0]).isNotEqualTo(new double[2]);
        }
        assertThat(tuned.method()).isEqualTo("finetune:adapter");
        assertThat(tuned.domainColumn()).isEqualTo("lab");
    }

    @Test
    void adaptersRoundTripThroughSaveAndLoad(@TempDir Path dir) throws Exception {
        // Given an adapter model
        String[] labels = new String[30];
        Dataset target = labs(10, 4, labels, false);
        TrainedModel tuned = FineTuner.fineTune(base, target, labels, adapter(), 5, Progress.NONE).model();
        // When it is saved and loaded
        tuned.save(dir.resolve("m"));
        TrainedModel loaded = TrainedModel.load(dir.resolve("m"));
        // Then every lab, and an unseen one, predicts exactly the same
        String[] withNew = labels.clone();
        withNew[0] = "Z";
        for (String[] l : List.of(labels, withNew)) {
            Approx.assertClose(loaded.predictEncoded(target.x(), l, UnseenDomainRule.POOLED).prediction().mean(),
                    tuned.predictEncoded(target.x(), l, UnseenDomainRule.POOLED).prediction().mean(), 0, 0, "means");
        }
        TrainedModel.DomainPrediction p = loaded.predictEncoded(target.x(), withNew, UnseenDomainRule.POOLED);
        assertThat(p.unseen()[0]).isTrue();
        assertThat(p.unseen()[1]).isFalse();
        assertThat(p.notes()).singleElement().asString().contains("'Z'").contains("mean of the trained adapters");
    }

    @Test
    void adapterFitsLabCalibrationBetterThanTheFrozenNetworkAlone() {
        // Given target rows of three labs with different output gains
        String[] labels = new String[60];
        Dataset target = labs(20, 6, labels, false);
        // When adapters are trained, and when they are 0 epochs from the identity (head-less baseline)
        FineTuneOptions o = adapter();
        TrainedModel tuned = FineTuner.fineTune(base, target, labels, o, 1, Progress.NONE).model();
        FineTuneOptions none = new FineTuneOptions(FineTuneStrategy.ADAPTER, InputNormalization.TARGET, 1, 1e-2,
                1e-9, 1, 0, 5, NormalizationScheme.PER_DOMAIN, "lab");
        TrainedModel identity = FineTuner.fineTune(base, target, labels, none, 1, Progress.NONE).model();
        // Then the trained adapters fit the labs' rows better
        assertThat(mse(tuned, target, labels)).isLessThan(0.8 * mse(identity, target, labels));
    }

    @Test
    void autoConsidersTheAdapterOnlyWithADomainColumn() {
        // Given target rows of three labs
        String[] labels = new String[24];
        Dataset target = labs(8, 8, labels, false);
        FineTuneOptions fast = new FineTuneOptions(FineTuneStrategy.AUTO, InputNormalization.TARGET, 1, 1e-2, 3e-3,
                20, 1, 3);
        // When auto runs with and without the labels
        FineTuner.Result with = FineTuner.fineTune(base, target, labels, fast.withDomain(NormalizationScheme.STANDARD,
                "lab"), 9, Progress.NONE);
        FineTuner.Result without = FineTuner.fineTune(base, target, fast, 9, Progress.NONE);
        // Then only the first compared the adapter
        assertThat(with.selection().scores()).extracting(FineTuner.CandidateScore::candidate).contains("adapter");
        assertThat(without.selection().scores()).extracting(FineTuner.CandidateScore::candidate)
                .doesNotContain("adapter");
    }

    @Test
    void adapterWithoutADomainColumnIsRefused() {
        assertThrows(DataException.class, () -> new FineTuneOptions(FineTuneStrategy.ADAPTER,
                InputNormalization.TARGET, 1, 1e-2, 3e-3, 60, 0, 5));
    }

    private static double mse(TrainedModel m, Dataset d, String[] labels) {
        double[][] p = m.predictEncoded(d.x(), labels, UnseenDomainRule.POOLED).prediction().mean();
        double[][] y = d.y();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i][0] - y[i][0]) * (p[i][0] - y[i][0]);
        }
        return s / y.length;
    }
}
