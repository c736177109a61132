package io.transfab.testing;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A simulated high-throughput screening plate: Ni/Mn/Co/Al cation fractions (rounded to 0.001, as
 * published, so row sums are 1 +- 0.002 and a small Al share can round to 0) plus a calcination
 * temperature, and a specific capacity that depends on the composition through ratios:
 * <pre>
 *   capacity = 150 + 25 tanh(0.8 ln(Ni/Mn)) + 6 tanh(ln(Co/Mn)) - 3 ln(Al' / 0.02)^2
 *              + 0.02 (T - 800) + N(0, 1.5^2)     [mAh/g]
 * </pre>
 * with Al' = max(Al, 0.001), or, with {@code linear}, a response linear in the raw fractions
 * (where log-ratio coordinates have no built-in advantage):
 * <pre>
 *   capacity = 100 + 90 Ni + 30 Co - 300 Al + 0.02 (T - 800) + N(0, 1.5^2)
 * </pre>
 * Log-parts are drawn as N(1.2, 0.5), N(0, 0.5), N(0, 0.5), N(-2.5, 0.8)
 * for Ni, Mn, Co, Al and closed (so Ni ranges ~0.3-0.9 and Al ~0.005-0.06), T uniform in 700-900 C.
 * For tests and the composition study of docs/composition.md, not a physical model.
 */
public final class CathodeCompositions {
    public static final List<String> FEATURES = List.of("ni_frac", "mn_frac", "co_frac", "al_frac",
            "calcination_temp_c");
    public static final String TARGET = "capacity_mah_g";

    private CathodeCompositions() {
    }

    public static Schema schema() {
        List<Column> f = new ArrayList<>();
        for (String n : FEATURES) {
            f.add(Column.numeric(n, n.endsWith("_c") ? "C" : ""));
        }
        return new Schema(f, List.of(Column.numeric(TARGET, "mAh/g")));
    }

    /** {@code n} rows as encoded matrices: x (5 columns as {@link #FEATURES}) and y (the ratio response). */
    public static Dataset rows(int n, long seed) {
        return rows(n, seed, false);
    }

    /** {@link #rows(int, long)} with the ratio ({@code linear} false) or the linear response. */
    public static Dataset rows(int n, long seed, boolean linear) {
        Random r = new Random(seed);
        double[][] x = new double[n][];
        double[][] y = new double[n][1];
        double[] mu = {1.2, 0, 0, -2.5};
        double[] sd = {0.5, 0.5, 0.5, 0.8};
        for (int i = 0; i < n; i++) {
            double[] p = new double[4];
            double s = 0;
            for (int k = 0; k < 4; k++) {
                p[k] = Math.exp(mu[k] + sd[k] * r.nextGaussian());
                s += p[k];
            }
            for (int k = 0; k < 4; k++) {
                p[k] = Math.round(p[k] / s * 1000) / 1000.0;
            }
            double t = 700 + 200 * r.nextDouble();
            x[i] = new double[] {p[0], p[1], p[2], p[3], Math.round(t)};
            double c = linear ? 100 + 90 * p[0] + 30 * p[2] - 300 * p[3] + 0.02 * (t - 800)
                    : capacity(p[0], p[1], p[2], p[3], t);
            y[i][0] = c + 1.5 * r.nextGaussian();
        }
        return Dataset.of(schema(), x, y, "cathode-compositions");
    }

    /** The noise-free capacity. */
    public static double capacity(double ni, double mn, double co, double al, double t) {
        double a = Math.max(al, 0.001);
        double l = Math.log(a / 0.02);
        return 150 + 25 * Math.tanh(0.8 * Math.log(ni / mn)) + 6 * Math.tanh(Math.log(co / mn)) - 3 * l * l
                + 0.02 * (t - 800);
    }

    /** The rows as CSV text with a header. */
    public static String csv(Dataset d) {
        StringBuilder sb = new StringBuilder(String.join(",", FEATURES) + "," + TARGET + "\n");
        for (int i = 0; i < d.size(); i++) {
            double[] x = d.x()[i];
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.0f,%.4f%n", x[0], x[1], x[2], x[3], x[4],
                    d.y()[i][0]));
        }
        return sb.toString();
    }
}
