package io.transfab.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The scipy reference values in src/test/resources/golden/statistics_scipy.json (produced by
 * statistics_scipy.py.txt in the same folder; header lines start with '#').
 */
final class StatisticsGolden {
    private static JsonNode root;

    private StatisticsGolden() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = StatisticsGolden.class.getResourceAsStream("/golden/statistics_scipy.json")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                root = new ObjectMapper().readTree(
                        text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static int[][] intMatrix(JsonNode node) {
        int[][] out = new int[node.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = node.get(r);
            out[r] = new int[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).asInt();
            }
        }
        return out;
    }
}
