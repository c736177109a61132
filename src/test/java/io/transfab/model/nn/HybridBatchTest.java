package io.transfab.model.nn;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.transfab.data.CsvReader;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batched hybrid trainer: a member's result does not depend on its ensemble; gradients. */
class HybridBatchTest {
    private static final HybridOptions SMALL = new HybridOptions(List.of(4, 6), 6, 8, 8,
            new TrainingOptions(3e-3, 6, 16, 1e-3, 0.1, 0.25, 2));

    @TempDir
    static Path dir;
    static MediaDataset train;
    static MediaDataset target;
    static Table probe;

    @BeforeAll
    static void data() {
        // 16x16 images and series profiles: 80 source rows, 20 target rows of a shifted relation, 30 probe rows
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 80, 16, 5));
        Schema schema = Schema.infer(source, List.of("x1", "x2", "image", "profile"), List.of("y"), List.of());
        train = MediaDataset.of(source, schema);
        target = MediaDataset.of(CsvReader.read(HybridFixtures.imageTable(dir.resolve("t"), 20, 16, 8, 1.0)), schema);
        probe = CsvReader.read(HybridFixtures.imageTable(dir.resolve("p"), 30, 16, 9));
    }

    @Test
    void aFittedMemberIsTheSameAloneAndInsideAnEnsembleOfThree() {
        // Given a fit with dropout, weight decay, mini-batches and early stopping
        // When an ensemble of 3 is trained as one batch, and member 2's seed is trained alone
        HybridModel ensemble = HybridTrainer.fit(train, SMALL, 3, 21, Progress.NONE);
        HybridModel alone = HybridTrainer.fit(train, SMALL, 1, Seeds.derive(21, 2), Progress.NONE);
        // Then member 2 predicts what the lone network predicts, to float rounding
        assertClose(memberMeans(ensemble, 2), memberMeans(alone, 0), 1e-5, 1e-6, "fit");
    }

    @Test
    void aFineTunedMemberIsTheSameAloneAndInsideAnEnsembleOfThree() {
        // Given a 3-member base and an L2-SP fine-tune with dropout and early stopping
        HybridModel base = HybridTrainer.fit(train, SMALL.withTraining(SMALL.training().withMaxEpochs(2)), 3, 4,
                Progress.NONE);
        HybridFineTune spec = HybridFineTune.of("l2sp", 1, 0.5,
                new TrainingOptions(1e-2, 15, 8, 1e-2, 0.1, 0.25, 3));
        HybridModel first = member(base, 0);
        // When all three members are fine-tuned in one batch, and member 0 alone (the same derived seed)
        HybridModel batched = HybridTrainer.fineTune(base, target, spec, 8, Progress.NONE);
        HybridModel single = HybridTrainer.fineTune(first, target, spec, 8, Progress.NONE);
        // Then member 0 predicts the same, to float rounding, and it moved away from the base
        assertClose(memberMeans(batched, 0), memberMeans(single, 0), 1e-5, 1e-6, "fine-tune");
        assertThat(batched.members().get(0).parameters().get("head.out.weight"))
                .isNotEqualTo(base.members().get(0).parameters().get("head.out.weight"));
    }

    @Test
    void gradientsOfTheBatchedObjectiveMatchFiniteDifferences() {
        // Given a tiny network with all three branches, two members with their own parameters and
        // inputs, and an L2-SP anchor on some parameters
        HybridArchitecture arch = new HybridArchitecture(1, 4, 4, 2, 3, 2, 2, List.of(2), 3, 3, 4);
        SplittableRandom rng = new SplittableRandom(5);
        List<Map<String, float[]>> params = new ArrayList<>();
        List<Map<String, float[]>> anchors = new ArrayList<>();
        List<HybridInputs> inputs = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            params.add(HybridTrainer.initialise(arch, arch.parameterShapes().keySet(), Map.of(), rng));
            anchors.add(HybridTrainer.initialise(arch, arch.parameterShapes().keySet(), Map.of(), rng));
            inputs.add(new HybridInputs(5, HybridNetworkTest.random(5 * 16, rng),
                    HybridNetworkTest.random(5 * 3 * 2, rng), HybridNetworkTest.random(5 * 2, rng),
                    HybridNetworkTest.random(5 * 2, rng)));
        }
        Set<String> anchored = Set.of("series.gru.weight_hh", "head.hidden.weight", "image.conv0.bias");
        double alpha = 0.3;
        // When the batched program differentiates sum_m [loss_m + alpha ||theta_m - anchor_m||^2]
        float[][] grad = HybridBatch.objectiveGradients(arch, params, inputs, anchors, anchored, alpha);
        // Then every partial derivative matches a central difference of the objective computed by the
        // single-network forward pass (libtorch's GRU and convolution), and so do the data losses
        for (int m = 0; m < 2; m++) {
            Map<String, float[]> p = params.get(m);
            assertClose(grad[m][grad[m].length - 1], objective(arch, p, inputs.get(m), anchors.get(m), Set.of(), 0),
                    1e-5, 1e-6, "loss");
            int at = 0;
            for (Map.Entry<String, float[]> e : p.entrySet()) {
                float[] v = e.getValue();
                for (int i = 0; i < v.length; i++) {
                    float keep = v[i];
                    float h = 1e-3f;
                    v[i] = keep + h;
                    double up = objective(arch, p, inputs.get(m), anchors.get(m), anchored, alpha);
                    v[i] = keep - h;
                    double down = objective(arch, p, inputs.get(m), anchors.get(m), anchored, alpha);
                    v[i] = keep;
                    double fd = (up - down) / ((double) (keep + h) - (double) (keep - h));
                    assertClose(grad[m][at + i], fd, 2e-2, 2e-3, e.getKey() + "[" + i + "] of member " + m);
                }
                at += v.length;
            }
        }
    }

    private static HybridModel member(HybridModel model, int k) {
        return new HybridModel(model.schema(), model.scaling(), List.of(model.members().get(k)), model.method(),
                Map.of(), model.provenance());
    }

    /** Member k's predictions of the probe rows, in the targets' units. */
    private static double[][] memberMeans(HybridModel model, int k) {
        return member(model, k).predict(probe).mean();
    }

    /** The mean squared error of one network on {@code in} plus the L2-SP term, in double from the float outputs. */
    private static double objective(HybridArchitecture arch, Map<String, float[]> p, HybridInputs in,
            Map<String, float[]> anchor, Set<String> anchored, double alpha) {
        float[][] out;
        try (NDManager m = Torch.newManager()) {
            HybridNetwork net = new HybridNetwork(m, arch, p, Set.of());
            out = Torch.toMatrix(net.forward(m, in.images(m, arch), in.series(m, arch), in.tabular(m, arch), 0.0,
                    null));
        }
        double sum = 0;
        for (int r = 0; r < out.length; r++) {
            for (int t = 0; t < out[r].length; t++) {
                double d = out[r][t] - (double) in.targets()[r * arch.targets() + t];
                sum += d * d;
            }
        }
        double total = sum / (out.length * arch.targets());
        for (String name : anchored) {
            float[] v = p.get(name);
            float[] a = anchor.get(name);
            for (int i = 0; i < v.length; i++) {
                double d = (double) v[i] - a[i];
                total += alpha * d * d;
            }
        }
        return total;
    }
}
