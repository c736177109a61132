package io.transfab.simulate;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {
    private static final String Y = "density_g_cm3";
    private static final Table CLEAN = ElectrodeSimulator.of(Chemistry.NMC).simulate(2000, 11);

    private static Corruption only(double threshold, int labs, double snr, double dof, double scale, double fraction,
            double size) {
        return new Corruption(List.of(Y), threshold, labs, labs > 0 ? 0.5 : 0, labs > 0 ? 0.1 : 0, snr, dof, scale,
                fraction, size);
    }

    private static double[] column(Table t, String name) {
        int c = t.indexOf(name);
        double[] v = new double[t.rowCount()];
        for (int r = 0; r < v.length; r++) {
            v[r] = t.number(r, c);
        }
        return v;
    }

    private static double sd(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    @Test
    void noneLeavesTheTableAsItIs() {
        // Given no corruption / When applied / Then the very same table comes back
        assertThat(Corruption.none().isNone()).isTrue();
        assertThat(Corruption.none().apply(CLEAN, 1).table()).isSameAs(CLEAN);
    }

    @Test
    void theSameSeedGivesTheSameTableAndAnotherSeedAnother() {
        // Given every effect at once
        Corruption c = new Corruption(List.of(Y, "porosity"), 0.2, 3, 0.3, 0.05, 3, 3, 0.2, 0.05, 4);
        // When applied twice with one seed and once with another
        Table a = c.apply(CLEAN, 5).table();
        Table b = c.apply(CLEAN, 5).table();
        Table d = c.apply(CLEAN, 6).table();
        // Then the first two agree cell by cell and the third differs
        for (int r = 0; r < a.rowCount(); r++) {
            assertEquals(a.row(r), b.row(r));
        }
        assertThat(column(d, Y)).isNotEqualTo(column(a, Y));
        assertThat(a.names()).endsWith("lab");
    }

    @Test
    void outliersShiftAboutTheGivenShareOfRowsByExactlyTheirSize() {
        // Given 10 % outliers of 4 SD and nothing else
        Corruption.Result r = only(0, 0, 0, 0, 0, 0.1, 4).apply(CLEAN, 3);
        double[] before = column(CLEAN, Y);
        double[] after = column(r.table(), Y);
        double sd = sd(before);
        List<Integer> rows = r.drawn().get(0).outlierRows();
        // Then about 200 of 2000 rows (binomial SD 13) moved by +-4 SD and the others not at all
        assertThat(rows.size()).isBetween(150, 250);
        assertClose(r.drawn().get(0).sd(), sd, 1e-9, 0, "column SD");
        for (int i = 0; i < before.length; i++) {
            double shift = Math.abs(after[i] - before[i]);
            assertClose(shift, rows.contains(i) ? 4 * sd : 0, 0, 1e-3, "shift of row " + i);
        }
    }

    @Test
    void aSignalToNoiseRatioOfTwoAddsNoiseOfHalfTheColumnSd() {
        // Given SNR 2 only
        double[] before = column(CLEAN, Y);
        double[] after = column(only(0, 0, 2, 0, 0, 0, 0).apply(CLEAN, 3).table(), Y);
        double[] noise = new double[before.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = after[i] - before[i];
        }
        // Then the added noise has SD sd / 2 (sampling error of an SD from 2000 draws: 1.6 %)
        assertClose(sd(noise), sd(before) / 2, 0.06, 0, "noise SD");
    }

    @Test
    void studentTDrawsHaveTheVarianceDofOverDofMinusTwo() {
        // Given 40000 Student-t draws with 5 and with 3.5 degrees of freedom
        SplittableRandom rng = new SplittableRandom(1);
        for (double dof : new double[] {5, 30}) {
            double[] v = new double[40000];
            for (int i = 0; i < v.length; i++) {
                v[i] = Corruption.studentT(dof, rng);
            }
            // Then their variance is dof / (dof - 2) (5/3 and 30/28), within sampling error
            double s = sd(v);
            assertClose(s * s, dof / (dof - 2), 0.06, 0, "variance of t(" + dof + ")");
        }
    }

    @Test
    void gammaDrawsHaveMeanAndVarianceEqualToTheirShape() {
        // Given Gamma(0.5) and Gamma(4) draws (shape below 1 goes through the boost)
        SplittableRandom rng = new SplittableRandom(2);
        for (double shape : new double[] {0.5, 4}) {
            double[] v = new double[40000];
            double m = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = Corruption.gamma(shape, rng);
                m += v[i];
            }
            m /= v.length;
            // Then mean and variance are both the shape (Gamma(k, 1))
            assertClose(m, shape, 0.03, 0, "mean of Gamma(" + shape + ")");
            double s = sd(v);
            assertClose(s * s, shape, 0.06, 0, "variance of Gamma(" + shape + ")");
        }
    }

    @Test
    void aThresholdFloorsTheLowestValuesAtTheQuantile() {
        // Given a threshold at the 30 % quantile
        Corruption.Result r = only(0.3, 0, 0, 0, 0, 0, 0).apply(CLEAN, 3);
        double[] after = column(r.table(), Y);
        double floor = r.drawn().get(0).thresholdValue();
        // Then nothing lies below it and about 30 % of the rows sit on it
        int on = 0;
        for (double v : after) {
            assertThat(v).isGreaterThanOrEqualTo(floor - 1e-4);
            on += Math.abs(v - floor) < 1e-4 ? 1 : 0;
        }
        assertThat(on).isBetween(580, 640);
    }

    @Test
    void labsRecordMeanPlusScaledDeviationPlusOffset() {
        // Given three labs and nothing else
        Corruption.Result r = only(0, 3, 0, 0, 0, 0, 0).apply(CLEAN, 3);
        double[] before = column(CLEAN, Y);
        double[] after = column(r.table(), Y);
        double mean = java.util.Arrays.stream(before).average().orElseThrow();
        Corruption.ColumnDrawn d = r.drawn().get(0);
        int lab = r.table().indexOf("lab");
        // Then row i belongs to lab (i mod 3) + 1 and reads mean + g (y - mean) + o of that lab
        for (int i = 0; i < before.length; i++) {
            int l = i % 3;
            assertEquals("lab" + (l + 1), r.table().cell(i, lab));
            assertClose(after[i], mean + d.labScales().get(l) * (before[i] - mean) + d.labOffsets().get(l), 1e-4, 0,
                    "row " + i);
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        // Given effects without columns, a missing column, a quantile of 1 and a table that has a lab column
        assertThatThrownBy(() -> new Corruption(List.of(), 0, 0, 0, 0, 3, 0, 0, 0, 0))
                .isInstanceOf(DataException.class).hasMessageContaining("--corrupt");
        assertThatThrownBy(() -> new Corruption(List.of("nope"), 0, 0, 0, 0, 3, 0, 0, 0, 0).apply(CLEAN, 1))
                .isInstanceOf(DataException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> only(1, 0, 0, 0, 0, 0, 0)).isInstanceOf(DataException.class)
                .hasMessageContaining("--threshold");
        Table withLab = only(0, 2, 0, 0, 0, 0, 0).apply(CLEAN, 1).table();
        assertThatThrownBy(() -> only(0, 2, 0, 0, 0, 0, 0).apply(withLab, 1)).isInstanceOf(DataException.class)
                .hasMessageContaining("lab");
    }
}
