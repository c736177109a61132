package io.transfab.design;

import io.transfab.data.DataException;
import java.util.List;

/**
 * A simulated lab of the design studies: runs points of its parameter space and reports measured (noisy) or
 * true properties. Implemented by the electrode simulator ({@link SimulatorLab}) and the tabular GDL simulator
 * ({@link GdlLab}).
 */
public interface Lab {
    /** The space whose points the lab runs. */
    ParameterSpace parameterSpace();

    /** Short name of the lab (chemistry or GDL family) for tables and titles. */
    String name();

    /** The lab's typical process window (its default space) as a parameter space file. */
    String windowYaml();

    /** Every property the lab reports, in the order of the indices of {@link #measure}. */
    List<String> propertyNames();

    /** Units in the order of {@link #propertyNames()}. */
    List<String> propertyUnits();

    /**
     * Measures every point once: {@code out[i][k]} is property {@code properties[k]} of point i, run i drawn from
     * {@code Seeds.derive(seed, i)} (so a longer list measures its prefix identically).
     */
    double[][] measure(List<double[]> points, int[] properties, long seed);

    /** The properties of a point without measurement noise. */
    double[] truth(double[] point, int[] properties);

    /** Index of {@code property} in {@link #propertyNames()}; a user error listing them otherwise. */
    default int indexOf(String property) {
        int i = propertyNames().indexOf(property);
        if (i < 0) {
            throw DataException.option("unknown property '" + property + "'; the " + name() + " lab reports: "
                    + String.join(", ", propertyNames()));
        }
        return i;
    }
}
