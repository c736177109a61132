package io.transfab.workflow;

import io.transfab.data.Table;
import io.transfab.simulate.Corruption;
import java.util.Locale;
import java.util.function.Consumer;

/** Realistic corruption of a simulated table, with one report line per corrupted column (docs/simulator.md). */
public final class Corruptions {
    private Corruptions() {
    }

    /** The corrupted table; {@code report} gets what was drawn for each column (nothing when none). */
    public static Table apply(Corruption c, Table t, long seed, Consumer<String> report) {
        if (c.isNone()) {
            return t;
        }
        Corruption.Result r = c.apply(t, seed);
        for (Corruption.ColumnDrawn d : r.drawn()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  corrupted %s (SD %.4g): %d outliers",
                    d.column(), d.sd(), d.outlierRows().size()));
            if (Double.isFinite(d.thresholdValue())) {
                sb.append(String.format(Locale.ROOT, ", threshold %.4g", d.thresholdValue()));
            }
            for (int l = 0; l < d.labScales().size(); l++) {
                sb.append(String.format(Locale.ROOT, ", lab%d x%.3f %+.4g", l + 1, d.labScales().get(l),
                        d.labOffsets().get(l)));
            }
            report.accept(sb.toString());
        }
        return r.table();
    }
}
