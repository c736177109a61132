package io.transfab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The explanation plots: well-formed SVG with their titles, and mismatched inputs rejected. */
class ExplainPlotsTest {
    private static void check(Svg svg, String title) throws Exception {
        Document doc = SvgXml.parse(svg.markup());
        assertTrue(SvgXml.texts(doc, "title").contains(title), title);
        assertFalse(svg.markup().contains("NaN"), "no NaN coordinates");
    }

    @Test
    void everyExplanationPlotIsWellFormed() throws Exception {
        // Given small inputs for each plot, When rendered, Then each parses and carries its title
        double[][] shap = {{0.1, -0.2}, {0.3, 0.0}, {-0.1, 0.2}, {0.1, Double.NaN}};
        double[][] colour = {{0, 1}, {0.5, 0.2}, {1, Double.NaN}, {0.3, 0.3}};
        check(Plots.beeswarm("swarm t", "SHAP [g/cm3]", List.of("gap", "load"), shap, colour), "swarm t");
        check(Plots.waterfall("fall t", "density [g/cm3]", List.of("gap = 100", "load = 2"), new double[] {0.2, -0.1},
                2.0, 2.1), "fall t");
        check(Plots.dependence("pd t", "gap [um]", "density", new double[] {1, 2, 3},
                new double[][] {{1, 2, 3}, {2, 2, 2}}, new double[] {1.5, 2, 2.5}), "pd t");
        check(Plots.heatmap("heat t", "gap", "load", "density", new double[] {1, 2, 3}, new double[] {0, 1},
                new double[][] {{1, 2}, {2, 3}, {3, 4}}), "heat t");
    }

    @Test
    void mismatchedInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Plots.waterfall("t", "v", List.of("a"),
                new double[] {1, 2}, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Plots.heatmap("t", "x", "y", "z", new double[] {1, 2},
                new double[] {1}, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> Plots.dependence("t", "x", "y", new double[] {1, 2},
                new double[][] {{1}}, new double[] {1, 2}));
    }
}
