package io.transfab.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis that, after JFreeChart's automatic tick selection (which only avoids overlapping
 * labels), steps up to larger tick units until at most {@code maxTicks} intervals remain, so that
 * tall or wide plots do not get a crowded scale.
 */
final class SparseNumberAxis extends NumberAxis {
    private final int maxTicks;

    SparseNumberAxis(String label, int maxTicks) {
        super(label);
        if (maxTicks < 2) {
            throw new IllegalArgumentException("maxTicks must be at least 2, got " + maxTicks);
        }
        this.maxTicks = maxTicks;
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        TickUnitSource units = getStandardTickUnits();
        NumberTickUnit unit = getTickUnit();
        double length = getRange().getLength();
        for (int guard = 0; guard < 64 && length / unit.getSize() > maxTicks; guard++) {
            NumberTickUnit larger = (NumberTickUnit) units.getLargerTickUnit(unit);
            if (larger.getSize() <= unit.getSize()) {
                break;
            }
            unit = larger;
        }
        setTickUnit(unit, false, false);
    }
}
