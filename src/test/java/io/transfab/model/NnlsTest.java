package io.transfab.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** {@link Nnls} against scipy.optimize.nnls (src/test/resources/golden/nnls_scipy.json, from nnls_scipy.py.txt). */
class NnlsTest {
    @Test
    void matchesScipyOnEveryGoldenCase() throws IOException {
        // Given the golden designs, responses and scipy's solutions
        JsonNode golden;
        try (InputStream in = NnlsTest.class.getResourceAsStream("/golden/nnls_scipy.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : golden.get("cases")) {
            double[][] a = new ObjectMapper().convertValue(c.get("a"), double[][].class);
            double[] b = new ObjectMapper().convertValue(c.get("b"), double[].class);
            double[] expected = new ObjectMapper().convertValue(c.get("w"), double[].class);
            // When solving
            double[] w = Nnls.solve(a, b);
            // Then the weights and the residual norm match scipy's
            Approx.assertClose(w, expected, 1e-6, 1e-8, c.get("name").asText());
            double rss = 0;
            for (int i = 0; i < a.length; i++) {
                double r = b[i];
                for (int j = 0; j < w.length; j++) {
                    r -= a[i][j] * w[j];
                }
                rss += r * r;
            }
            Approx.assertClose(Math.sqrt(rss), c.get("residualNorm").asDouble(), 1e-8, 1e-10,
                    c.get("name").asText() + " residual norm");
        }
    }

    @Test
    void aResponseInsideTheConeIsReproducedExactly() {
        // Given b = 2 a1 + 0.5 a2 (hand-derived: the unconstrained solution is feasible)
        double[][] a = {{1, 0}, {0, 1}, {1, 1}};
        double[] b = {2, 0.5, 2.5};
        // Then NNLS returns it
        Approx.assertClose(Nnls.solve(a, b), new double[] {2, 0.5}, 1e-10, 1e-12, "w");
    }

    @Test
    void mismatchedRowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Nnls.solve(new double[][] {{1}}, new double[] {1, 2}));
    }
}
