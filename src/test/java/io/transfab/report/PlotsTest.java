package io.transfab.report;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PlotsTest {
    private static final double[] MEASURED = {1, 2, 3, 4};
    private static final double[] PREDICTED = {1.1, 1.9, 3.2, 3.8};
    private static final double[] SIZES = {5, 10, 20, 40};

    private static Document parseWithTitle(Svg svg, String title) throws Exception {
        Document doc = SvgXml.parse(svg.markup());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(SvgXml.texts(doc, "title").contains(title), "accessible <title> " + title);
        assertTrue(SvgXml.texts(doc, "text").contains(title), "title drawn as text: " + title);
        assertFalse(svg.markup().contains("NaN"), "no NaN coordinates in the markup");
        return doc;
    }

    @Test
    void everyPlotIsWellFormedSvgWithItsTitle() throws Exception {
        // Given one call of each plot method
        List<Supplier<Svg>> plots = List.of(
                () -> Plots.parity("parity t", "density [g/cm3]", MEASURED, PREDICTED, new double[] {.1, .2, .1, .3}),
                () -> Plots.residuals("residuals t", "density [g/cm3]", PREDICTED, new double[] {-.1, .1, -.2, .2}),
                () -> Plots.learningCurves("curves t", "RMSE [g/cm3]",
                        List.of(CurveSeries.of("a", SIZES, new double[] {4, 3, 2, 1}, new double[] {3, 2, 1, .5},
                                new double[] {5, 4, 3, 2}), CurveSeries.of("b", SIZES, new double[] {5, 4, 3, 2}))),
                () -> Plots.bars("bars t", "importance [-]", List.of("x1", "x2"), new double[] {.5, .2},
                        new double[] {.4, .1}, new double[] {.6, .3}),
                () -> Plots.scatter("scatter t", "x [mm]", "y [s]", new double[] {1, 2, 3}, new double[] {3, 1, 2}));
        String[] titles = {"parity t", "residuals t", "curves t", "bars t", "scatter t"};

        // When each is rendered, Then it parses as XML and carries its title
        for (int i = 0; i < plots.size(); i++) {
            Svg svg = plots.get(i).get();
            parseWithTitle(svg, titles[i]);
            assertTrue(svg.markup().contains("viewBox='0 0 480 "), "scalable figure of width 480");
        }
    }

    @Test
    void plotsRunHeadless() {
        // Given / When a plot is drawn
        Plots.scatter("s", "x", "y", new double[] {1}, new double[] {2});

        // Then the AWT headless mode is switched on, so the CLI works without a display
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void parityPrintsR2RmseAndCountWithUnit() throws Exception {
        // Given residuals -0.1, 0.1, -0.2, 0.2: SS_res = 0.10, SS_tot = 5, so R2 = 0.98, RMSE = sqrt(0.025)
        // When
        Svg svg = Plots.parity("p", "density [g/cm3]", MEASURED, PREDICTED, null);

        // Then
        List<String> texts = SvgXml.texts(SvgXml.parse(svg.markup()), "text");
        assertTrue(texts.contains("R² = 0.980"), texts.toString());
        assertTrue(texts.contains("RMSE = 0.158 g/cm3"), texts.toString());
        assertTrue(texts.contains("n = 4"), texts.toString());
        assertTrue(texts.contains("measured density [g/cm3]"), texts.toString());
        assertTrue(texts.contains("predicted density [g/cm3]"), texts.toString());
    }

    @Test
    void parityWithNaNStdAndNonFiniteValuesDoesNotFail() throws Exception {
        // Given all-NaN std, and one non-finite measurement
        double[] std = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double[] measured = {1, Double.NaN, 3, 4};

        // When
        Svg allNan = Plots.parity("nan std", "y [-]", MEASURED, PREDICTED, std);
        Svg partly = Plots.parity("partly", "y [-]", measured, PREDICTED, new double[] {0.1, Double.NaN, -1, 0.2});

        // Then both are valid, and the left-out point is reported
        List<String> noBars = SvgXml.texts(parseWithTitle(allNan, "nan std"), "text");
        assertTrue(noBars.contains("prediction"), "legend promises no error bars: " + noBars);
        List<String> texts = SvgXml.texts(parseWithTitle(partly, "partly"), "text");
        assertTrue(texts.contains("n = 3 (1 non-finite left out)"), texts.toString());
        assertTrue(texts.contains("prediction ± 1 std"), texts.toString());
    }

    @Test
    void parityHasEqualAxisRangesAndIdenticalTicks() throws Exception {
        // Given measured values on a much narrower range than the predictions
        double[] measured = {10, 11, 12};
        double[] predicted = {5, 15, 30};

        // When
        List<String> texts = SvgXml.texts(SvgXml.parse(Plots.parity("p", "q [u]", measured, predicted, null).markup()),
                "text");

        // Then every tick label appears once per axis (same range, same unit on both axes)
        List<String> numeric = new ArrayList<>();
        for (String t : texts) {
            if (t.matches("-?\\d+(\\.\\d+)?")) {
                numeric.add(t);
            }
        }
        assertFalse(numeric.isEmpty());
        Set<String> distinct = new HashSet<>(numeric);
        assertEquals(2 * distinct.size(), numeric.size(), "tick labels " + numeric);
    }

    @Test
    void textIsEscapedInsideSvg() throws Exception {
        // Given a title with markup characters
        String title = "<script>alert(1)</script> & \"co\"";

        // When
        Svg svg = Plots.scatter(title, "x <a>", "y & z", new double[] {1, 2}, new double[] {2, 1});

        // Then the markup is still well-formed and the characters survive as text
        parseWithTitle(svg, title);
        assertFalse(svg.markup().contains("<script>"));
    }

    @Test
    void figuresHaveDistinctIdsAndRenderDeterministically() throws Exception {
        // Given two different figures and a repeat of the first
        Svg a = Plots.residuals("a", "q [u]", PREDICTED, new double[] {1, -1, 0, 2});
        Svg b = Plots.residuals("b", "q [u]", PREDICTED, new double[] {1, -1, 0, 2});
        Svg a2 = Plots.residuals("a", "q [u]", PREDICTED, new double[] {1, -1, 0, 2});

        // When their ids are collected
        Set<String> idsA = new HashSet<>(SvgXml.ids(SvgXml.parse(a.markup())));
        Set<String> idsB = new HashSet<>(SvgXml.ids(SvgXml.parse(b.markup())));

        // Then no id is shared (clip paths of inline figures must not clash) and output is repeatable
        assertFalse(idsA.isEmpty());
        assertTrue(idsA.stream().noneMatch(idsB::contains), idsA + " vs " + idsB);
        assertEquals(a.markup(), a2.markup());
        assertNotEquals(a.markup(), b.markup());
    }

    @Test
    void learningCurvesUseLogAxisWithDataTicksForDoublings() throws Exception {
        // Given sizes 5..40
        Svg svg = Plots.learningCurves("lc", "RMSE [g/cm3]",
                List.of(CurveSeries.of("m", SIZES, new double[] {4, 3, 2, 1}),
                        CurveSeries.of("with gap", SIZES, new double[] {5, Double.NaN, 3, 2})));

        // When
        List<String> texts = SvgXml.texts(parseWithTitle(svg, "lc"), "text");

        // Then the x axis is logarithmic with ticks at the sizes themselves
        assertTrue(texts.contains("number of target rows (log scale)"), texts.toString());
        assertTrue(texts.containsAll(List.of("5", "10", "20", "40")), texts.toString());
    }

    @Test
    void learningCurvesUseLinearAxisForNarrowSizeRange() throws Exception {
        Svg svg = Plots.learningCurves("lc", "R2 [-]",
                List.of(CurveSeries.of("m", new double[] {10, 12, 14}, new double[] {.5, .6, .7})));

        List<String> texts = SvgXml.texts(parseWithTitle(svg, "lc"), "text");

        assertTrue(texts.contains("number of target rows"), texts.toString());
    }

    @Test
    void emptyInputsStillRender() throws Exception {
        parseWithTitle(Plots.parity("e1", "q [u]", new double[0], new double[0], null), "e1");
        parseWithTitle(Plots.residuals("e2", "q [u]", new double[0], new double[0]), "e2");
        parseWithTitle(Plots.learningCurves("e3", "q [u]", List.of()), "e3");
        parseWithTitle(Plots.bars("e4", "q [u]", List.of(), new double[0], null, null), "e4");
        parseWithTitle(Plots.scatter("e5", "x", "y", new double[0], new double[0]), "e5");
    }

    @Test
    void barsGrowTallerWithManyLabels() throws Exception {
        // Given 30 labels
        List<String> labels = new ArrayList<>();
        double[] v = new double[30];
        for (int i = 0; i < 30; i++) {
            labels.add("feature " + i);
            v[i] = 30 - i;
        }

        // When
        Svg svg = Plots.bars("many", "importance [-]", labels, v, null, null);

        // Then the figure is taller than the default 400 px and shows every label
        Document doc = parseWithTitle(svg, "many");
        int height = Integer.parseInt(doc.getDocumentElement().getAttribute("height"));
        assertTrue(height > 400, "height " + height);
        assertTrue(SvgXml.texts(doc, "text").containsAll(labels));
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Plots.parity("p", "q", new double[] {1, 2}, new double[] {1}, null));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.parity("p", "q", new double[] {1, 2}, new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.residuals("p", "q", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.bars("b", "v", List.of("a"), new double[] {1}, new double[] {0}, null));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.bars("b", "v", List.of("a", "a"), new double[] {1, 2}, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.bars("b", "v", List.of("a"), new double[] {1, 2}, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.learningCurves("l", "y", List.of(CurveSeries.of("a", SIZES, SIZES),
                        CurveSeries.of("a", SIZES, SIZES))));
        assertThrows(IllegalArgumentException.class,
                () -> CurveSeries.of("a", SIZES, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> CurveSeries.of("a", new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertThrows(NullPointerException.class,
                () -> Plots.scatter(null, "x", "y", new double[0], new double[0]));
    }

    @Test
    void curveSeriesCopiesItsArrays() {
        // Given
        double[] x = {5, 10};
        CurveSeries c = CurveSeries.of("c", x, new double[] {1, 2});

        // When the caller's array and a returned copy are changed
        x[0] = 99;
        c.x()[1] = 99;

        // Then the series is unaffected, and equality is by content
        assertClose(c.x(), new double[] {5, 10}, 0, 0, "x");
        assertEquals(CurveSeries.of("c", new double[] {5, 10}, new double[] {1, 2}), c);
        assertTrue(Double.isNaN(c.lower()[0]), "no band without bounds");
    }

    @Test
    void svgRejectsAnythingButOneSvgElement() {
        assertThrows(IllegalArgumentException.class, () -> new Svg("  "));
        assertThrows(IllegalArgumentException.class, () -> new Svg("<div></div>"));
        assertThrows(NullPointerException.class, () -> new Svg(null));
        assertEquals("<svg></svg>", new Svg(" <svg></svg>\n").markup());
    }

    @Test
    void fitStatsFollowTheirDefinitions() {
        // Given residuals -0.1, 0.1, -0.2, 0.2 around a mean-2.5 measurement
        FitStats s = FitStats.of(MEASURED, PREDICTED);

        // Then R2 = 1 - 0.10 / 5 and RMSE = sqrt(0.10 / 4)
        assertClose(s.r2(), 0.98, 1e-12, 1e-12, "R2");
        assertClose(s.rmse(), Math.sqrt(0.025), 1e-12, 1e-12, "RMSE");
        assertEquals(4, s.n());

        // and degenerate inputs give NaN instead of failing
        FitStats constant = FitStats.of(new double[] {2, 2, Double.NaN}, new double[] {1, 3, 0});
        assertTrue(Double.isNaN(constant.r2()));
        assertClose(constant.rmse(), 1.0, 1e-12, 0, "RMSE of constant");
        assertEquals(1, constant.omitted());
        assertTrue(Double.isNaN(FitStats.of(new double[0], new double[0]).rmse()));
    }

    @Test
    void labelsAreSplitIntoQuantityAndUnit() {
        assertEquals("g/cm3", Plots.unitOf("density [g/cm3]"));
        assertEquals("", Plots.unitOf("score"));
        assertEquals("density residual [g/cm3]", Plots.residualLabel("density [g/cm3]"));
        assertEquals("score residual", Plots.residualLabel("score"));
    }

    @Test
    void numbersAreFormattedWithoutLocale() {
        assertEquals("0.158", Fmt.sig(0.158113883, 3));
        assertEquals("1200", Fmt.sig(1234.5, 2));
        assertEquals("1.23e-05", Fmt.sig(1.234e-5, 3));
        assertEquals("n/a", Fmt.sig(Double.NaN, 3));
        assertEquals("-0.500", Fmt.fixed(-0.5, 3));
        assertEquals("12.35", Fmt.coord(12.3456));
        assertEquals("3", Fmt.coord(3.0001));
    }
}
