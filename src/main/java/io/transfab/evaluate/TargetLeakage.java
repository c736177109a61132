package io.transfab.evaluate;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Features that are an almost exact monotone function of a target on the training rows
 * (|Spearman rho| above {@value #THRESHOLD}): usually a property measured after the fact
 * (porosity beside density), which makes a model look good and predict nothing useful.
 */
public final class TargetLeakage {
    /** |rho| above which a feature is flagged. */
    public static final double THRESHOLD = 0.98;
    /** Fewest rows checked: on a handful of rows any smooth trend ranks perfectly. */
    public static final int MIN_ROWS = 8;

    private TargetLeakage() {
    }

    /**
     * One warning per (numeric feature, target) pair above the threshold, on the dataset's rows
     * (none below {@value #MIN_ROWS} rows).
     */
    public static List<String> warnings(Dataset data) {
        List<String> out = new ArrayList<>();
        if (!data.hasTargets() || data.size() < MIN_ROWS) {
            return out;
        }
        double[][] x = data.x();
        double[][] y = data.y();
        List<String> targets = data.schema().targetNames();
        int offset = 0;
        for (Column f : data.schema().features()) {
            if (f.type() == ColumnType.NUMERIC) {
                double[] xf = column(x, offset);
                for (int t = 0; t < targets.size(); t++) {
                    double rho = Spearman.rho(xf, column(y, t));
                    if (Math.abs(rho) > THRESHOLD) {
                        out.add(String.format(Locale.ROOT, "feature '%s' is an almost exact function of target "
                                + "'%s' (Spearman rho %.4f on the %d training rows): if it is measured on the "
                                + "product rather than set before making it, leave it out of --features",
                                f.name(), targets.get(t), rho, data.size()));
                    }
                }
            }
            offset += f.width();
        }
        return out;
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }
}
