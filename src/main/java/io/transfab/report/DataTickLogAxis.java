package io.transfab.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A horizontal log axis whose ticks sit exactly at the given data values (e.g. 5, 10, 20, 40
 * target rows), which reads better than ticks at powers of ten for a handful of sizes.
 */
final class DataTickLogAxis extends LogAxis {
    private final double[] ticks;

    DataTickLogAxis(String label, double[] ticks) {
        super(label);
        this.ticks = ticks.clone();
    }

    @Override
    protected List<ValueTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> out = new ArrayList<>();
        for (double t : ticks) {
            if (getRange().contains(t)) {
                out.add(new NumberTick(t, label(t), TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0.0));
            }
        }
        return out;
    }

    private static String label(double v) {
        return (v == Math.rint(v) && Math.abs(v) < 1e15) ? Long.toString((long) v) : Fmt.sig(v, 3);
    }
}
