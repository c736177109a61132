package io.transfab.evaluate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979, <i>Scand. J. Statist.</i> 6:65-70) step-down adjustment of a family of p-values,
 * which keeps the chance of any false positive in the family at alpha without assuming
 * independence: with the m finite p-values sorted, p_(1) <= ... <= p_(m),
 *
 * <pre>  p~_(i) = max over k <= i of min(1, (m - k + 1) p_(k))</pre>
 *
 * and a hypothesis is rejected when its adjusted p-value is below alpha. NaN entries (untested
 * comparisons) are not part of the family and stay NaN.
 */
public final class Holm {
    private Holm() {
    }

    /** The adjusted p-values, in the order of {@code pValues}. */
    public static double[] adjust(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        int m = 0;
        for (int i = 0; i < pValues.length; i++) {
            if (!Double.isNaN(pValues[i])) {
                if (pValues[i] < 0 || pValues[i] > 1) {
                    throw new IllegalArgumentException("p-values lie in [0, 1]; got " + pValues[i]);
                }
                order[m++] = i;
            }
        }
        Integer[] tested = Arrays.copyOf(order, m);
        Arrays.sort(tested, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * pValues[tested[k]]));
            adjusted[tested[k]] = running;
        }
        return adjusted;
    }
}
