package io.transfab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The one look of every transfab plot: white background, light grid, sans-serif text, and the
 * Okabe-Ito palette (Okabe &amp; Ito, "Color Universal Design", 2008), which stays distinguishable
 * under the common forms of colour-vision deficiency.
 */
final class ChartStyle {
    private ChartStyle() {
    }

    static final int WIDTH = 480;
    static final int HEIGHT = 400;

    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color GREEN = new Color(0x009E73);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color PURPLE = new Color(0xCC79A7);
    static final Color SKY = new Color(0x56B4E9);
    static final Color YELLOW = new Color(0xF0E442);
    /** Series colours in order; yellow last because it is faint on white. */
    static final List<Color> PALETTE = List.of(BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, Color.BLACK, YELLOW);

    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x777777);
    static final Color GRID = new Color(0xE4E4E4);
    static final Color REFERENCE = new Color(0x555555);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final Stroke GRID_STROKE = new BasicStroke(1.0f);
    static final Stroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);

    /** Placeholder for the id prefix of clip paths, replaced by a content hash so inline figures never clash. */
    private static final String ID_PLACEHOLDER = "tfsvgidprefix";

    static Color color(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** A chart with title and (optionally) a legend below the plot, all styled. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        TextTitle t = chart.getTitle();
        t.setPaint(TEXT);
        t.setPadding(new RectangleInsets(2, 0, 8, 0));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(SMALL_FONT);
            l.setItemPaint(TEXT);
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
            l.setPosition(RectangleEdge.BOTTOM);
            l.setPadding(new RectangleInsets(6, 0, 0, 0));
        }
        return chart;
    }

    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(AXIS);
        plot.setOutlineStroke(new BasicStroke(1.0f));
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(GRID_STROKE);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage("no data");
        plot.setNoDataMessageFont(LABEL_FONT);
    }

    static void style(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(AXIS);
        plot.setOutlineStroke(new BasicStroke(1.0f));
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage("no data");
        plot.setNoDataMessageFont(LABEL_FONT);
    }

    static void style(Axis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
        axis.setAxisLineVisible(false); // the plot outline already draws the frame
    }

    /** A linear value axis with locale-independent tick labels. */
    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new SparseNumberAxis(label, 8);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        axis.setAutoRangeIncludesZero(false);
        style(axis);
        return axis;
    }

    /** Where the plot's data area lands when the chart is drawn at the given size. */
    static Rectangle2D dataArea(JFreeChart chart, int width, int height) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(new SVGGraphics2D(width, height), new Rectangle2D.Double(0, 0, width, height), info);
        return info.getPlotInfo().getDataArea();
    }

    /**
     * Draws the chart into an SVG element that scales with its container (viewBox) and carries an
     * accessible title. Ids inside the SVG are prefixed with a hash of its content, so several
     * figures inlined into one HTML page cannot refer to each other's clip paths.
     */
    static Svg toSvg(JFreeChart chart, int width, int height, String title) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(ID_PLACEHOLDER);
        g2.setGeomDoubleConverter(Fmt::coord);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        String svg = g2.getSVGElement(ID_PLACEHOLDER + "root", true, new ViewBox(0, 0, width, height), null, null);
        String prefix = "tf" + sha256(svg).substring(0, 12) + "-";
        svg = svg.replace(ID_PLACEHOLDER, prefix);
        int open = svg.indexOf('>');
        String a11y = " role=\"img\" aria-label=\"" + Html.escape(title) + "\"";
        svg = svg.substring(0, open) + a11y + "><title>" + Html.escape(title) + "</title>" + svg.substring(open + 1);
        return new Svg(svg);
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
