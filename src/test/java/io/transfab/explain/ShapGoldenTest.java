package io.transfab.explain;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.model.Ensemble;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.MlpRegressor;
import io.transfab.model.nn.NnFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Exact SHAP values of an MLP ensemble against values the implementation computed before the
 * vectorised forward pass and the coalition changes of issue 14
 * (src/test/resources/golden/shap_exact_mlp_ensemble.json; how it was made:
 * shap_exact_mlp_ensemble.txt). The ensemble has a member of every activation, layers wider and
 * narrower than the vector path's threshold, and the model calls are large enough to be split into
 * parallel tasks.
 */
class ShapGoldenTest {
    static final String RESOURCE = "/golden/shap_exact_mlp_ensemble.json";
    private static final Players PLAYERS = Players.of(List.of("a", "b", "c", "d", "binder"),
            new int[][] {{0}, {1}, {2}, {3}, {4, 5}});
    private static final List<String> TARGETS = List.of("y1", "y2");

    /** Four seeded networks 6 -> ... -> 2, one per activation, with widths off the 4-wide steps. */
    static Ensemble ensemble() {
        int[][] shapes = {{6, 16, 12, 2}, {6, 9, 2}, {6, 33, 8, 2}, {6, 5, 7, 2}};
        Activation[] activations = {Activation.SILU, Activation.RELU, Activation.TANH, Activation.GELU};
        List<MlpRegressor> members = new ArrayList<>();
        for (int k = 0; k < shapes.length; k++) {
            members.add(NnFixtures.randomNetwork(activations[k], 100 + k, shapes[k]));
        }
        return Ensemble.of(members);
    }

    /** Rows with four numbers (one of them on three levels, so coalitions share values) and a one-hot pair. */
    static double[][] rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (double[] r : x) {
            r[0] = rng.nextDouble(-2, 2);
            r[1] = rng.nextDouble(0, 3);
            r[2] = rng.nextGaussian();
            r[3] = rng.nextInt(3) - 1;
            r[4 + rng.nextInt(2)] = 1;
        }
        return x;
    }

    static ShapValues explain(int threads) {
        return explain(rows(40, 5L), threads);
    }

    static ShapValues explain(double[][] x, int threads) {
        Ensemble model = ensemble();
        EncodedPredictor f = r -> model.predict(r).mean();
        Background bg = Background.sample(rows(60, 7L), 12, 3L, "rows");
        return ShapExplainer.of(f, PLAYERS, TARGETS, bg).explain(x,
                ShapOptions.defaults().withMethod(ShapMethod.EXACT).withThreads(threads), 0L, Progress.NONE);
    }

    @Test
    void exactValuesOfAnMlpEnsembleEqualTheGoldenOnes() throws IOException {
        // Given the golden values (written by the implementation before issue 14's speed changes)
        JsonNode golden;
        try (InputStream in = ShapGoldenTest.class.getResourceAsStream(RESOURCE)) {
            golden = Json.MAPPER.readTree(in);
        }

        // When explaining the same rows of the same ensemble
        ShapValues s = explain(2);

        // Then base values, predictions and every Shapley value agree to 1e-12, and additivity holds
        assertEquals(golden.get("rows").size(), s.rowCount());
        for (int t = 0; t < TARGETS.size(); t++) {
            assertClose(s.baseValue(t), golden.get("base").get(t).asDouble(), 1e-12, 1e-14, "base " + t);
            for (int i = 0; i < s.rowCount(); i++) {
                JsonNode row = golden.get("rows").get(i);
                assertClose(s.prediction(i, t), row.get("prediction").get(t).asDouble(), 1e-12, 1e-14,
                        "prediction " + i);
                double sum = s.baseValue(t);
                for (int j = 0; j < PLAYERS.count(); j++) {
                    assertClose(s.value(i, t, j), row.get("phi").get(t).get(j).asDouble(), 1e-12, 1e-13,
                            "phi row " + i + " target " + t + " player " + j);
                    sum += s.value(i, t, j);
                }
                assertClose(sum, s.prediction(i, t), 1e-12, 1e-12, "additivity row " + i + " target " + t);
            }
        }
    }

    @Test
    void valuesDoNotDependOnTheThreadCount() {
        // Given 240 rows (86 400 model rows: two model calls, each split into parallel tasks)
        double[][] x = rows(240, 9L);
        assertTrue(x.length * 30L * 12 > CoalitionValues.CHUNK_ROWS);

        // When explained with one, two and three threads
        ShapValues one = explain(x, 1);
        ShapValues two = explain(x, 2);
        ShapValues three = explain(x, 3);

        // Then every value is bit-identical
        for (int t = 0; t < TARGETS.size(); t++) {
            assertEquals(one.baseValue(t), two.baseValue(t), 0.0);
            for (int i = 0; i < one.rowCount(); i++) {
                for (int j = 0; j < PLAYERS.count(); j++) {
                    assertEquals(one.value(i, t, j), two.value(i, t, j), 0.0, "row " + i + " player " + j);
                    assertEquals(one.value(i, t, j), three.value(i, t, j), 0.0, "row " + i + " player " + j);
                }
            }
        }
    }

    /** Writes the golden file from the implementation at hand (see shap_exact_mlp_ensemble.txt). */
    public static void main(String[] args) throws IOException {
        ShapValues s = explain(1);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("source", "ShapGoldenTest.main on the implementation before issue 14's speed changes");
        ArrayNode base = json.putArray("base");
        for (int t = 0; t < TARGETS.size(); t++) {
            base.add(s.baseValue(t));
        }
        ArrayNode rows = json.putArray("rows");
        for (int i = 0; i < s.rowCount(); i++) {
            ObjectNode row = rows.addObject();
            ArrayNode pred = row.putArray("prediction");
            ArrayNode phi = row.putArray("phi");
            for (int t = 0; t < TARGETS.size(); t++) {
                pred.add(s.prediction(i, t));
                ArrayNode pt = phi.addArray();
                for (int j = 0; j < PLAYERS.count(); j++) {
                    pt.add(s.value(i, t, j));
                }
            }
        }
        Files.writeString(Path.of(args[0]), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }
}
