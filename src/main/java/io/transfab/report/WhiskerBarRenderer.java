package io.transfab.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.data.category.CategoryDataset;

/**
 * A single-series bar renderer that adds an interval whisker with end caps to each bar, e.g. the
 * spread of a feature importance over repeats. Intervals may be asymmetric; a NaN end draws none.
 */
final class WhiskerBarRenderer extends BarRenderer {
    private final double[] lower;
    private final double[] upper;

    WhiskerBarRenderer(double[] lower, double[] upper) {
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != getPassCount() - 1 || !Double.isFinite(lower[column]) || !Double.isFinite(upper[column])) {
            return;
        }
        double mid = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea,
                plot.getDomainAxisEdge());
        double a = rangeAxis.valueToJava2D(lower[column], dataArea, plot.getRangeAxisEdge());
        double b = rangeAxis.valueToJava2D(upper[column], dataArea, plot.getRangeAxisEdge());
        double cap = Math.min(8.0, state.getBarWidth() * 0.5) / 2.0;
        g2.setPaint(ChartStyle.TEXT);
        g2.setStroke(new BasicStroke(1.4f));
        if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            g2.draw(new Line2D.Double(a, mid, b, mid));
            g2.draw(new Line2D.Double(a, mid - cap, a, mid + cap));
            g2.draw(new Line2D.Double(b, mid - cap, b, mid + cap));
        } else {
            g2.draw(new Line2D.Double(mid, a, mid, b));
            g2.draw(new Line2D.Double(mid - cap, a, mid + cap, a));
            g2.draw(new Line2D.Double(mid - cap, b, mid + cap, b));
        }
    }
}
