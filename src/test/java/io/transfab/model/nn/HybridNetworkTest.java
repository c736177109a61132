package io.transfab.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HybridNetworkTest {
    private static HybridArchitecture arch(int c, int h, int w, int s, int len, int p, List<Integer> conv) {
        return new HybridArchitecture(c, h, w, s, len, p, 2, conv, 12, 10, 8);
    }

    /** n standard-normal floats. */
    static float[] random(long n, SplittableRandom rng) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"1,16,16,1,12,3,'8,16'", "2,64,48,3,30,0,'4,8,6'", "1,8,8,0,0,5,'5'", "0,0,0,2,7,4,'8'"})
    void encodersHaveTheDocumentedWidths(int c, int h, int w, int s, int len, int p, String conv) {
        // Given an architecture for these inputs and a batch of 3 random rows
        List<Integer> channels = java.util.Arrays.stream(conv.split(",")).map(Integer::valueOf).toList();
        HybridArchitecture a = arch(c, h, w, s, len, p, channels);
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, float[]> init = HybridTrainer.initialise(a, a.parameterShapes().keySet(), Map.of(), rng);
        try (NDManager m = Torch.newManager()) {
            HybridNetwork net = new HybridNetwork(m, a, init, Set.of());
            NDArray img = c == 0 ? null : Torch.owned(m, random(3L * c * h * w, rng), new Shape(3, c, h, w));
            NDArray ser = s == 0 ? null : Torch.owned(m, random(3L * len * s, rng), new Shape(3, len, s));
            NDArray tab = p == 0 ? null : Torch.owned(m, random(3L * p, rng), new Shape(3, p));
            // When each encoder and the whole network run
            // Then the image embedding has the last stage's channels, the series one the GRU state size,
            // the fused width is their sum plus the tabular width, and the output is rows x targets
            if (c > 0) {
                assertThat(net.encodeImage(img).getShape()).isEqualTo(new Shape(3, channels.get(channels.size() - 1)));
            }
            if (s > 0) {
                assertThat(net.encodeSeries(m, ser).getShape()).isEqualTo(new Shape(3, 12));
            }
            assertThat(a.fusedWidth()).isEqualTo(a.imageEmbedding() + a.seriesEmbedding() + (p > 0 ? 10 : 0));
            assertThat(net.forward(m, img, ser, tab, 0.0, null).getShape()).isEqualTo(new Shape(3, 2));
        }
    }

    @Test
    void imagesTooSmallForThePoolingStagesAreRefused() {
        // Given 3 pooling stages, when images are 4x4, then the architecture says why it cannot work
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> arch(1, 4, 4, 0, 0, 1, List.of(4, 4, 4)));
        assertThat(e.getMessage()).contains("4x4").contains("8x8");
    }

    @Test
    void sameSeedGivesTheSameInitialisationAndForwardPass() {
        // Given two initialisations from the same seed
        HybridArchitecture a = arch(1, 16, 16, 1, 10, 2, List.of(4, 8));
        Map<String, float[]> one = HybridTrainer.initialise(a, a.parameterShapes().keySet(), Map.of(),
                new SplittableRandom(7));
        Map<String, float[]> two = HybridTrainer.initialise(a, a.parameterShapes().keySet(), Map.of(),
                new SplittableRandom(7));
        SplittableRandom rng = new SplittableRandom(3);
        float[] px = random(2L * 256, rng);
        float[] sx = random(20, rng);
        float[] tx = random(4, rng);
        // When both run the same inputs, with dropout masks from equal seeds
        float[][] first = run(a, one, px, sx, tx);
        float[][] second = run(a, two, px, sx, tx);
        // Then parameters and outputs are identical
        assertThat(one.keySet()).containsExactlyElementsOf(two.keySet());
        one.forEach((k, v) -> assertThat(two.get(k)).containsExactly(v));
        assertThat(second).isDeepEqualTo(first);
    }

    private static float[][] run(HybridArchitecture a, Map<String, float[]> p, float[] px, float[] sx, float[] tx) {
        try (NDManager m = Torch.newManager()) {
            HybridNetwork net = new HybridNetwork(m, a, p, Set.of());
            return Torch.toMatrix(net.forward(m, Torch.owned(m, px.clone(), new Shape(2, 1, 16, 16)),
                    Torch.owned(m, sx.clone(), new Shape(2, 10, 1)), Torch.owned(m, tx.clone(), new Shape(2, 2)), 0.3,
                    new SplittableRandom(11)));
        }
    }
}
